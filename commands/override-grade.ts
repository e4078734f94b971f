import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { overrideGrade, type OverrideOutcome } from "../src/app/grade-confirmations";
import { schemeInForce } from "../src/app/schemes";
import { displayName } from "../src/app/scores";
import { resolveTarget, splitTargets } from "./target-arg";
import { defineCommand } from "../src/bot/command";
import { isVagueReason } from "../src/domain/scoring";
import { charCount, excerpt, MAX_REASON_CHARS } from "../src/domain/text";
import { confirmationCardOf, confirmNotice, PERIOD } from "./grade-confirmation";
import { problem, tooLong } from "./guards";
import { officeGate } from "./office-gate";

const EXAMPLE = {
  zh: "改等次 2026-Q4 @张三 良好 群众满意度测评未达标",
  en: "/override-grade 2026-Q4 @张三 良好 reason",
};
/** Typed for "no grade at all". */
const NO_GRADE = new Set(["无", "无等次", "不定等次", "none"]);

const args = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const fail = (zh: string, en: string) => {
      ctx.addIssue({ code: "custom", message: t(lang, zh, en) });
      return z.NEVER;
    };
    const tokens = text.trim().split(/\s+/u).filter(Boolean);
    const period = tokens[0] && PERIOD.test(tokens[0]) ? tokens.shift() : undefined;
    const { names, words } = splitTargets(tokens.join(" "));
    const [grade, ...reasonWords] = words;
    const reason = reasonWords.join(" ").trim();
    if (names.length !== 1 || !grade)
      return fail("请写明：改等次 [期别] @某人 等次 理由", "Write: /override-grade [period] @person grade reason");
    if (!reason || isVagueReason(reason))
      return fail(
        reason ? `理由「${excerpt(reason)}」过于笼统，请写明具体依据。` : "改等次必须写明理由（会记入审计）。",
        "A specific reason is required (it is logged).",
      );
    if (charCount(reason) > MAX_REASON_CHARS)
      return fail(
        tooLong(lang, "理由", MAX_REASON_CHARS, charCount(reason)),
        tooLong(lang, "reason", MAX_REASON_CHARS),
      );
    return { period, who: names[0]!, grade: NO_GRADE.has(grade) ? null : grade, reason };
  });

function refusal(outcome: Exclude<OverrideOutcome, { code: "overridden" }>, lang: Lang): string {
  switch (outcome.code) {
    case "none-pending":
      return t(lang, "没有等待确认的等次：方案要求确认、且结果待发布时才能改等次。", "No grades await confirmation.");
    case "already-confirmed":
      return t(
        lang,
        `${outcome.confirmation.period} 的等次已确认发布，不能再改；如需更改请用「更正」。`,
        `${outcome.confirmation.period} is already confirmed; use /correct.`,
      );
    case "unknown-grade":
      return t(
        lang,
        `方案的等次是：${outcome.grades.join("、")}（或「无」）。`,
        `Grades: ${outcome.grades.join(", ")} (or “none”).`,
      );
    case "not-in-period":
      return t(lang, `此人不在 ${outcome.period} 的考核结果中。`, `Not in the ${outcome.period} results.`);
    case "unchanged":
      return t(
        lang,
        `计算结果已是「${outcome.computed.grade ?? "无"}」，无需更改。`,
        `Already ${outcome.computed.grade ?? "none"}.`,
      );
  }
}

/** 改等次: the office gives one person another grade before confirming, with a reason that is logged. */
export const overrideGradeCommand = defineCommand({
  name: "改等次",
  aliases: ["override-grade"],
  summary: {
    zh: "管理员（绩考办）在确认前调整某人的等次（须写理由，记入审计，成绩单上注明）",
    en: "Admins: change one person's grade before confirming (with a logged reason)",
  },
  example: EXAMPLE,
  takesText: true,
  args,
  async handle(ctx) {
    if (!(await officeGate(ctx, "改等次"))) return;
    const { db } = ctx.deps;
    const target = await resolveTarget(db, ctx.group, ctx.args.who, ctx.update.mentions, ctx.lang);
    if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem, EXAMPLE[ctx.lang]);
    const { scheme } = await schemeInForce(db, ctx.group.id);
    const outcome = await overrideGrade(db, {
      group: ctx.group,
      scheme,
      ...(ctx.args.period ? { period: ctx.args.period } : {}),
      member: target.member,
      grade: ctx.args.grade,
      reason: ctx.args.reason,
      by: ctx.update.senderId,
      now: ctx.now,
    });
    if (outcome.code !== "overridden") {
      ctx.reply(confirmNotice(refusal(outcome, ctx.lang), false, ctx.lang));
      return;
    }
    ctx.work.write(...outcome.writes);
    const period = outcome.confirmation.period;
    const said = t(
      ctx.lang,
      `${displayName(target.member)} ${period} 的等次：「${outcome.computed.grade ?? "无"}」改为「${ctx.args.grade ?? "无"}」，已记录。`,
      `${displayName(target.member)}: ${outcome.computed.grade ?? "none"} → ${ctx.args.grade ?? "none"}, logged.`,
    );
    // The card as it will stand once this commits: the override is written with this reply.
    const cards = await confirmationCardOf(ctx.deps, ctx.group, period, ctx.lang, {
      pending: { memberId: target.member.id, grade: ctx.args.grade, reason: ctx.args.reason },
    });
    ctx.reply(confirmNotice(said, true, ctx.lang));
    for (const card of cards) ctx.reply(card);
  },
});
