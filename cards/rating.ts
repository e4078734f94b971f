import { excerpt } from "../src/domain/text";
import { t, type Lang, type Rendered } from "./kit";
import { scoreChangeCard } from "./score-change";

/** Why a 评分 was not recorded, as the use case reports it. */
export type RatingRefusal =
  | { code: "dimension_unknown" | "dimension_ambiguous"; options: string[] }
  | { code: "no_leader_raters" }
  | { code: "computed"; dimension: string };

/** The refusal's title and body (the example is added where the problem is the typed item). */
export function ratingProblem(
  r: RatingRefusal,
  item: string,
  lang: Lang,
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
  return scoreChangeCard({
    kind: "rating",
    who: v.who,
    lines: [
      `${v.path.join(" › ")}：${v.score} ${t(lang, "分", "")}`.trim(),
      ...spread,
      ...(v.comment ? [`${t(lang, "评语", "Comment")}：${v.comment}`] : []),
      `${t(lang, "月份", "Month")}：${v.month}`,
    ],
    lang,
  });
}
