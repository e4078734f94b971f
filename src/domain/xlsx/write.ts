import { strToU8, zipSync, type Zippable } from "fflate";
import { columnName, escapeXml } from "./xml";

/**
 * A small .xlsx (Office Open XML, ECMA-376) writer: just what an export needs —
 * text and numeric cells, a bold header row frozen in place, column widths and
 * a two-decimal number format. Hand-written XML zipped by fflate keeps the
 * Worker bundle small (a full spreadsheet library is several hundred KiB).
 * Numbers are written as numbers (`<c><v>`), never as text, so Excel sums them.
 */

export type CellValue = string | number | null | undefined;

export interface Column {
  header: string;
  /** Width in characters; by default from the longest value (CJK counts double). */
  width?: number;
  /** "decimal" shows two decimals (scores, money); "integer" none. Text columns need nothing. */
  format?: "decimal" | "integer";
}

export interface Sheet {
  /** Excel allows 31 characters and none of : \ / ? * [ ]; `sheetName` makes any text fit. */
  name: string;
  columns: Column[];
  rows: CellValue[][];
}

export interface WorkbookOptions {
  /** Stamped on every zip entry and in docProps: the same data and time give the same bytes. */
  modified: Date;
  title?: string;
}

const MAX_SHEET_NAME = 31;
/** Excel's own cap on a column's width. */
const MAX_WIDTH = 60;

