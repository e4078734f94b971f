import type { ImageSpec } from "../outbox/message";

/**
 * The pictures channels without cards (WeChat) send before the text: the
 * month's ranking table and a person's score sheet. Plain view models; the
 * WeChat sender draws them at delivery (src/channels/wechat/image).
 */

export interface RankingImageRow {
  rank: number;
  name: string;
  total: number;
  grade: string | null | undefined;
  /** Places gained since the month before (negative: lost); null when not ranked then. */
  movement: number | null;
}

const monthLabel = (month: string) => `${month.slice(0, 4)} 年 ${Number(month.slice(5))} 月`;

/** The ranking as a picture, or nothing when the viewer may see no rows. */
export function rankingImage(o: {
  groupName: string;
  month: string;
  headcount: number;
  average: number;
  rows: readonly RankingImageRow[];
  footer?: string;
}): ImageSpec | undefined {
  if (!o.rows.length) return undefined;
  return {
    kind: "ranking",
    model: {
      title: `${o.groupName || "本群"} · ${Number(o.month.slice(5))} 月考核排名`,
      subtitle: `${monthLabel(o.month)} · 共 ${o.headcount} 人 · 平均 ${o.average.toFixed(2)} 分`,
      rows: o.rows.map((r) => ({
        rank: r.rank,
        name: r.name,
        total: r.total,
        grade: r.grade ?? "—",
        movement: r.movement,
      })),
      ...(o.footer ? { footer: o.footer } : {}),
    },
  };
}

/** 成绩 as a picture: the total, place and grade on top, then each dimension's score. */
export function scoreImage(o: {
  name: string;
  groupName: string;
  month: string;
  total: number;
  rank: number;
  headcount: number;
  grade: string | null | undefined;
  dimensions: readonly { name: string; score: number; max: number }[];
  footer?: string;
}): ImageSpec {
  return {
    kind: "report",
    model: {
      title: `${o.name} · ${Number(o.month.slice(5))} 月成绩`,
      subtitle: `${o.groupName || "本群"} · ${monthLabel(o.month)}`,
      facts: [
        ["总分", o.total.toFixed(2)],
        ["排名", `${o.rank} / ${o.headcount}`],
        ["等次", o.grade ?? "—"],
      ],
      rows: o.dimensions.map((d) => ({ name: d.name, score: d.score.toFixed(2), max: String(d.max) })),
      trend: [],
      ...(o.footer ? { footer: o.footer } : {}),
    },
  };
}
