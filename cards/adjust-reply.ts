import type { AdjustResult } from "../src/app/adjustments";
import type { Member } from "../src/app/model";
import { adjustmentCard } from "./adjustment";
import { t, type Lang, type Rendered } from "./kit";
import { problemCard } from "./refusals";

/** The answer to 加分 / 扣分: the change (with anyone now over the bonus cap), or which dimensions there are. */
export function adjustReply(
  done: AdjustResult,
  v: {
    bonus: boolean;
    people: Member[];
    nameOf: (m: Member) => string;
    points: number;
    reason: string;
    month: string;
    example: { zh: string; en: string };
    lang: Lang;
  },
): Rendered {
  const { lang } = v;
  if (!done.ok)
    return problemCard(
      lang,
      { zh: "哪个维度？", en: "Which dimension?" },
      t(lang, `请从这些维度中选：${done.options.join("、")}`, `Choose one of: ${done.options.join(", ")}`),
      v.example[lang],
    );
  return adjustmentCard({
    bonus: v.bonus,
    names: v.people.map(v.nameOf),
    dimension: done.dimension.name,
    points: v.points,
    reason: v.reason,
    month: v.month,
    overCap: done.overCap.map((o) => ({ ...o, name: v.nameOf(o.member) })),
    lang,
  });
}
