import type { Scheme } from "../src/domain/scheme";
import { indexScheme } from "../src/domain/scheme";
import type { BoundLeafScore } from "../src/domain/targets/bound";
import { t, type Lang } from "./kit";

const num = (x: number) => String(Math.round(x * 100) / 100);

/**
 * How each bound indicator was scored from its targets (issue 14 item 1), for 成绩, report cards and the 通报:
 * 「项目建设：目标1 完成 5 / 应完成 4（125%）→ 100 分，超额加该项分值的 20% = 6 分」.
 */
export function targetLines(scheme: Scheme, leaves: readonly BoundLeafScore[] | undefined, lang: Lang): string[] {
  if (!leaves?.length) return [];
  const names = new Map(indexScheme(scheme).nodes.map((n) => [n.node.key, n.node.name]));
  return leaves.map((b) => {
    const parts = b.goals.map((g) =>
      g.direction === "at_most"
        ? t(
            lang,
            `目标${g.seq} 发生 ${num(g.done)} / 上限 ${num(g.planned)} → ${num(g.point.score)} 分`,
            `target ${g.seq}: ${num(g.done)} against a limit of ${num(g.planned)} → ${num(g.point.score)}`,
          )
        : t(
            lang,
            `目标${g.seq} 完成 ${num(g.done)} / 应完成 ${num(g.due)}（${num(g.point.rate ?? 0)}%）→ ${num(g.point.score)} 分`,
            `target ${g.seq}: ${num(g.done)} of ${num(g.due)} due (${num(g.point.rate ?? 0)}%) → ${num(g.point.score)}`,
          ),
    );
    const mean = b.goals.length > 1 ? t(lang, `；平均 ${num(b.score)} 分`, `; mean ${num(b.score)}`) : "";
    const bonus =
      b.bonusPoints > 0
        ? t(
            lang,
            `，超额加该项分值的 ${num(b.bonusPct)}% = ${num(b.bonusPoints)} 分`,
            `; bonus ${num(b.bonusPct)}% of the item = ${num(b.bonusPoints)}`,
          )
        : "";
    return `${names.get(b.leaf) ?? b.leaf}：${parts.join(t(lang, "；", "; "))}${mean}${bonus}`;
  });
}
