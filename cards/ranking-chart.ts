import { chart, type Element } from "./kit";

/**
 * Bars a ranking chart draws at most: beyond a few dozen the bars are too thin
 * to read on a phone, and every bar adds bytes to a card Lark caps at 30 KB.
 */
export const CHART_BARS = 20;

/**
 * The ranking's bar chart (totals by name, best first), one builder for the
 * monthly broadcast and the 排名 reply, so both look the same.
 */
export function rankingChart(rows: readonly { name: string; total: number }[]): Element {
  return chart({
    type: "bar",
    data: [
      {
        id: "totals",
        values: rows.slice(0, CHART_BARS).map((r) => ({ name: r.name, total: Math.round(r.total * 100) / 100 })),
      },
    ],
    xField: "name",
    yField: "total",
    label: { visible: true },
    axes: [{ orient: "left", min: 0, max: 100 }],
  });
}
