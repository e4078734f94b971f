/**
 * CSV as Excel and WPS save it: RFC 4180 quoting, CRLF or LF, an optional
 * UTF-8 byte-order mark, and — because Excel in a Chinese locale saves
 * "CSV" in GB18030 — a fallback to that encoding when the bytes are not UTF-8.
 */

export class CsvDecodeError extends Error {
  override name = "CsvDecodeError";
}

/** The file's text: UTF-8 (with or without BOM), else GB18030 where the runtime can decode it. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      throw new CsvDecodeError("not UTF-8 or GB18030 text");
    }
  }
}

/** Rows of fields. A quoted field may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
