import { z } from "zod";
import { receiptCard } from "../cards/receipt";
import { t, type Lang } from "../cards/kit";
import { addRecord, countRecordsOfMonth, MAX_RECORD_CHARS } from "../src/app/records";
import { defineCommand } from "../src/bot/command";
import { localDate, monthOf } from "../src/domain/dates";

/** What follows 日报: today's text, trimmed, within a record's length. */
const recordArgsFor = (lang: Lang) =>
  z
    .string()
    .trim()
    .min(
      1,
      t(
        lang,
        "请在「日报」后写上今天完成的工作，例如：日报 今天完成了季度报表初稿",
        "Write what you did after /report, e.g. /report drafted the quarterly report",
      ),
    )
    .max(
      MAX_RECORD_CHARS,
      t(
        lang,
        `一条记录最多 ${MAX_RECORD_CHARS} 字，请分成几条发送`,
        `A record holds at most ${MAX_RECORD_CHARS} characters; please split it`,
      ),
    );
const recordArgs = { zh: recordArgsFor("zh"), en: recordArgsFor("en") };

/** 日报: store today's daily record (天记录). Plain text in a private chat lands here too. */
export const recordCommand = defineCommand({
  name: "日报",
  aliases: ["记录", "天记录", "report", "record"],
  summary: {
    zh: "记一条今天的工作（天记录），一天可以记多条",
    en: "Record what you did today; several a day are fine",
  },
  example: { zh: "日报 今天完成了季度报表初稿", en: "/report drafted the quarterly report" },
  takesText: true,
  // Built once per language: every 日报 parses with it, and building a zod schema costs more than using it.
  args: (lang) => recordArgs[lang],
  async handle(ctx) {
    const { db } = ctx.deps;
    const date = localDate(ctx.now, ctx.group.timezone);
    const before = await countRecordsOfMonth(db, ctx.member.id, monthOf(date));
    const added = addRecord(db, {
      group: ctx.group,
      member: ctx.member,
      date,
      text: ctx.args,
      sourceMessageId: ctx.update.messageId,
      now: ctx.now,
    });
    ctx.work.write(...added.writes);
    ctx.reply(
      receiptCard({
        recordId: added.id,
        date,
        text: ctx.args,
        monthCount: before + 1,
        groupName: ctx.update.chatType === "p2p" ? ctx.group.name : "",
        lang: ctx.lang,
      }),
    );
  },
});
