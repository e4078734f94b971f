import { strFromU8, unzipSync } from "fflate";
import { attr, columnIndex, unescapeXml } from "./xml";

/**
 * Reads the first sheet of an .xlsx as rows of cell values: what a roster
 * import needs, for files saved by Excel, WPS or Numbers. Shared strings,
 * inline strings, numbers and booleans are read; formulas give their cached
 * value; styles and dates are not interpreted.
 */

export type ReadCell = string | number | boolean | null;

export class XlsxReadError extends Error {
  override name = "XlsxReadError";
}

/** Refuse a decompression bomb: a roster is far smaller than this once unzipped. */
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

function text(files: Record<string, Uint8Array>, path: string): string | undefined {
  const bytes = files[path];
  return bytes ? strFromU8(bytes) : undefined;
}

/** The text of a <si> or <is>: every <t> run joined (rich text has several), phonetic runs left out. */
function runs(xml: string): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of withoutPhonetic.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g))
    out += unescapeXml(m[1] ?? "");
  return out;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => runs(m[1] ?? ""));
}

/** The path of the workbook's first sheet, through workbook.xml and its relationships. */
function firstSheetPath(files: Record<string, Uint8Array>): string {
  const workbook = text(files, "xl/workbook.xml");
  if (!workbook) throw new XlsxReadError("not an xlsx workbook (xl/workbook.xml missing)");
  const sheet = /<sheet\b[^>]*>/.exec(workbook)?.[0];
  const rid = sheet ? (attr(sheet, "r:id") ?? attr(sheet, "relationships:id")) : undefined;
  const rels = text(files, "xl/_rels/workbook.xml.rels") ?? "";
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    if (attr(m[0], "Id") !== rid) continue;
    const target = attr(m[0], "Target") ?? "";
    return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  }
  if (files["xl/worksheets/sheet1.xml"]) return "xl/worksheets/sheet1.xml";
  throw new XlsxReadError("the workbook has no sheet");
}

function cellValue(tag: string, inner: string, strings: string[]): ReadCell {
  const type = attr(tag, "t") ?? "n";
  if (type === "inlineStr") return runs(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? "");
  const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (v === undefined) return null;
  switch (type) {
    case "s":
      return strings[Number(v)] ?? "";
    case "str":
    case "e":
      return unescapeXml(v);
    case "b":
      return v === "1";
    default: {
      const n = Number(v);
      return Number.isFinite(n) ? n : unescapeXml(v);
    }
  }
}

/** Rows of the first sheet; each row is indexed by column (A = 0), with null for empty cells. */
export function readFirstSheet(bytes: Uint8Array): ReadCell[][] {
  let files: Record<string, Uint8Array>;
  try {
    let total = 0;
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new XlsxReadError("the file is too large once unzipped");
        return f.name.startsWith("xl/") || f.name === "[Content_Types].xml";
      },
    });
  } catch (error) {
    if (error instanceof XlsxReadError) throw error;
    throw new XlsxReadError("not a zip file (is it really .xlsx?)");
  }
  const strings = sharedStrings(text(files, "xl/sharedStrings.xml"));
  const sheet = text(files, firstSheetPath(files));
  if (!sheet) throw new XlsxReadError("the first sheet is missing");
  const rows: ReadCell[][] = [];
  let nextRow = 1;
  for (const rm of sheet.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>|<row\b([^>]*)\/>/g)) {
    const rowNo = Number(attr(`<row${rm[1] ?? rm[3] ?? ""}>`, "r") ?? nextRow);
    nextRow = rowNo + 1;
    const row: ReadCell[] = [];
    let nextCol = 0;
    for (const cm of (rm[2] ?? "").matchAll(/<c\b([^>]*?)\/>|<c\b([^>]*)>([\s\S]*?)<\/c>/g)) {
      const tag = `<c${cm[1] ?? cm[2] ?? ""}>`;
      const ref = attr(tag, "r");
      const col = ref ? columnIndex(ref) : nextCol;
      nextCol = col + 1;
      row[col] = cm[3] === undefined ? null : cellValue(tag, cm[3], strings);
    }
    for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
    rows[rowNo - 1] = row;
  }
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  return rows;
}
