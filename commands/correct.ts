import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { periodLabel } from "../cards/report-card";
import { scoreChangeCard } from "../cards/score-change";
import { reissueAfterCommit } from "../src/jobs/reissue";
import { correctFinal, finalPublication } from "../src/app/final-corrections";
import { displayName } from "../src/app/scores";
import { resolveTarget, splitTargets } from "./target-arg";
import { defineCommand } from "../src/bot/command";
import { isVagueReason } from "../src/domain/scoring";
import { leadersOnly, problem, tooLong } from "./guards";
import { charCount, MAX_REASON_CHARS } from "../src/domain/text";
import { isSignedPoints } from "../src/domain/points";

const EXAMPLE = {
  zh: "更正 2026-Q3 @张三 联村 2 9月防汛值班漏记，经核实补记",
  en: "/correct 2026-Q3 @张三 village 2 flood duty was missed",
};

const correctArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const [period = "", ...rest] = text.trim().split(/\s+/u);
    const { names, words } = splitTargets(rest.join(" "));
    const [item, pointsText, ...reason] = words;
    const points = Number(pointsText);
    if (
      !/^\d{4}(-Q[1-4])?$/.test(period) ||
      !names[0] ||
      !item ||
      !isSignedPoints(points) ||
      !reason.length ||
      isVagueReason(reason.join(" "))
    ) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          "请写明：更正 期别 @某人 维度 分值 具体原因，例如 更正 2026-Q3 @张三 联村 2 …",
          "Write: /correct period @person dimension points reason",
        ),
      });
      return z.NEVER;
    }
    if (charCount(reason.join(" ")) > MAX_REASON_CHARS) {
      ctx.addIssue({
        code: "custom",
        message: tooLong(lang, t(lang, "更正原因", "reason"), MAX_REASON_CHARS, charCount(reason.join(" "))),
      });
      return z.NEVER;
    }
    return { period, who: names[0], item, points, reason: reason.join(" ") };
  });

/** 更正: a leader changes a final (定稿) quarter or year; logged, and everyone's report card is re-issued. */
export const correctCommand = defineCommand({
  name: "更正",
  aliases: ["correct"],
  summary: {
    zh: "负责人更正已定稿的季度或年度结果（记入审计，重发成绩单）",
    en: "Leaders correct a final quarter or year (logged; report cards re-issued)",
  },
  example: EXAMPLE,
  takesText: true,
  args: correctArgs,
  async handle(ctx) {
    if (!leadersOnly(ctx, "更正")) return;
    const { db } = ctx.deps;
    const final = await finalPublication(ctx.deps, { group: ctx.group, period: ctx.args.period });
    if (!final.ok) return problem(ctx, ...finalProblem(final.code, ctx.args.period, ctx.lang));
    const { publication } = final;
    const target = await resolveTarget(db, ctx.group, ctx.args.who, ctx.update.mentions, ctx.lang);
    if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem, EXAMPLE[ctx.lang]);
    const { item, points, reason } = ctx.args;
    const by = ctx.update.senderId;
    const done = await correctFinal(ctx.deps, {
      group: ctx.group,
      publication,
      member: target.member,
      item,
      points,
      reason,
      by,
      now: ctx.now,
    });
    if (!done.ok)
      return problem(ctx, { zh: "哪个维度？", en: "Which dimension?" }, done.options.join("、"), EXAMPLE[ctx.lang]);
    ctx.work.write(...done.writes);
    const group = ctx.group;
    reissueAfterCommit(ctx.work, ctx.deps, group, publication.period);
    ctx.reply(
      scoreChangeCard({
        kind: points > 0 ? "bonus" : "deduction",
        who: displayName(target.member),
        lines: [
          `${periodLabel(publication.period, ctx.lang)}：${done.dimension} ${points > 0 ? "+" : ""}${points}`,
          `${t(ctx.lang, "原因", "Reason")}：${reason}`,
          t(
            ctx.lang,
            `成绩单将重新发送（第 ${done.version} 版）。`,
            `Report cards re-issued (version ${done.version}).`,
          ),
        ],
        lang: ctx.lang,
      }),
    );
  },
});

/** Why there is no final result to correct: the problem's title, body and (for a missing one) the example. */
function finalProblem(
  code: "not_published" | "still_open",
  period: string,
  lang: Lang,
): [{ zh: string; en: string }, string, string?] {
  if (code === "not_published")
    return [
      { zh: "没有这一期的结果", en: "No such result" },
      t(lang, `${period} 还没有公布结果。`, `${period} has not been published.`),
      EXAMPLE[lang],
    ];
  return [
    { zh: "还在公示期", en: "Still open" },
    t(
      lang,
      "公示期内的问题请通过「申诉」处理，或在当月用评分、加分、扣分调整。",
      "During the window, use appeals or adjust the month directly.",
    ),
  ];
}
