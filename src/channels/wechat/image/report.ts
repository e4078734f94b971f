import type { ReportImageModel } from "../../../outbox/message";
import { clip, HEADER_H, header, line, rect, svg, text } from "./svg";

const WIDTH = 720;
const ROW = 40;
const CHART_H = 220;

/** Polyline of monthly totals with labelled points; the scale fits the data with some room. */
function trendChart(x: number, y: number, w: number, trend: ReportImageModel["trend"]): string[] {
  const out = [rect(x, y, w, CHART_H, "#f7f8fa", 8), text(x + 16, y + 30, "月度总分走势", { size: 20, weight: 700 })];
  if (!trend.length) return [...out, text(x + 16, y + 80, "暂无数据", { size: 18, fill: "#8f959e" })];
  const values = trend.map((p) => p.value);
  const lo = Math.floor(Math.min(...values) - 5);
  const hi = Math.ceil(Math.max(...values) + 5);
  const left = x + 56;
  const right = x + w - 40;
  const plotTop = y + 56;
  const plotBottom = y + CHART_H - 40;
  const px = (i: number) =>
    trend.length === 1 ? (left + right) / 2 : left + ((right - left) * i) / (trend.length - 1);
  const py = (v: number) => plotBottom - ((plotBottom - plotTop) * (v - lo)) / Math.max(1, hi - lo);
  out.push(
    line(left, plotBottom, right, plotBottom, "#bbbfc4"),
    text(left - 8, plotBottom + 6, String(lo), { size: 14, fill: "#8f959e", anchor: "end" }),
    text(left - 8, plotTop + 6, String(hi), { size: 14, fill: "#8f959e", anchor: "end" }),
  );
  const points = trend.map((p, i) => `${px(i).toFixed(1)},${py(p.value).toFixed(1)}`).join(" ");
  out.push(`<polyline points="${points}" fill="none" stroke="#3370ff" stroke-width="3"/>`);
  trend.forEach((p, i) => {
    out.push(
      `<circle cx="${px(i).toFixed(1)}" cy="${py(p.value).toFixed(1)}" r="5" fill="#3370ff"/>`,
      text(px(i), py(p.value) - 12, p.value.toFixed(1), { size: 14, anchor: "middle" }),
      text(px(i), plotBottom + 24, clip(p.label, 8), { size: 14, fill: "#646a73", anchor: "middle" }),
    );
  });
  return out;
}

/**
 * A score sheet (a quarter's report card, or 成绩 on demand): the key facts large at the top (what
 * the chat's thumbnail shows), each dimension's score, and the trend of monthly totals when given.
 */
export function reportSvg(m: ReportImageModel): string {
  const body = [...header(WIDTH, m.title, m.subtitle)];
  let y = HEADER_H + 20;
  m.facts.slice(0, 8).forEach(([label, value], i) => {
    const x = 32 + (i % 2) * 340;
    if (i % 2 === 0 && i > 0) y += 48;
    body.push(
      text(x, y + 32, `${clip(label, 4)}`, { size: 22, fill: "#646a73" }),
      text(x + 96, y + 32, clip(value, 8), { size: 28, weight: 700 }),
    );
  });
  y += 68;
  body.push(
    rect(24, y, WIDTH - 48, ROW, "#f2f3f5", 6),
    text(40, y + 27, "考核维度", { size: 20, weight: 700 }),
    text(560, y + 27, "得分", { size: 20, weight: 700, anchor: "end" }),
    text(680, y + 27, "满分", { size: 20, weight: 700, anchor: "end" }),
  );
  for (const r of m.rows.slice(0, 20)) {
    y += ROW;
    body.push(
      text(40, y + 27, clip(r.name, 18), { size: 20 }),
      text(560, y + 27, r.score, { size: 20, anchor: "end" }),
      text(680, y + 27, r.max, { size: 20, fill: "#646a73", anchor: "end" }),
      line(24, y + ROW, WIDTH - 24, y + ROW),
    );
  }
  y += ROW + 24;
  if (m.trend.length) {
    body.push(...trendChart(24, y, WIDTH - 48, m.trend));
    y += CHART_H + 36;
  } else {
    y += 12;
  }
  if (m.footer) {
    body.push(text(32, y, clip(m.footer, 40), { size: 18, fill: "#646a73" }));
    y += 30;
  }
  return svg(WIDTH, y, body);
}
