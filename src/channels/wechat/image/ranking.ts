import type { RankingImageModel } from "../../../outbox/message";
import { clip, HEADER_H, header, line, rect, svg, text } from "./svg";

const WIDTH = 720;
const ROW = 44;
/** The first three places: taller rows and larger type, so they read in the chat's thumbnail. */
const PODIUM_ROW = 56;
const PODIUM = 3;
/** Rows drawn; a longer list says how many more there are (the text message has them all). */
export const MAX_RANKING_ROWS = 60;

function movementLabel(m: number | null): { label: string; fill: string } {
  if (m === null) return { label: "新", fill: "#8f959e" };
  if (m > 0) return { label: `↑${m}`, fill: "#d83931" };
  if (m < 0) return { label: `↓${-m}`, fill: "#2ea121" };
  return { label: "—", fill: "#8f959e" };
}

/** The month's ranking as an SVG table: 名次, 姓名, 总分, 等次, 升降. */
export function rankingSvg(m: RankingImageModel): string {
  const rows = m.rows.slice(0, MAX_RANKING_ROWS);
  const more = m.rows.length - rows.length;
  const top = HEADER_H + 20;
  const cols = { rank: 48, name: 120, total: 430, grade: 540, move: 650 };
  const body = [...header(WIDTH, m.title, m.subtitle)];
  body.push(rect(24, top, WIDTH - 48, ROW, "#f2f3f5", 6));
  const y0 = top + 29;
  body.push(
    text(cols.rank, y0, "名次", { size: 20, weight: 700, anchor: "middle" }),
    text(cols.name, y0, "姓名", { size: 20, weight: 700 }),
    text(cols.total, y0, "总分", { size: 20, weight: 700, anchor: "end" }),
    text(cols.grade, y0, "等次", { size: 20, weight: 700, anchor: "middle" }),
    text(cols.move, y0, "升降", { size: 20, weight: 700, anchor: "middle" }),
  );
  let y = top + ROW;
  for (const r of rows) {
    const podium = r.rank <= PODIUM;
    const h = podium ? PODIUM_ROW : ROW;
    const size = podium ? 26 : 20;
    const weight = podium ? 700 : 400;
    if (podium) body.push(rect(24, y, WIDTH - 48, h, "#fff7e8"));
    const move = movementLabel(r.movement);
    const base = y + Math.round(h / 2 + size * 0.36);
    body.push(
      text(cols.rank, base, String(r.rank), { size, weight, anchor: "middle" }),
      text(cols.name, base, clip(r.name, podium ? 10 : 12), { size, weight }),
      text(cols.total, base, r.total.toFixed(2), { size, weight, anchor: "end" }),
      text(cols.grade, base, r.grade, { size: podium ? 22 : 20, anchor: "middle" }),
      text(cols.move, base, move.label, { size: podium ? 22 : 20, fill: move.fill, anchor: "middle" }),
      line(24, y + h, WIDTH - 24, y + h),
    );
    y += h;
  }
  y += 36;
  if (more > 0) {
    body.push(text(32, y, `另有 ${more} 人，见文字消息`, { size: 20, fill: "#646a73" }));
    y += 32;
  }
  if (m.footer) {
    body.push(text(32, y, clip(m.footer, 34), { size: 20, fill: "#646a73" }));
    y += 32;
  }
  return svg(WIDTH, y + 12, body);
}
