import { awardLabel } from "../src/domain/scheme";
import { t, type Lang, type Rendered } from "./kit";
import { scoreChangeCard } from "./score-change";

/** The scheme's award levels, for a 奖励 whose level is not among them. */
export function awardLevelsLine(levels: { level: string; points: number }[], lang: Lang): string {
  const options = levels.map((l) => `${awardLabel(l.level)}（+${l.points}）`).join("、");
  return t(lang, `方案里的奖励级别：${options}`, `Levels in the scheme: ${options}`);
}

/** What a 奖励 recorded, for the leader who sent it. */
export function awardCard(v: {
  names: string[];
  level: string;
  points: number;
  extraCap?: number;
  /** Rules 2 (篇5 line 99): awards are added in full, outside the 附加分 cap. */
  outsideCap?: boolean;
  reason: string;
  month: string;
  lang: Lang;
}): Rendered {
  const { lang } = v;
  const cap = v.outsideCap
    ? t(lang, "（奖励分直接计入总分，不受附加分上限限制）", " (added in full, outside the extra-points cap)")
    : v.extraCap !== undefined
      ? t(lang, `（奖励与附加分合计不超过 ${v.extraCap} 分）`, ` (awards and extras capped at ${v.extraCap})`)
      : "";
  return scoreChangeCard({
    kind: "award",
    who: v.names,
    lines: [
      ...(v.names.length > 1 ? [t(lang, `共 ${v.names.length} 人，每人：`, `${v.names.length} people, each:`)] : []),
      `${awardLabel(v.level)}：+${v.points}${cap}`,
      `${t(lang, "事由", "For")}：${v.reason}`,
      `${t(lang, "月份", "Month")}：${v.month}`,
    ],
    lang,
  });
}
