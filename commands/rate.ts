import { z } from "zod";
import { t } from "../cards/kit";
import { scoreChangeCard } from "../cards/score-change";
import { checkRaterSequence } from "../src/app/rater-sequence";
import { schemeInForce } from "../src/app/schemes";
import { displayName, rateWrites } from "../src/app/scores";
import { resolveTarget, splitTargets } from "../src/app/targets";
import { defineCommand } from "../src/bot/command";
import { findDimension, findYearReview, indexScheme, raterLabel } from "../src/domain/scheme";
import { currentMonth, leadersOnly, problem } from "./guards";
import { excerpt } from "../src/domain/text";

const EXAMPLE = { zh: "评分 @张三 业务 90 报表及时准确", en: "/rate @张三 business 90 on time and accurate" };

/** "@张三 业务 90 评语" → who, which item, the score, an optional comment. */
const rateArgs = (lang: "zh" | "en") =>
  z.string().transform((text, ctx) => {
    const { names, words } = splitTargets(text);
    // "业务90" typed without a space.
    const glued = words.length === 1 ? /^(.*\D)(\d+(?:\.\d+)?)$/u.exec(words[0]!) : null;
    if (glued) words.splice(0, 1, glued[1]!, glued[2]!);
    // Scores differ from person to person, so one rating names one person.
    if (names.length > 1) {
      ctx.addIssue({
        code: "custom",
        message: t(lang, "评分一次只能给一个人，请分开发送。", "Rate one person at a time."),
      });
      return z.NEVER;
    }
    const who = names[0] ?? (words.length >= 3 ? words.shift() : undefined);
    const [item, scoreText, ...comment] = words;
    const score = Number(scoreText);
    if (!who || !item || scoreText === undefined) {
      ctx.addIssue({
        code: "custom",
        message: t(lang, "请写明：评分 @某人 维度 分数", "Write: /rate @person dimension score"),
      });
      return z.NEVER;
    }
    if (!Number.isFinite(score) || score < 0 || score > 100) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          `分数须是 0–100 之间的数，不是「${excerpt(scoreText)}」`,
          `The score must be 0–100, not “${excerpt(scoreText)}”`,
        ),
      });
      return z.NEVER;
    }
    return { who, item, score: Math.round(score * 100) / 100, comment: comment.join(" ") || undefined };
  });

