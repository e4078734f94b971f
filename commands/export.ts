import { exportStartedCard } from "../cards/export-reply";
import { noSchoolYearCard } from "../cards/school-score-reply";
import { tenantHasSchoolYear } from "../src/app/export-school";
import { exportFileName, periodLabel } from "../src/app/export-period";
import { defineCommand } from "../src/bot/command";
import { exportArgs } from "./args/export";
import { officeGate } from "./office-gate";

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
  example: { zh: "导出 2026-Q4", en: "/export 2026-Q4" },
  // 学校：导出 2025-2026学年 (第一学期、第二学期、学年 three sheets) or 导出 2025-2026学年第一学期.
  takesText: true,
  args: exportArgs,
  async handle(ctx) {
    if (!(await officeGate(ctx, "导出"))) return;
    const period = ctx.args;
    // 学年 / 学期: only where some group's scheme has a school year; otherwise say so rather than send an empty book.
    if (
      (period.kind === "schoolYear" || period.kind === "semester") &&
      !(await tenantHasSchoolYear(ctx.deps.db, ctx.group, ctx.now))
    ) {
      ctx.reply(noSchoolYearCard(periodLabel(period), ctx.lang));
      return;
    }
    const name = exportFileName(period);
    const { platform } = ctx.deps;
    const source = {
      kind: "export",
      platform,
      tenantKey: ctx.group.tenantKey,
      period: period.id,
      at: ctx.now.toISOString(),
    } as const;
    ctx.work.send(
      { type: "open_id", id: ctx.update.senderId },
      { text: name, file: { name, source } },
      `${ctx.work.keyPrefix}:export`,
    );
    const inPrivate = ctx.update.chatType === "p2p";
    ctx.reply(exportStartedCard(period, { label: periodLabel(period), name, inPrivate }, ctx.lang));
  },
});
