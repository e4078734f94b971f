import { schoolPeriodLabel, type SchoolPeriod } from "../src/domain/school-year";
import { raterLabel } from "../src/domain/scheme";
import { excerpt } from "../src/domain/text";
import { t, type Lang, type Rendered } from "./kit";
import { scoreChangeCard } from "./score-change";

/** Why a 评分 was not recorded, as the use case reports it. */
export type RatingRefusal =
  | { code: "dimension_unknown" | "dimension_ambiguous"; options: string[] }
  | { code: "no_leader_raters" }
  | { code: "not_leader_item"; dimension: string; groups: string[] }
  | { code: "computed"; dimension: string }
  | { code: "earlier_group_pending"; earlier: { group: string; raters: number }; needed: number };

/** The earlier rater group's result as the leaders see it (篇6 line 122). */
export interface EarlierInView {
  group: string;
  raters: number;
  average: number | null;
}

/** The refusal's title and body (the example is added where the problem is the typed item). */
export function ratingProblem(
  r: RatingRefusal,
  item: string,
  lang: Lang,
  who = "",
): { title: { zh: string; en: string }; body: string; withExample: boolean } {
  switch (r.code) {
    case "dimension_ambiguous":
      return {
        title: { zh: "哪一项？", en: "Which item?" },
        body: t(
          lang,
          `「${excerpt(item)}」对应多项：${r.options.join("、")}，请写得更具体些。`,
          `“${excerpt(item)}” matches ${r.options.join(", ")}; be more specific.`,
        ),
        withExample: true,
      };
    case "dimension_unknown":
      return {
        title: { zh: "哪一项？", en: "Which item?" },
        body: t(
          lang,
          `方案里没有「${excerpt(item)}」。可评的维度：${r.options.join("、")}`,
          `No “${excerpt(item)}” in the scheme. Dimensions: ${r.options.join(", ")}`,
        ),
        withExample: true,
      };
    case "no_leader_raters":
      return {
        title: { zh: "方案没有领导评分组", en: "No leader rater group" },
        body: t(lang, "本方案的评分组里没有「领导」，无法记录负责人评分。", "This scheme has no “leader” rater group."),
        withExample: false,
      };
    case "not_leader_item":
      return {
        title: { zh: "这一项不由领导评分", en: "Not rated by leaders" },
        body: t(
          lang,
          `本方案的「${r.dimension}」只由${r.groups.map(raterLabel).join("、")}评价（群众评价来自问卷或测评票数），` +
            "领导的评分不会计入，未记录。",
          `In this scheme “${r.dimension}” is rated by ${r.groups.join(", ")} only; a leader's score would not count ` +
            "and was not recorded.",
        ),
        withExample: false,
      };
    case "computed":
      return {
        title: { zh: "这一项自动计算", en: "Computed item" },
        body: t(
          lang,
          `「${r.dimension}」按按时提交日报的工作日比例自动计算，不能手动评分。`,
          `“${r.dimension}” is computed from on-time daily records.`,
        ),
        withExample: false,
      };
    case "earlier_group_pending": {
      const e = r.earlier;
      return {
        title: { zh: "请先完成民主测评", en: "Rating order" },
        body: t(
          lang,
          `本方案先由「${raterLabel(e.group)}」评价、再由领导参考其结果评分（篇6）。` +
            `${who} 的这一项目前有 ${e.raters} 人评价，需每项至少 ${r.needed} 人。`,
          `This scheme has ${e.group} rate first, then the leaders. ${e.raters} rated so far; ${r.needed} needed.`,
        ),
        withExample: false,
      };
    }
  }
}

/** What a 评分 recorded, for the leader who sent it. */
export function ratingCard(v: {
  who: string;
  path: string[];
  items: string[];
  score: number;
  comment?: string;
  month: string;
  /** The earlier rater group's result, where the scheme orders its raters. */
  earlier?: EarlierInView | null;
  lang: Lang;
}): Rendered {
  const { lang } = v;
  const spread =
    v.items.length > 1
      ? [
          t(
            lang,
            `（其下 ${v.items.join("、")} 各记 ${v.score} 分）`,
            `(each of ${v.items.join(", ")} gets ${v.score})`,
          ),
        ]
      : [];
  const e = v.earlier;
  const inView =
    e && e.average !== null
      ? [
          t(
            lang,
            `${raterLabel(e.group)}评价（${e.raters} 人）平均 ${e.average} 分，供参考`,
            `${e.group} (${e.raters}) averaged ${e.average}, for reference`,
          ),
        ]
      : [];
  return scoreChangeCard({
    kind: "rating",
    who: v.who,
    lines: [
      `${v.path.join(" › ")}：${v.score} ${t(lang, "分", "")}`.trim(),
      ...spread,
      ...inView,
      ...(v.comment ? [`${t(lang, "评语", "Comment")}：${v.comment}`] : []),
      `${t(lang, "月份", "Month")}：${v.month}`,
    ],
    lang,
  });
}

/** What rating a year review (半年综合管理评价, 篇9 line 193) recorded: it counts only in the year's total. */
export function yearReviewRatingCard(v: {
  who: string;
  review: { name: string; weight: number };
  /** A school's 学期测评: the semester the month is in, and whether it is the review's own (src/app/ratings.ts). */
  school?: { semester: SchoolPeriod; own: boolean };
  score: number;
  comment?: string;
  month: string;
  lang: Lang;
}): Rendered {
  const { lang, review, month } = v;
  const label = v.school ? schoolPeriodLabel(v.school.semester, lang) : "";
  const year = month.slice(0, 4);
  return scoreChangeCard({
    kind: "rating",
    who: v.who,
    lines: [
      `${review.name}：${v.score} ${t(lang, "分", "")}`.trim(),
      t(
        lang,
        `单独评分，按 ${review.weight}% 计入 ${year} 年度总分，不计入月度和季度成绩`,
        `rated on its own: ${review.weight}% of the ${year} total, not in months or quarters`,
      ),
      ...(v.school
        ? [
            v.school.own
              ? t(lang, `计入${label}成绩（${review.weight}%）和学年成绩`, `counts in ${label} and its school year`)
              : t(
                  lang,
                  `注意：现在是${label}，不是「${review.name}」所属的学期；这次评分不计入学期和学年成绩（学期测评须在本学期的月份内评）`,
                  `note: this is ${label}, not the review's own term; it does not count in the term or school year`,
                ),
          ]
        : []),
      ...(v.comment ? [`${t(lang, "评语", "Comment")}：${v.comment}`] : []),
      `${t(lang, "月份", "Month")}：${month}`,
    ],
    lang,
  });
}
