import { z } from "zod";
import { noticeCard } from "../cards/notice";
import { t, type Lang } from "../cards/kit";
import { exportFileName, parseExportPeriod, periodLabel, type ExportPeriod } from "../src/app/export-period";
import { defineCommand } from "../src/bot/command";
import { officeGate } from "./office-gate";

const EXAMPLE = { zh: "导出 2026-Q4", en: "/export 2026-Q4" };

const exportArgs = (lang: Lang) =>
  z.string().transform((text, ctx): ExportPeriod => {
    const period = parseExportPeriod(text);
    if (!period) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          "请写明要导出的期别：季度 2026-Q4、月份 2026-11 或年度 2026。",
          "Name the period: a quarter 2026-Q4, a month 2026-11 or a year 2026.",
        ),
      });
      return z.NEVER;
    }
    return period;
  });

/**
 * 导出: the tenant's results for a period as an .xlsx workbook, sent privately
 * to whoever asked as a file message. The workbook is rendered when the
 * message is delivered (see src/outbox/file.ts), not while Lark waits for
 * this event's answer.
 */
export const exportCommand = defineCommand({
  name: "导出",
  aliases: ["导出成绩", "export"],
  summary: {
    zh: "绩考办：把全单位某一期的结果导出为 Excel（成绩、审计记录、各部门一页），私聊发给你",
    en: "Office: the whole organisation's results for a period as an Excel file, sent to you privately",
  },
  example: EXAMPLE,
  takesText: true,
  args: exportArgs,
  async handle(ctx) {
    if (!(await officeGate(ctx, "导出"))) return;
    const period = ctx.args;
    const name = exportFileName(period);
    ctx.work.send(
      { type: "open_id", id: ctx.update.senderId },
      {
        text: name,
        file: {
          name,
          source: {
            kind: "export",
            platform: ctx.deps.platform,
            tenantKey: ctx.group.tenantKey,
            period: period.id,
            at: ctx.now.toISOString(),
          },
        },
      },
      `${ctx.work.keyPrefix}:export`,
    );
    ctx.reply(
      noticeCard({
        title: t(ctx.lang, "正在导出", "Exporting"),
        body: t(
          ctx.lang,
          `${periodLabel(period)}的考核结果（全单位各部门的成绩、名次、等次、奖金，审计记录）正在生成，稍后以文件「${name}」${ctx.update.chatType === "p2p" ? "发给你" : "私聊发给你"}。`,
          `The results for ${period.id} are being prepared; “${name}” will be sent to you privately.`,
        ),
        colour: "green",
      }),
    );
  },
});
