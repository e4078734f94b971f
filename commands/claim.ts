import { claimReply } from "../cards/claim-reply";
import { claimViews } from "../cards/claim-view";
import { claimFromChat, submitClaim as submit, type ClaimSubmission } from "../src/app/claim-submit";
import { applyResult } from "../src/bot/apply";
import { defineCommand, type CommandContext } from "../src/bot/command";
import { CLAIM_EXAMPLES, claimArgs } from "./args/claim";
import { currentMonth } from "./guards";

/**
 * Sends a new claim to every leader of the group privately, and tells the
 * claimant it was received. Shared by 申报 and 补报.
 */
export async function submitClaim(
  ctx: CommandContext<unknown>,
  kind: ClaimSubmission["kind"],
  period: string,
  detail: ClaimSubmission["detail"],
  evidence: string,
) {
  const input = { group: ctx.group, member: ctx.member, kind, period, detail, evidence, now: ctx.now };
  const result = await submit({ db: ctx.deps.db, views: claimViews }, input);
  applyResult(ctx.work, result);
  ctx.reply(claimReply(result, ctx.lang));
}

/** 申报: claim an award or a bonus with evidence; leaders decide on a card. */
export const claimCommand = defineCommand({
  name: "申报",
  aliases: ["claim"],
  summary: {
    zh: "申报奖励或加分并附依据，负责人在卡片上审批",
    en: "Claim an award or a bonus with evidence; leaders decide on a card",
  },
  example: { zh: "申报 加分 联村 2 牵头完成秋收调度", en: "/claim bonus village 2 led the harvest scheduling" },
  takesText: true,
  args: claimArgs,
  async handle(ctx) {
    const { evidence, ...claim } = ctx.args;
    const result = await claimFromChat(
      { db: ctx.deps.db, views: claimViews },
      { group: ctx.group, member: ctx.member, month: currentMonth(ctx), claim, evidence, now: ctx.now },
    );
    if (result.ok) applyResult(ctx.work, result);
    ctx.reply(claimReply(result, ctx.lang, CLAIM_EXAMPLES));
  },
});
