/** A few SVG pieces, as strings: the images are small and fixed in layout. */
import { escapeXml } from "../../../domain/xml";

export const FONT = "Noto Sans SC";

export function text(
  x: number,
  y: number,
  content: string,
  o: { size?: number; weight?: number; fill?: string; anchor?: "start" | "middle" | "end" } = {},
): string {
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${o.size ?? 22}" font-weight="${o.weight ?? 400}" fill="${o.fill ?? "#1f2329"}" text-anchor="${o.anchor ?? "start"}">${escapeXml(content)}</text>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, rx = 0): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${rx}" fill="${fill}"/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke = "#dee0e3", width = 1): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}" stroke-width="${width}"/>`;
}

export function svg(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rect(0, 0, width, height, "#ffffff")}${body.join("")}</svg>`;
}

/** Cuts text to `max` characters (names and titles are user data of any length). */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : s;
}

/** Cuts text to about `em` font-sizes of width: CJK and fullwidth characters are 1 em, the rest about 0.6. */
export function clipWidth(s: string, em: number): string {
  const width = (ch: string) =>
    /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
      ch,
    )
      ? 1
      : 0.6;
  const chars = [...s];
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    used += width(chars[i]!);
    if (used > em) return `${chars.slice(0, i).join("")}…`;
  }
  return s;
}

/** Height of the title band. */
export const HEADER_H = 124;

/**
 * Title band shared by every image. A chat shows a picture as a small thumbnail of its top part,
 * so the title is large enough to read there (40 px, bold), and the subtitle larger than body text.
 */
export function header(width: number, title: string, subtitle: string): string[] {
  return [
    rect(0, 0, width, HEADER_H, "#3370ff"),
    text(32, 60, clipWidth(title, 15.5), { size: 40, weight: 700, fill: "#ffffff" }),
    text(32, 102, clipWidth(subtitle, 26), { size: 24, fill: "#e1eaff" }),
  ];
}
