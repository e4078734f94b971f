import { t, type Lang, type Rendered } from "./kit";
import { scoreChangeCard } from "./score-change";

/** What a 加分 / 扣分 did, for the leader who sent it. */
export interface AdjustmentView {
  bonus: boolean;
  names: string[];
  dimension: string;
  points: number;
  reason: string;
  month: string;
  /** People whose bonus on the dimension this month now passes its cap (the excess does not count). */
  overCap: { name: string; sum: number; cap: number; capPct: number }[];
  lang: Lang;
}

export function adjustmentCard(v: AdjustmentView): Rendered {
  const { lang } = v;
  const many = v.names.length > 1;
  const warnings = v.overCap.map((o) => {
    const who = many ? `${o.name}：` : "";
    return t(
      lang,
      `${who}本月「${v.dimension}」加分合计 ${o.sum} 分，超过上限 ${o.cap} 分（权重的 ${o.capPct}%），超出部分不计入。`,
      `${who}Bonus on ${v.dimension} this month totals ${o.sum}, over its cap of ${o.cap}; the excess does not count.`,
    );
  });
  return scoreChangeCard({
    kind: v.bonus ? "bonus" : "deduction",
    who: v.names,
    lines: [
      ...(many ? [t(lang, `共 ${v.names.length} 人，每人：`, `${v.names.length} people, each:`)] : []),
      `${v.dimension}：${v.bonus ? "+" : "−"}${Math.abs(v.points)}`,
      `${t(lang, "原因", "Reason")}：${v.reason}`,
      `${t(lang, "月份", "Month")}：${v.month}`,
    ],
    warning: warnings.length ? warnings.join("\n") : undefined,
    lang,
  });
}
