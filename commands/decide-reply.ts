import { z } from "zod";
import { noticeCard } from "../cards/notice";
import { t, type Lang } from "../cards/kit";
import { claimIdByNo } from "../src/app/claims";
import { defineCommand, type CommandContext } from "../src/bot/command";
import { decideClaim, type DecisionWord } from "./claim-decision";

interface ReplyArgs {
  /** The claim's short number in the group, or its full id. */
  ref: number | string;
  points?: string;
  comment: string;
}

const CLAIM_ID = /^clm_[0-9a-z]{9,40}$/u;

const replyArgs = (decision: DecisionWord) => (lang: Lang) =>
  z.string().transform((text, ctx): ReplyArgs => {
    const [ref = "", ...rest] = text.trim().split(/\s+/u);
    const fail = (message: string) => (ctx.addIssue({ code: "custom", message }), z.NEVER);
    const no = /^#?\d{1,6}$/u.test(ref) ? Number(ref.replace("#", "")) : undefined;
    if (no === undefined && !CLAIM_ID.test(ref)) return fail(t(lang, "请写上申报编号，例如「同意 12」。", "Give the claim number, e.g. “approve 12”."));
    if (decision === "adjust") {
      const [points = "", ...words] = rest;
      return { ref: no ?? ref, points, comment: words.join(" ") };
    }
    return { ref: no ?? ref, comment: rest.join(" ") };
  });

/** The reply commands stand in for an approval card's buttons where there are none (WeChat), and work in Lark too. */
function replyCommand(decision: DecisionWord, name: string, alias: string, summary: { zh: string; en: string }, example: { zh: string; en: string }) {
  return defineCommand<ReplyArgs>({
    name,
    aliases: [alias],
    summary,
    example,
    takesText: true,
    args: replyArgs(decision),
    async handle(ctx: CommandContext<ReplyArgs>) {
      const claimId = typeof ctx.args.ref === "number" ? await claimIdByNo(ctx.deps.db, ctx.group.id, ctx.args.ref) : ctx.args.ref;
      const outcome = claimId
        ? await decideClaim({
            deps: ctx.deps,
            work: ctx.work,
            now: ctx.now,
            lang: ctx.lang,
            claimId,
            tenantKey: ctx.update.tenantKey,
            operatorUserId: ctx.update.senderId,
            decision,
            comment: ctx.args.comment,
            points: ctx.args.points,
          })
        : { ok: false as const, level: "warning" as const, message: t(ctx.lang, `本群没有编号为 ${ctx.args.ref} 的申报`, `No claim ${ctx.args.ref} in this group`) };
      if (outcome.ok) {
        ctx.reply({ text: `${outcome.message}\n${outcome.approval.text}`, card: outcome.approval.card });
      } else {
        ctx.reply(noticeCard({ title: outcome.message, body: outcome.approval?.text ?? t(ctx.lang, "发送「待办」查看待审批的申报。", "Send /todo to see claims waiting for you."), colour: outcome.level === "info" ? "blue" : "yellow" }));
      }
    },
  });
}

export const approveCommand = replyCommand(
  "approve",
  "同意",
  "approve",
  { zh: "负责人同意一条申报：同意 编号", en: "Leaders: approve a claim by its number" },
  { zh: "同意 12", en: "/approve 12" },
);

export const rejectCommand = replyCommand(
  "reject",
  "驳回",
  "reject",
  { zh: "负责人驳回一条申报并说明原因：驳回 编号 原因", en: "Leaders: reject a claim with a reason" },
  { zh: "驳回 12 依据不足，请补充材料", en: "/reject 12 not enough evidence" },
);

export const adjustClaimCommand = replyCommand(
  "adjust",
  "调整",
  "adjust",
  { zh: "负责人调整加分申报的分值并同意：调整 编号 分值 原因", en: "Leaders: grant a bonus claim with other points" },
  { zh: "调整 12 1 按实际牵头部分计分", en: "/adjust 12 1 partly led" },
);
