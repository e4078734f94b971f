import { z } from "zod";
import { claimNoticeCard } from "../cards/claim-notice";
import { claimSummary, claimViews } from "../cards/claim-view";
import { t, type Lang } from "../cards/kit";
import { submitClaim as submit, type ClaimSubmission } from "../src/app/claim-submit";
import { MAX_RECORD_CHARS } from "../src/app/records";
import { schemeInForce } from "../src/app/schemes";
import { applyResult } from "../src/bot/apply";
import { defineCommand, type CommandContext } from "../src/bot/command";
import { MAX_CHANGE_POINTS } from "../src/domain/points";
import { findDimension } from "../src/domain/scheme";
import { isVagueReason } from "../src/domain/scoring";
import { matchAwardLevel } from "./award";
import { currentMonth, problem, tooLong } from "./guards";
import { charCount, excerpt } from "../src/domain/text";

const EXAMPLES = {
  zh: "申报 市级 获市级先进个人 / 申报 加分 联村 2 牵头完成秋收调度",
  en: "/claim city named city model worker / /claim bonus village 2 led the harvest",
};

type ClaimArgs =
  | { kind: "award"; level: string; evidence: string }
  | { kind: "bonus"; item: string; points: number; evidence: string };

const claimArgs = (lang: Lang) =>
  z.string().transform((text, ctx): ClaimArgs => {
    const [first = "", ...rest] = text.trim().split(/\s+/u);
    const fail = (message: string) => (ctx.addIssue({ code: "custom", message }), z.NEVER);
    if (first === "加分" || first.toLowerCase() === "bonus") {
      const [item, pointsText, ...words] = rest;
      const points = Number(pointsText);
      const evidence = words.join(" ").trim();
      if (!item || !Number.isFinite(points) || points <= 0 || points > MAX_CHANGE_POINTS)
        return fail(
          t(
            lang,
            `请写明：申报 加分 维度 分值(0–${MAX_CHANGE_POINTS}) 依据`,
            `Write: /claim bonus dimension points(0–${MAX_CHANGE_POINTS}) evidence`,
          ),
        );
      if (!evidence || isVagueReason(evidence))
        return fail(
          t(
            lang,
            "请写明具体依据（做了什么、结果如何），负责人据此审批。",
            "Give the specific evidence your leader will judge by.",
          ),
        );
      if (charCount(evidence) > MAX_RECORD_CHARS)
        return fail(tooLong(lang, t(lang, "申报依据", "evidence"), MAX_RECORD_CHARS, charCount(evidence)));
      return { kind: "bonus", item, points, evidence };
    }
    const evidence = rest.join(" ").trim();
    if (!first || !evidence || isVagueReason(evidence))
      return fail(
        t(
          lang,
          "请写明：申报 级别 获奖依据，或 申报 加分 维度 分值 依据",
          "Write: /claim level evidence, or /claim bonus dimension points evidence",
        ),
      );
    if (charCount(evidence) > MAX_RECORD_CHARS)
      return fail(tooLong(lang, t(lang, "申报依据", "evidence"), MAX_RECORD_CHARS, charCount(evidence)));
    return { kind: "award", level: first, evidence };
  });

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
  const result = await submit(
    { db: ctx.deps.db, views: claimViews },
    { group: ctx.group, member: ctx.member, kind, period, detail, evidence, now: ctx.now },
  );
  applyResult(ctx.work, result);
  if (result.code === "no_leader")
    return problem(
      ctx,
      { zh: "本群还没有负责人", en: "No leader yet" },
      t(
        ctx.lang,
        "申报已保存，但本群没有可以审批的负责人。请群主先设置负责人。",
        "Saved, but this group has no leader to decide it.",
      ),
    );
  const { kindLabel, lines } = claimSummary(result.claim, result.scheme, ctx.lang);
  ctx.reply(
    claimNoticeCard({ kind: "received", what: `${kindLabel}：${lines[0]}`, leaders: result.leaders, lang: ctx.lang }),
  );
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
    const { db } = ctx.deps;
    const { scheme } = await schemeInForce(db, ctx.group.id);
    const month = currentMonth(ctx);
    if (ctx.args.kind === "award") {
      const level = matchAwardLevel(Object.keys(scheme.awards), ctx.args.level);
      if (!level)
        return problem(
          ctx,
          { zh: "看不懂这条申报", en: "Unclear claim" },
          t(
            ctx.lang,
            `「${excerpt(ctx.args.level)}」不是方案里的奖励级别。`,
            `“${excerpt(ctx.args.level)}” is not an award level.`,
          ),
          EXAMPLES[ctx.lang],
        );
      return submitClaim(ctx, "award", month, { level }, ctx.args.evidence);
    }
    const found = findDimension(scheme, ctx.args.item);
    if (found.kind !== "found") {
      return problem(
        ctx,
        { zh: "哪个维度？", en: "Which dimension?" },
        t(
          ctx.lang,
          `可选：${scheme.dimensions.map((d) => d.name).join("、")}`,
          `One of: ${scheme.dimensions.map((d) => d.name).join(", ")}`,
        ),
        EXAMPLES[ctx.lang],
      );
    }
    return submitClaim(
      ctx,
      "bonus",
      month,
      { dimension: found.path[0]!.key, points: ctx.args.points },
      ctx.args.evidence,
    );
  },
});
