import { z } from "zod";
import { followUpText } from "../cards/follow-ups";
import { t, type Lang } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { closeFollowUp, groupPeople, type CloseOutcome } from "../src/app/follow-ups";
import { defineCommand } from "../src/bot/command";
import type { Group, Member } from "../src/app/model";
import { charCount, MAX_REASON_CHARS } from "../src/domain/text";
import { followUpLine } from "../src/jobs/grade-gate";
import { leadersOnly } from "./guards";

/** What closing an item tells the leader, in words (the command and the card button say the same). */
export function closeText(outcome: CloseOutcome, group: Group, people: Member[], lang: Lang) {
  switch (outcome.code) {
    case "closed":
      return {
        ok: true,
        text: t(lang, `已销号：${followUpText(followUpLine(outcome.item, group, people), lang)}`, "Closed."),
      };
    case "already-closed":
      return {
        ok: false,
        text: t(lang, `#${outcome.item.no} 已经销号了。`, `#${outcome.item.no} is already closed.`),
      };
    case "not-found":
      return {
        ok: false,
        text: t(lang, "找不到这条整改项，请发「整改」查看编号。", "No such item; send 整改 for the list."),
      };
  }
}

/** 销号: a leader closes off one follow-up item once it is done (篇3 「逐项逐条核实销号」). */
export const closeFollowUpCommand = defineCommand({
  name: "销号",
  aliases: ["close-follow-up"],
  summary: {
    zh: "负责人对整改到位的整改项销号（编号见「整改」，可附说明）",
    en: "Leaders: close a follow-up item that is done (number from 整改)",
  },
  example: { zh: "销号 3 已连续一个月按时提交日报", en: "/close-follow-up 3 done" },
  takesText: true,
  args: (lang) =>
    z.string().transform((text, ctx) => {
      const [first = "", ...rest] = text.trim().split(/\s+/u);
      const no = Number(first.replace(/^#/, ""));
      const note = rest.join(" ").trim();
      if (!Number.isInteger(no) || no <= 0) {
        ctx.addIssue({
          code: "custom",
          message: t(lang, "请写整改项的编号，例如：销号 3 已整改到位", "Write the item's number, e.g. 销号 3"),
        });
        return z.NEVER;
      }
      if (charCount(note) > MAX_REASON_CHARS) {
        ctx.addIssue({ code: "custom", message: t(lang, `说明最多 ${MAX_REASON_CHARS} 字`, "Note too long") });
        return z.NEVER;
      }
      return { no, note };
    }),
  async handle(ctx) {
    if (!leadersOnly(ctx, "销号")) return;
    const outcome = await closeFollowUp(ctx.deps.db, {
      group: ctx.group,
      no: ctx.args.no,
      note: ctx.args.note,
      by: ctx.update.senderId,
      now: ctx.now,
    });
    if (outcome.code === "closed") ctx.work.write(...outcome.writes);
    const said = closeText(outcome, ctx.group, await groupPeople(ctx.deps.db, ctx.group.id), ctx.lang);
    ctx.reply(
      noticeCard({ title: t(ctx.lang, "销号", "Close"), body: said.text, colour: said.ok ? "green" : "yellow" }),
    );
  },
});
