import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { receiptCard } from "../cards/receipt";
import { withdrawLatest } from "../src/app/withdraw";
import { applyResult } from "../src/bot/apply";
import { defineCommand } from "../src/bot/command";
import { localDate, type IsoDate } from "../src/domain/dates";
import { dateOf, dateProblem, readDate } from "./date-arg";
import { problem } from "./guards";

/** "" → the latest record; "11-27", "11月27日" or "2026-11-27" → the latest record of that day (read in the handler, against today). */
const withdrawArgs = (_lang: Lang) => z.string().transform((text) => ({ dayText: text.trim() || undefined }));

/** 撤回: the receipt's 撤回 button as a reply command, for WeChat (and Lark): the author takes a record back. */
export const withdrawCommand = defineCommand({
  name: "撤回",
  aliases: ["undo"],
  summary: {
    zh: "撤回自己最近一条记录，或某天最近一条：撤回 11-27",
    en: "Withdraw your latest record, or a day's latest: /undo 11-27",
  },
  example: { zh: "撤回 11-27", en: "/undo 11-27" },
  takesText: true,
  args: withdrawArgs,
  async handle(ctx) {
    const today = localDate(ctx.now, ctx.group.timezone);
    let date: IsoDate | undefined;
    if (ctx.args.dayText) {
      const read = readDate(ctx.args.dayText, today);
      date = dateOf(read);
      if (!date) {
        const hint = t(
          ctx.lang,
          "发「撤回」撤回最近一条记录，或「撤回 11-27」撤回那天最近一条。",
          "Send “/undo” for your latest record, or “/undo 11-27” for that day's latest.",
        );
        return problem(
          ctx,
          { zh: "看不懂日期", en: "Unclear date" },
          `${dateProblem(ctx.args.dayText, read, ctx.lang)}\n${hint}`,
        );
      }
    }
    const result = await withdrawLatest(ctx.deps.db, {
      member: ctx.member,
      date,
      actorUserId: ctx.update.senderId,
      now: ctx.now,
    });
    if (!result.ok) {
      ctx.reply(
        noticeCard({
          title: t(ctx.lang, "没有可撤回的记录", "Nothing to withdraw"),
          body: date
            ? t(ctx.lang, `你在 ${date} 没有未撤回的记录。`, `You have no live record on ${date}.`)
            : t(ctx.lang, "你在本群还没有未撤回的记录。", "You have no live record in this group."),
          colour: "yellow",
        }),
      );
      return;
    }
    applyResult(ctx.work, result);
    const { record, left } = result;
    ctx.reply(
      receiptCard({
        recordId: record.id,
        date: record.date,
        text: record.text,
        groupName: "",
        monthCount: left,
        withdrawn: true,
        lang: ctx.lang,
      }),
    );
  },
});
