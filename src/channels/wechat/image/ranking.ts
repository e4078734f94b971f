import type { RankingImageModel } from "../../../outbox/message";
import { clip, header, line, rect, svg, text } from "./svg";

const WIDTH = 720;
const ROW = 44;
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
  const top = 96 + 24;
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
  rows.forEach((r, i) => {
    const y = top + ROW * (i + 1);
    if (r.rank <= 3) body.push(rect(24, y, WIDTH - 48, ROW, "#fff7e8"));
    const move = movementLabel(r.movement);
    const base = y + 29;
    body.push(
      text(cols.rank, base, String(r.rank), { size: 20, weight: r.rank <= 3 ? 700 : 400, anchor: "middle" }),
      text(cols.name, base, clip(r.name, 12), { size: 20 }),
      text(cols.total, base, r.total.toFixed(2), { size: 20, anchor: "end" }),
      text(cols.grade, base, r.grade, { size: 20, anchor: "middle" }),
      text(cols.move, base, move.label, { size: 20, fill: move.fill, anchor: "middle" }),
      line(24, y + ROW, WIDTH - 24, y + ROW),
    );
  });
  let y = top + ROW * (rows.length + 1) + 36;
  if (more > 0) {
    body.push(text(32, y, `另有 ${more} 人，见文字消息`, { size: 18, fill: "#646a73" }));
    y += 30;
  }
  if (m.footer) {
    body.push(text(32, y, clip(m.footer, 40), { size: 18, fill: "#646a73" }));
    y += 30;
  }
  return svg(WIDTH, y + 12, body);
}
