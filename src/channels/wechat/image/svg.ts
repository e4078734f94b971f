/** A few SVG pieces, as strings: the images are small and fixed in layout. */
import { escapeXml } from "../../../domain/xml";

export const FONT = "Noto Sans SC";


export function text(x: number, y: number, content: string, o: { size?: number; weight?: number; fill?: string; anchor?: "start" | "middle" | "end" } = {}): string {
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

/** Title band shared by every image. */
export function header(width: number, title: string, subtitle: string): string[] {
  return [rect(0, 0, width, 96, "#3370ff"), text(32, 48, clip(title, 30), { size: 30, weight: 700, fill: "#ffffff" }), text(32, 80, clip(subtitle, 44), { size: 18, fill: "#e1eaff" })];
}
