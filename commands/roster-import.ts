import { z } from "zod";
import { noticeCard } from "../cards/notice";
import { t } from "../cards/kit";
import { planRosterImport } from "../src/app/roster";
import { defineCommand, type CommandContext } from "../src/bot/command";
import { CsvDecodeError, decodeCsv, parseCsv } from "../src/domain/csv";
import { describeProblem, parseRoster, type RosterCell } from "../src/domain/roster";
import { readFirstSheet, XlsxReadError } from "../src/domain/xlsx/read";
import { isOffice, officeGate } from "./office-gate";
import { plainNotice } from "./guards";
import { excerpt } from "../src/domain/text";
import { localDate } from "../src/domain/dates";

/** How many problems the answer lists; the rest are counted. */
const SHOWN_PROBLEMS = 30;
/** A roster of 20,000 people is well under this; anything larger is not a roster. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

const HOW = "表头：姓名、部门（群名）、岗位、系数，可加「生效日期」（不填为今天，最早本月 1 日）；一人一行。";

type Kind = "xlsx" | "csv";
const kindOf = (name: string): Kind | undefined =>
  /\.xlsx$/i.test(name) ? "xlsx" : /\.csv$/i.test(name) ? "csv" : undefined;

function readRows(kind: Kind, bytes: Uint8Array): RosterCell[][] | string {
  try {
    return kind === "xlsx" ? readFirstSheet(bytes) : parseCsv(decodeCsv(bytes));
  } catch (error) {
    if (error instanceof XlsxReadError) return "读不出这个 .xlsx 文件，请用 Excel 或 WPS 重新保存为 .xlsx 后再发。";
    if (error instanceof CsvDecodeError) return "读不出这个 .csv 文件的文字编码，请另存为「CSV UTF-8」后再发。";
    throw error;
  }
}

function answerProblem(ctx: CommandContext<unknown>, body: string) {
  ctx.reply(noticeCard({ title: "花名册没有导入", body, hint: HOW, colour: "yellow" }));
}

/**
 * 花名册导入: the office sends the roster as a file (.xlsx or .csv), privately
 * or in a group. Every row is checked; all rows apply together, or none and
 * every problem is listed with its row and column.
 */
export const rosterImportCommand = defineCommand({
  name: "花名册导入",
  aliases: ["花名册", "roster"],
  summary: {
    zh: "绩考办：把花名册（姓名、部门、岗位、系数）的 .xlsx 或 .csv 文件直接发给我",
    en: "Office: send the roster (name, group, post, coefficient) as an .xlsx or .csv file",
  },
  example: { zh: "（发送文件）花名册.xlsx", en: "(send a file) roster.xlsx" },
  takesText: false,
  args: () => z.string(),
  async handle(ctx) {
    const file = ctx.update.file;
    if (!file) {
      // Typed as a command: say how it is done.
      ctx.reply(
        noticeCard({
          title: "导入花名册",
          body: `把花名册的 .xlsx 或 .csv 文件直接发给我（私聊或在群里）。${HOW}`,
          hint: "有问题的行会逐行列出；全部正确才会导入。",
          colour: "blue",
        }),
      );
      return;
    }
    const inGroup = ctx.update.chatType === "group";
    const kind = kindOf(file.name);
    // In a group people share all sorts of files: only a spreadsheet from the office is a roster.
    if (inGroup && (!kind || !(await isOffice(ctx)))) return;
    if (!kind) {
      return answerProblem(
        ctx,
        /\.xls$/i.test(file.name)
          ? "请把 .xls 另存为 .xlsx（或 .csv）后再发。"
          : `「${excerpt(file.name, 40)}」不是 .xlsx 或 .csv 文件，我只能从这两种文件导入花名册。`,
      );
    }
    if (!(await officeGate(ctx, "花名册导入"))) return;
    if (!ctx.deps.files) return answerProblem(ctx, "这个渠道还不能接收文件。");
    const got = await ctx.deps.files.download(ctx.update.messageId, file.key);
    if (!got.ok) {
      ctx.deps.log.warn("roster download failed", { messageId: ctx.update.messageId, error: got.error });
      return answerProblem(ctx, "文件没有下载成功，请稍后重新发送。");
    }
    if (got.bytes.length > MAX_FILE_BYTES)
      return answerProblem(ctx, "文件太大（超过 10 MB），花名册不会这么大，请检查是否发错了文件。");
    const rows = readRows(kind, got.bytes);
    if (typeof rows === "string") return answerProblem(ctx, rows);
    const plan = await planRosterImport(ctx.deps.db, {
      platform: ctx.deps.platform,
      tenantKey: ctx.group.tenantKey,
      parsed: parseRoster(rows),
      by: ctx.update.senderId,
      now: ctx.now,
      today: localDate(ctx.now, ctx.group.timezone),
    });
    if (plan.problems.length) {
      const shown = plan.problems.slice(0, SHOWN_PROBLEMS).map(describeProblem);
      const more = plan.problems.length - shown.length;
      ctx.reply(
        plainNotice({
          title: t(
            ctx.lang,
            `花名册没有导入：${plan.problems.length} 处问题`,
            `Roster not imported: ${plan.problems.length} problems`,
          ),
          body: [...shown, ...(more > 0 ? [`……还有 ${more} 处`] : [])].join("\n"),
          hint: "全部改好后重新发送文件；有问题时一行也不会导入。",
          colour: "yellow",
        }),
      );
      return;
    }
    ctx.work.write(...(plan.writes as never[]));
    ctx.reply(
      noticeCard({
        title: "花名册已导入",
        body: [
          `${file.name}：${plan.groups} 个部门，更新 ${plan.changed} 人的岗位或系数`,
          plan.unchanged ? `，${plan.unchanged} 人没有变化` : "",
          plan.effective.length ? `，自 ${plan.effective.join("、")} 起生效（此前的月份按原岗位、系数计分）` : "",
          "。每一项更改都记入审计记录。",
        ].join(""),
        colour: "green",
      }),
    );
  },
});
