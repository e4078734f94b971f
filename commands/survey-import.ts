import { z } from "zod";
import { voteFileReply } from "../cards/survey-import-reply";
import { importVoteFile } from "../src/app/survey-import";
import { defineCommand, type Command } from "../src/bot/command";
import { currentMonth } from "./guards";

/** Files named like this are vote totals (测评票数.xlsx, 10月满意度测评.csv); any other spreadsheet is a roster. */
export const VOTE_FILE = /测评|票数|满意度|问卷/u;

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
    const result = await importVoteFile(ctx.deps, {
      group: ctx.group,
      member: ctx.member,
      inGroupChat: ctx.update.chatType === "group",
      file,
      messageId: ctx.update.messageId,
      currentMonth: currentMonth(ctx),
      by: ctx.update.senderId,
      now: ctx.now,
    });
    if (result.ok) ctx.work.write(...result.writes);
    const reply = voteFileReply(result, file.name, ctx.lang);
    if (reply) ctx.reply(reply);
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
