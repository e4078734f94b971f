import { z } from "zod";
import { noticeCard } from "../cards/notice";
import { t, type Lang } from "../cards/kit";
import { appealIdByNo } from "../src/app/publications";
import { defineCommand, type CommandContext } from "../src/bot/command";
import { decideAppeal } from "./appeal-decision";

interface AppealReplyArgs {
  /** The appeal's number in the group's latest publication, or its full id. */
  ref: number | string;
  dimension?: string;
  points?: string;
  reason: string;
}

const APPEAL_ID = /^apl_[0-9a-z]{9,40}$/u;

const appealReplyArgs = (decision: "uphold" | "amend") => (lang: Lang) =>
  z.string().transform((text, ctx): AppealReplyArgs => {
    const [ref = "", ...rest] = text.trim().split(/\s+/u);
    const no = /^#?\d{1,6}$/u.test(ref) ? Number(ref.replace("#", "")) : undefined;
    if (no === undefined && !APPEAL_ID.test(ref)) {
      ctx.addIssue({ code: "custom", message: t(lang, "请写上申诉编号，例如「维持申诉 2 理由」。", "Give the appeal number, e.g. “uphold 2 reason”.") });
      return z.NEVER;
    }
    if (decision === "amend") {
      const [dimension = "", points = "", ...words] = rest;
      return { ref: no ?? ref, dimension, points, reason: words.join(" ") };
    }
    return { ref: no ?? ref, reason: rest.join(" ") };
  });

/** Reply commands for the appeal card's buttons, where there are none (WeChat); they work in Lark too. */
function appealReply(decision: "uphold" | "amend", name: string, alias: string, summary: { zh: string; en: string }, example: { zh: string; en: string }) {
  return defineCommand<AppealReplyArgs>({
    name,
    aliases: [alias],
    summary,
    example,
    takesText: true,
    args: appealReplyArgs(decision),
    async handle(ctx: CommandContext<AppealReplyArgs>) {
      const appealId = typeof ctx.args.ref === "number" ? await appealIdByNo(ctx.deps.db, ctx.group.id, ctx.args.ref) : ctx.args.ref;
      const outcome = appealId
        ? await decideAppeal({
            deps: ctx.deps,
            work: ctx.work,
            now: ctx.now,
            lang: ctx.lang,
            appealId,
            tenantKey: ctx.update.tenantKey,
            operatorUserId: ctx.update.senderId,
            decision,
            reason: ctx.args.reason,
            dimension: ctx.args.dimension,
            points: ctx.args.points,
          })
        : { ok: false as const, level: "warning" as const, message: t(ctx.lang, `本群没有编号为 ${ctx.args.ref} 的申诉`, `No appeal ${ctx.args.ref} in this group`) };
      if (outcome.ok) ctx.reply({ text: `${outcome.message}\n${outcome.appeal.text}`, card: outcome.appeal.card });
      else ctx.reply(noticeCard({ title: outcome.message, body: t(ctx.lang, "申诉编号写在申诉消息的末尾。", "The appeal number is at the end of the appeal message."), colour: outcome.level === "info" ? "blue" : "yellow" }));
    },
  });
}

export const upholdAppealCommand = appealReply(
  "uphold",
  "维持申诉",
  "uphold",
  { zh: "负责人维持原结果并说明理由：维持申诉 编号 理由", en: "Leaders: uphold a result against an appeal, with a reason" },
  { zh: "维持申诉 2 加分已计入9月", en: "/uphold 2 the bonus counted in September" },
);

export const amendAppealCommand = appealReply(
  "amend",
  "更正申诉",
  "amend",
  { zh: "负责人按申诉更正结果：更正申诉 编号 维度 加减分 理由", en: "Leaders: amend a result on an appeal" },
  { zh: "更正申诉 2 联村 1 9月联村加分漏计", en: "/amend 2 village 1 September bonus was missing" },
);
