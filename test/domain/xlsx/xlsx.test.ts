import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { buildXlsx, sheetName, type Sheet } from "../../../src/domain/xlsx/write";
import { readFirstSheet, XlsxReadError } from "../../../src/domain/xlsx/read";
import { columnIndex, columnName } from "../../../src/domain/xlsx/xml";

const MODIFIED = new Date("2026-12-01T08:00:00Z");

const SHEET: Sheet = {
  name: "成绩",
  columns: [
    { header: "姓名" },
    { header: "总分", format: "decimal" },
    { header: "名次", format: "integer" },
    { header: "备注" },
  ],
  rows: [
    ["张三", 92.35, 1, "优秀 & <好>"],
    ["李四", 88, 2, null],
    ["王五", 0, 3, "  前后空格  "],
  ],
};

async function openWithExcelJs(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

describe("xlsx writer", () => {
  test("an independent reader sees numbers as numbers, the text as written, and a frozen header", async () => {
    const wb = await openWithExcelJs(buildXlsx([SHEET], { modified: MODIFIED }));
    const ws = wb.getWorksheet("成绩")!;
    expect(ws.getRow(1).values).toEqual([undefined, "姓名", "总分", "名次", "备注"]);
    expect(ws.getCell("B2").value).toBe(92.35);
    expect(ws.getCell("B2").type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell("C3").value).toBe(2);
    expect(ws.getCell("B4").value).toBe(0);
    expect(ws.getCell("D2").value).toBe("优秀 & <好>");
    expect(ws.getCell("D4").value).toBe("  前后空格  ");
    expect(ws.getCell("D3").value).toBeNull();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(6);
  });

  test("text Excel cannot hold is made safe: control characters dropped, emoji and markup kept as text", async () => {
    const sheet: Sheet = {
      name: "x",
      columns: [{ header: "名" }],
      rows: [["张\u0001三😀"], ["<v>1</v>&amp;"], [Number.NaN], [Infinity]],
    };
    const wb = await openWithExcelJs(buildXlsx([sheet], { modified: MODIFIED }));
    const ws = wb.getWorksheet("x")!;
    expect(ws.getCell("A2").value).toBe("张三😀");
    expect(ws.getCell("A3").value).toBe("<v>1</v>&amp;");
    expect(ws.getCell("A4").value).toBeNull();
    expect(ws.getCell("A5").value).toBeNull();
  });

  test("the same data and time give the same bytes", () => {
    expect(buildXlsx([SHEET], { modified: MODIFIED })).toEqual(buildXlsx([SHEET], { modified: MODIFIED }));
  });

  test("sheet names are made legal and unique", () => {
    const taken = new Set<string>();
    expect(sheetName("综合/办公室?", taken)).toBe("综合_办公室_");
    expect(sheetName("综合/办公室?", taken)).toBe("综合_办公室__2");
    expect(sheetName("x".repeat(40), taken)).toHaveLength(31);
    expect(sheetName("", taken)).toBe("Sheet");
  });

  test("column letters", () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(columnIndex("AA12")).toBe(26);
  });
});

describe("xlsx reader", () => {
  test("reads back what the writer wrote", () => {
    const rows = readFirstSheet(buildXlsx([SHEET], { modified: MODIFIED }));
    expect(rows[0]).toEqual(["姓名", "总分", "名次", "备注"]);
    expect(rows[1]).toEqual(["张三", 92.35, 1, "优秀 & <好>"]);
    expect(rows[2]).toEqual(["李四", 88, 2]);
  });

  test("reads a workbook written by another library: shared and inline strings, numbers, formulas, gaps", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("花名册");
    ws.addRow(["姓名", "部门", "岗位", "系数"]);
    ws.addRow(["张三", "综合办公室", "科员", 1.042]);
    ws.getCell("A4").value = "李四";
    ws.getCell("D4").value = { formula: "1+0.083", result: 1.083 };
    ws.getCell("B4").value = { richText: [{ text: "综合" }, { text: "办公室", font: { bold: true } }] };
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const rows = readFirstSheet(bytes);
    expect(rows[0]).toEqual(["姓名", "部门", "岗位", "系数"]);
    expect(rows[1]).toEqual(["张三", "综合办公室", "科员", 1.042]);
    expect(rows[2]).toEqual([]);
    expect(rows[3]).toEqual(["李四", "综合办公室", null, 1.083]);
  });

  test("refuses what is not an xlsx", () => {
    expect(() => readFirstSheet(new TextEncoder().encode("姓名,部门\n张三,办公室"))).toThrow(XlsxReadError);
  });
});