/** A legal, unique sheet name for `wanted`. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[:\\/?*[\]]/g, "_")
      .replace(/^'+|'+$/g, "")
      .trim()
      .slice(0, MAX_SHEET_NAME) || "Sheet";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++)
    name = `${base.slice(0, MAX_SHEET_NAME - String(i).length - 1)}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/** Display width of text: CJK and other wide characters take two columns. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}

function widthOf(column: Column, index: number, rows: CellValue[][]): number {
  if (column.width) return column.width;
  let w = displayWidth(column.header);
  // The first thousand rows are enough to size a column; a full scan of 10,000 rows buys nothing.
  for (let r = 0; r < rows.length && r < 1000; r++) {
    const v = rows[r]![index];
    if (v === null || v === undefined) continue;
    w = Math.max(w, typeof v === "number" ? String(Number.isInteger(v) ? v : v.toFixed(2)).length : displayWidth(v));
  }
  return Math.min(MAX_WIDTH, w + 2);
}

/** Shared strings: each distinct text stored once (names and group names repeat on every sheet). */
function createStrings() {
  const index = new Map<string, number>();
  const list: string[] = [];
  return {
    ref(text: string): number {
      let i = index.get(text);
      if (i === undefined) {
        i = list.length;
        list.push(text);
        index.set(text, i);
      }
      return i;
    },
    count: () => list.length,
    xml(uses: number): string {
      const items = list.map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`).join("");
      return `${XML_DECL}<sst xmlns="${NS_MAIN}" count="${uses}" uniqueCount="${list.length}">${items}</sst>`;
    },
  };
}

const XML_DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const SHEET_ML = "application/vnd.openxmlformats-officedocument.spreadsheetml";

/** Style ids in styles.xml below. */
const STYLE = { plain: 0, header: 1, decimal: 2, integer: 3 } as const;

const STYLES_XML = [
  XML_DECL,
  `<styleSheet xmlns="${NS_MAIN}">`,
  `<numFmts count="0"/>`,
  `<fonts count="2">`,
  `<font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>`,
  `<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>`,
  `<fills count="3">`,
  `<fill><patternFill patternType="none"/></fill>`,
  `<fill><patternFill patternType="gray125"/></fill>`,
  `<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>`,
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`,
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`,
  `<cellXfs count="4">`,
  `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
  `<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>`,
  `<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
  `<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`,
  `<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>`,
  "</styleSheet>",
].join("");

function sheetXml(sheet: Sheet, strings: ReturnType<typeof createStrings>, uses: { n: number }): string {
  const cols = sheet.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${widthOf(c, i, sheet.rows)}" customWidth="1"/>`)
    .join("");
  const letters = sheet.columns.map((_, i) => columnName(i));
  const styleOf = sheet.columns.map((c) =>
    c.format === "decimal" ? STYLE.decimal : c.format === "integer" ? STYLE.integer : STYLE.plain,
  );
  const parts: string[] = [];
  const header = sheet.columns.map((c, i) => {
    uses.n++;
    return `<c r="${letters[i]}1" t="s" s="${STYLE.header}"><v>${strings.ref(c.header)}</v></c>`;
  });
  parts.push(`<row r="1">${header.join("")}</row>`);
  for (let r = 0; r < sheet.rows.length; r++) {
    const rowNo = r + 2;
    const row = sheet.rows[r]!;
    let cells = "";
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v === null || v === undefined || v === "") continue;
      const ref = `${letters[i] ?? columnName(i)}${rowNo}`;
      if (typeof v === "number") {
        // NaN and Infinity have no place in a cell: Excel would refuse the file.
        if (Number.isFinite(v)) cells += `<c r="${ref}" s="${styleOf[i] ?? 0}"><v>${v}</v></c>`;
      } else {
        uses.n++;
        cells += `<c r="${ref}" t="s"><v>${strings.ref(v)}</v></c>`;
      }
    }
    parts.push(`<row r="${rowNo}">${cells}</row>`);
  }
  const lastCol = letters[letters.length - 1] ?? "A";
  const dimension = `A1:${lastCol}${sheet.rows.length + 1}`;
  // The frozen pane: row 1 stays in place while scrolling (ySplit=1, top-left cell A2).
  const views = [
    `<sheetViews><sheetView workbookViewId="0">`,
    `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`,
    `<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`,
    `</sheetView></sheetViews>`,
  ].join("");
  const filter = sheet.rows.length ? `<autoFilter ref="${dimension}"/>` : "";
  return [
    XML_DECL,
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_DOC_REL}"><dimension ref="${dimension}"/>${views}`,
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>`,
    `<sheetData>${parts.join("")}</sheetData>${filter}</worksheet>`,
  ].join("");
}

/** Builds the workbook's bytes. Sheet names must already be legal and unique (see `sheetName`). */
export function buildXlsx(sheets: Sheet[], opts: WorkbookOptions): Uint8Array {
  if (!sheets.length) throw new RangeError("a workbook needs at least one sheet");
  const strings = createStrings();
  const uses = { n: 0 };
  const sheetFiles: Zippable = {};
  sheets.forEach((s, i) => {
    sheetFiles[`sheet${i + 1}.xml`] = strToU8(sheetXml(s, strings, uses));
  });
  const iso = opts.modified.toISOString().replace(/\.\d{3}Z$/, "Z");
  const wbSheets = sheets
    .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  const wbRels = sheets
    .map(
      (_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_DOC_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join("");
  const n = sheets.length;
  const files: Zippable = {
    "[Content_Types].xml": strToU8(
      [
        XML_DECL,
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`,
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`,
        `<Default Extension="xml" ContentType="application/xml"/>`,
        `<Override PartName="/xl/workbook.xml" ContentType="${SHEET_ML}.sheet.main+xml"/>`,
        ...sheets.map(
          (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SHEET_ML}.worksheet+xml"/>`,
        ),
        `<Override PartName="/xl/styles.xml" ContentType="${SHEET_ML}.styles+xml"/>`,
        `<Override PartName="/xl/sharedStrings.xml" ContentType="${SHEET_ML}.sharedStrings+xml"/>`,
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
        `<Override PartName="/docProps/app.xml"`,
        ` ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`,
        `</Types>`,
      ].join(""),
    ),
    _rels: {
      ".rels": strToU8(
        [
          XML_DECL,
          `<Relationships xmlns="${NS_PKG_REL}">`,
          `<Relationship Id="rId1" Type="${NS_DOC_REL}/officeDocument" Target="xl/workbook.xml"/>`,
          `<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>`,
          `<Relationship Id="rId3" Type="${NS_DOC_REL}/extended-properties" Target="docProps/app.xml"/>`,
          `</Relationships>`,
        ].join(""),
      ),
    },
    docProps: {
      "core.xml": strToU8(
        [
          XML_DECL,
          `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"`,
          ` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"`,
          ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
          `<dc:title>${escapeXml(opts.title ?? "")}</dc:title><dc:creator>绩效考核机器人</dc:creator>`,
          `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>`,
          `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`,
        ].join(""),
      ),
      "app.xml": strToU8(
        `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
          `<Application>appraisal-bot</Application></Properties>`,
      ),
    },
    xl: {
      "workbook.xml": strToU8(
        `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_DOC_REL}">` +
          `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${wbSheets}</sheets></workbook>`,
      ),
      _rels: {
        "workbook.xml.rels": strToU8(
          [
            XML_DECL,
            `<Relationships xmlns="${NS_PKG_REL}">${wbRels}`,
            `<Relationship Id="rId${n + 1}" Type="${NS_DOC_REL}/styles" Target="styles.xml"/>`,
            `<Relationship Id="rId${n + 2}" Type="${NS_DOC_REL}/sharedStrings" Target="sharedStrings.xml"/>`,
            `</Relationships>`,
          ].join(""),
        ),
      },
      "styles.xml": strToU8(STYLES_XML),
      "sharedStrings.xml": strToU8(strings.xml(uses.n)),
      worksheets: sheetFiles,
    },
  };
  // A fixed mtime (not "now") makes the same data give the same bytes.
  return zipSync(files, { level: 6, mtime: opts.modified });
}

/** The MIME type of .xlsx, for HTTP answers. */
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
