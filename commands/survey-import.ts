import { z } from "zod";
import { noticeCard } from "../cards/notice";
import { escapeMarkdown } from "../cards/kit";
import { resultText, surveyImportedCard } from "../cards/survey";
import { importVotes } from "../src/app/survey-import";
import { importProblemText } from "../cards/survey-lines";
import { defineCommand, type Command, type CommandContext } from "../src/bot/command";
import { CsvDecodeError, decodeCsv, parseCsv } from "../src/domain/csv";
import type { IsoMonth } from "../src/domain/dates";
import { describeVoteProblem, parseVoteSheet, VOTE_SHEET_HEADER, WHOLE_GROUP } from "../src/domain/survey-sheet";
import { readFirstSheet, XlsxReadError, type ReadCell } from "../src/domain/xlsx/read";
import { currentMonth, leadersOnly, plainNotice } from "./guards";

/** A tally sheet is a few hundred rows; anything larger is not one. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const SHOWN_PROBLEMS = 30;

/** Files named like this are vote totals (测评票数.xlsx, 10月满意度测评.csv); any other spreadsheet is a roster. */
export const VOTE_FILE = /测评|票数|满意度|问卷/u;

const HOW = `表头：${VOTE_SHEET_HEADER.join("、")}（最少样本可不填，默认 30）；整个群写「${WHOLE_GROUP}」。文件名含「测评票数」；文件名里写 2026-10 则计入 10 月。`;

/** The month a tally counts toward: one named in the file name (not later than now), else this month. */
function monthOf(fileName: string, current: IsoMonth): IsoMonth {
  const m = /(20\d\d)-(0[1-9]|1[0-2])/.exec(fileName);
  const named = m ? (`${m[1]}-${m[2]}` as IsoMonth) : undefined;
  return named && named <= current ? named : current;
}

function readRows(name: string, bytes: Uint8Array): ReadCell[][] | string {
  try {
    return /\.xlsx$/i.test(name) ? readFirstSheet(bytes) : parseCsv(decodeCsv(bytes));
  } catch (error) {
    if (error instanceof XlsxReadError) return "读不出这个 .xlsx 文件，请用 Excel 或 WPS 重新保存为 .xlsx 后再发。";
    if (error instanceof CsvDecodeError) return "读不出这个 .csv 文件的文字编码，请另存为「CSV UTF-8」后再发。";
    throw error;
  }
}

const refuse = (ctx: CommandContext<unknown>, body: string) =>
  ctx.reply(noticeCard({ title: "测评票数没有导入", body, hint: HOW, colour: "yellow" }));

/** Every problem, by row and column; nothing was imported. */
function listProblems(ctx: CommandContext<unknown>, problems: string[]) {
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  const more = problems.length - shown.length;
  ctx.reply(
    plainNotice({
      title: `测评票数没有导入：${problems.length} 处问题`,
      body: [...shown, ...(more > 0 ? [`……还有 ${more} 处`] : [])].join("\n"),
      hint: `全部改好后重新发送；有问题时一行也不会导入。${HOW}`,
      colour: "yellow",
    }),
  );
}

/** 测评票数导入: a group's leader sends the tally sheet; all rows count together, or none. */
export const surveyImportCommand = defineCommand({
  name: "测评票数导入",
  aliases: [],
  summary: { zh: "负责人：把测评票数表（.xlsx 或 .csv）发到群里", en: "Leaders: send the vote tally sheet" },
  example: { zh: "（发送文件）10月测评票数.xlsx", en: "(send a file) 测评票数.xlsx" },
  takesText: false,
  args: () => z.string(),
  async handle(ctx) {
    const file = ctx.update.file;
    if (!file) return;
    // In a group people share all sorts of files: only a leader's spreadsheet is a tally to import.
    if (ctx.update.chatType === "group" && ctx.member.role !== "leader") return;
    if (!/\.(xlsx|csv)$/i.test(file.name)) return refuse(ctx, "只能从 .xlsx 或 .csv 文件导入票数。");
    if (!leadersOnly(ctx, "测评票数导入")) return;
    if (!ctx.deps.files) return refuse(ctx, "这个渠道还不能接收文件。");
    const got = await ctx.deps.files.download(ctx.update.messageId, file.key);
    if (!got.ok) {
      ctx.deps.log.warn("vote sheet download failed", { messageId: ctx.update.messageId, error: got.error });
      return refuse(ctx, "文件没有下载成功，请稍后重新发送。");
    }
    if (got.bytes.length > MAX_FILE_BYTES) return refuse(ctx, "文件太大（超过 2 MB），请检查是否发错了文件。");
    const rows = readRows(file.name, got.bytes);
    if (typeof rows === "string") return refuse(ctx, rows);
    const parsed = parseVoteSheet(rows);
    const month = monthOf(file.name, currentMonth(ctx));
    if (parsed.problems.length) return listProblems(ctx, parsed.problems.map(describeVoteProblem));
    const plan = await importVotes(ctx.deps.db, {
      group: ctx.group,
      month,
      rows: parsed.rows,
      by: ctx.update.senderId,
      now: ctx.now,
    });
    if (plan.code === "problems") return listProblems(ctx, plan.problems.map(importProblemText));
    ctx.work.write(...plan.writes);
    ctx.reply(
      surveyImportedCard({
        fileName: file.name,
        rows: plan.imported.map((x) => ({
          line:
            `问卷${x.survey.seq} ${escapeMarkdown(x.survey.title)}（${month}）：` +
            resultText(x.result, x.survey.minSample),
        })),
      }),
    );
  },
});

/**
 * What a file someone sends means: a tally sheet when its name says so (VOTE_FILE), otherwise what
 * it meant before (the roster import).
 */
export function withVoteSheets(other: Command<unknown>): Command<unknown> {
  return defineCommand<unknown>({
    ...other,
    async handle(ctx) {
      if (ctx.update.file && VOTE_FILE.test(ctx.update.file.name)) return surveyImportCommand.handle(ctx as never);
      return other.handle(ctx);
    },
  });
}
