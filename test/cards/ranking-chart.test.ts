import { describe, expect, test } from "vitest";
import { rankingCard } from "../../cards/ranking";
import { rankingBroadcastCard } from "../../cards/ranking-broadcast";
import { CHART_BARS } from "../../cards/ranking-chart";

const rows = Array.from({ length: 30 }, (_, i) => ({
  rank: i + 1,
  name: `成员${i}`,
  total: 95 - i / 2,
  grade: i < 3 ? "优秀" : "合格",
}));
const chartOf = (card: { body: { elements: Record<string, unknown>[] } }) =>
  card.body.elements.find((e) => e.tag === "chart") as
    | { chart_spec: { data: { values: { name: string; total: number }[] }[] } }
    | undefined;

describe("排名 carries the monthly broadcast's chart", () => {
  test("the same bars as the broadcast for the same people, best first, at most CHART_BARS", () => {
    const reply = rankingCard({
      groupName: "综合办公室",
      month: "2026-11",
      rows,
      headcount: rows.length,
      visibility: "leader",
      lang: "zh",
    }).card;
    const broadcast = rankingBroadcastCard({
      groupName: "综合办公室",
      month: "2026-11",
      visibility: "full",
      rows: rows.map((r) => ({ ...r, movement: null })),
      headcount: rows.length,
      average: 88,
      lang: "zh",
    }).card;
    const bars = chartOf(reply)!.chart_spec.data[0]!.values;
    expect(chartOf(reply)).toEqual(chartOf(broadcast));
    expect(bars).toHaveLength(CHART_BARS);
    expect(bars[0]).toEqual({ name: "成员0", total: 95 });
  });

  test("a member who may see only their own place gets no chart of the others", () => {
    const own = rankingCard({
      groupName: "综合办公室",
      month: "2026-11",
      rows: [],
      headcount: rows.length,
      visibility: "private",
      myPlace: { ...rows[4]!, me: true },
      lang: "zh",
    }).card;
    expect(chartOf(own)).toBeUndefined();
  });

  test("the top view charts only the top it shows, with 我 named as everyone else is", () => {
    const top = rows.slice(0, 10).map((r, i) => ({ ...r, me: i === 2 }));
    const card = rankingCard({
      groupName: "综合办公室",
      month: "2026-11",
      rows: top,
      headcount: rows.length,
      visibility: "top",
      myPlace: top[2],
      lang: "zh",
    }).card;
    expect(chartOf(card)!.chart_spec.data[0]!.values.map((v) => v.name)).toEqual(top.map((r) => r.name));
  });
});