/** 评分: a leader rates a member on a dimension (all its items) or one item, for this month. */
export const rateCommand = defineCommand({
  name: "评分",
  aliases: ["打分", "rate"],
  summary: {
    zh: "负责人给成员某个维度或指标打分（0–100，本月有效，可重打）",
    en: "Leaders rate a member on a dimension or item (0–100, this month)",
  },
  example: EXAMPLE,
  takesText: true,
  args: rateArgs,
  async handle(ctx) {
    if (!leadersOnly(ctx, "评分")) return;
    const { db } = ctx.deps;
    const target = await resolveTarget(db, ctx.group, ctx.args.who, ctx.update.mentions, ctx.lang);
    if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem, EXAMPLE[ctx.lang]);
    const { scheme } = await schemeInForce(db, ctx.group.id);
    const found = findDimension(scheme, ctx.args.item);
    // 篇9 line 193: a year review (半年综合管理评价) is rated on its own and counts only in the year's total.
    const review = found.kind === "found" ? undefined : findYearReview(scheme.yearReviews, ctx.args.item);
    if (review) {
      const month = currentMonth(ctx);
      ctx.work.write(
        ...rateWrites(db, {
          group: ctx.group,
          month,
          member: target.member,
          leaves: [review.key],
          score: ctx.args.score,
          raterGroup: "leader",
          by: ctx.update.senderId,
          comment: ctx.args.comment,
          now: ctx.now,
        }),
      );
      return ctx.reply(
        scoreChangeCard({
          kind: "rating",
          who: displayName(target.member),
          lines: [
            `${review.name}：${ctx.args.score} ${t(ctx.lang, "分", "")}`.trim(),
            t(
              ctx.lang,
              `单独评分，按 ${review.weight}% 计入 ${month.slice(0, 4)} 年度总分，不计入月度和季度成绩`,
              `rated on its own: ${review.weight}% of the ${month.slice(0, 4)} total, not in months or quarters`,
            ),
            ...(ctx.args.comment ? [`${t(ctx.lang, "评语", "Comment")}：${ctx.args.comment}`] : []),
            `${t(ctx.lang, "月份", "Month")}：${month}`,
          ],
          lang: ctx.lang,
        }),
      );
    }
    if (found.kind !== "found") {
      const options =
        found.kind === "ambiguous" ? found.candidates.map((d) => d.name) : scheme.dimensions.map((d) => d.name);
      const body =
        found.kind === "ambiguous"
          ? t(
              ctx.lang,
              `「${excerpt(ctx.args.item)}」对应多项：${options.join("、")}，请写得更具体些。`,
              `“${excerpt(ctx.args.item)}” matches ${options.join(", ")}; be more specific.`,
            )
          : t(
              ctx.lang,
              `方案里没有「${excerpt(ctx.args.item)}」。可评的维度：${options.join("、")}`,
              `No “${excerpt(ctx.args.item)}” in the scheme. Dimensions: ${options.join(", ")}`,
            );
      return problem(ctx, { zh: "哪一项？", en: "Which item?" }, body, EXAMPLE[ctx.lang]);
    }
    if (!("leader" in scheme.raters)) {
      return problem(
        ctx,
        { zh: "方案没有领导评分组", en: "No leader rater group" },
        t(ctx.lang, "本方案的评分组里没有「领导」，无法记录负责人评分。", "This scheme has no “leader” rater group."),
      );
    }
    // Rating a parent rates each of its items with the same score.
    // Computed items (出勤, from the daily records) are never typed in.
    const under = indexScheme(scheme).leaves.filter(
      (l) => l.path.some((p) => p.key === found.dimension.key) && !l.node.source,
    );
    if (!under.length) {
      return problem(
        ctx,
        { zh: "这一项自动计算", en: "Computed item" },
        t(
          ctx.lang,
          `「${found.dimension.name}」按按时提交日报的工作日比例自动计算，不能手动评分。`,
          `“${found.dimension.name}” is computed from on-time daily records.`,
        ),
      );
    }
    const leaves = under.map((l) => l.node.key);
    const month = currentMonth(ctx);
    // Issue 13 item 7 (篇6 line 122): where the scheme orders its raters, the leaders score after the 民测.
    const sequence = await checkRaterSequence(db, ctx.group, scheme, month, target.member.id, leaves, "leader");
    if (!sequence.ok) {
      const e = sequence.earlier;
      return problem(
        ctx,
        { zh: "请先完成民主测评", en: "Rating order" },
        t(
          ctx.lang,
          `本方案先由「${raterLabel(e.group)}」评价、再由领导参考其结果评分（篇6）。` +
            `${displayName(target.member)} 的这一项目前有 ${e.raters} 人评价，需每项至少 ${sequence.needed} 人。`,
          `This scheme has ${e.group} rate first, then the leaders. ` +
            `${e.raters} rated so far; ${sequence.needed} needed.`,
        ),
      );
    }
    const earlier = sequence.earlier;
    const inView =
      earlier && earlier.average !== null
        ? [
            t(
              ctx.lang,
              `${raterLabel(earlier.group)}评价（${earlier.raters} 人）平均 ${earlier.average} 分，供参考`,
              `${earlier.group} (${earlier.raters}) averaged ${earlier.average}, for reference`,
            ),
          ]
        : [];
    ctx.work.write(
      ...rateWrites(db, {
        group: ctx.group,
        month,
        member: target.member,
        leaves,
        score: ctx.args.score,
        raterGroup: "leader",
        by: ctx.update.senderId,
        comment: ctx.args.comment,
        now: ctx.now,
      }),
    );
    const spread =
      leaves.length > 1
        ? [
            t(
              ctx.lang,
              `（其下 ${under.map((l) => l.node.name).join("、")} 各记 ${ctx.args.score} 分）`,
              `(each of ${under.map((l) => l.node.name).join(", ")} gets ${ctx.args.score})`,
            ),
          ]
        : [];
    ctx.reply(
      scoreChangeCard({
        kind: "rating",
        who: displayName(target.member),
        lines: [
          `${found.path.map((p) => p.name).join(" › ")}：${ctx.args.score} ${t(ctx.lang, "分", "")}`.trim(),
          ...spread,
          ...inView,
          ...(ctx.args.comment ? [`${t(ctx.lang, "评语", "Comment")}：${ctx.args.comment}`] : []),
          `${t(ctx.lang, "月份", "Month")}：${month}`,
        ],
        lang: ctx.lang,
      }),
    );
  },
});
