import { z } from "zod";
import { rosterFileRefusal, rosterHowCard, rosterImportReply } from "../cards/roster-import-reply";
import { importRosterFile, rosterFileCheck } from "../src/app/roster-file";
import { defineCommand } from "../src/bot/command";
import { officeGate } from "./office-gate";

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
    if (!file) return ctx.reply(rosterHowCard()); // typed as a command: say how it is done
    const { group, member } = ctx;
    const inGroupChat = ctx.update.chatType === "group";
    const userId = ctx.update.senderId;
    const check = await rosterFileCheck(ctx.deps.db, { group, member, userId, fileName: file.name, inGroupChat });
    if (!check.ok) {
      const refusal = rosterFileRefusal(check, file.name);
      return refusal && ctx.reply(refusal);
    }
    if (!(await officeGate(ctx, "花名册导入"))) return;
    const input = {
      group,
      kind: check.kind,
      messageId: ctx.update.messageId,
      fileKey: file.key,
      by: userId,
      now: ctx.now,
    };
    const result = await importRosterFile(ctx.deps, input);
    if (result.ok) ctx.work.write(...result.writes);
    ctx.reply(rosterImportReply(result, file.name, ctx.lang));
  },
});
