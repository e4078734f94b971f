import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exportWorkbook } from "../../src/app/export";
import { parseExportPeriod, type ExportPeriod } from "../../src/app/export-period";
import { prepareScheme } from "../../src/app/schemes";
import { computeMonth, rateWrites } from "../../src/app/scores";
import type { BatchItem } from "../../src/db/database";
import { groups, members, type Group } from "../../src/db/schema";
import { schemeTemplates } from "../../src/domain/scheme";
import { computeYear } from "../../src/app/period-results";
import { computeQuarter } from "../../src/app/period-results";
import { openTestDatabase } from "../support/db";
import { seedTenant } from "../support/seed-tenant";
import { larkChatId, larkOpenId } from "../support/ids";

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let all: Group[];
const AT = new Date("2027-01-05T02:00:00Z");
const run = (items: unknown[]) => t.db.batch(items as [BatchItem, ...BatchItem[]]);

beforeAll(async () => {
  t = await openTestDatabase();
  await seedTenant(t.db, {
    tenantKey: "t1",
    groups: 3,
    perGroup: 4,
    months: ["2026-07", "2026-08", "2026-10", "2026-11", "2026-12"],
    at: new Date("2026-07-01T00:00:00Z"),
  });
  // Another tenant's group must not appear.
  await seedTenant(t.db, {
    tenantKey: "t2",
    groups: 1,
    perGroup: 2,
    months: ["2026-11"],
    at: new Date("2026-07-01T00:00:00Z"),
    seed: 99,
    prefix: "b",
  });
  all = await t.db.select().from(groups);
  // The second group: another scheme (a dimension of its own) with a year-end pool.
  const g1 = all.find((g) => g.chatId === larkChatId("seed_1"))!;
  const section = schemeTemplates.find((x) => x.id === "section-leader")!.scheme;
  const p = await prepareScheme(
    t.db,
    g1,
    { ...section, annualPool: 50000 },
    "import",
    larkOpenId("1_leader"),
    new Date("2026-07-01T00:00:00Z"),
  );
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  await run(p.writes);
  // An audited rating in November.
  const [zhang] = await t.db
    .select()
    .from(members)
    .where(eq(members.userId, larkOpenId("0_0")));
  await run(
    rateWrites(t.db, {
      group: all.find((g) => g.chatId === larkChatId("seed_0"))!,
      month: "2026-11",
      member: zhang!,
      leaves: ["village"],
      score: 95,
      raterGroup: "leader",
      by: larkOpenId("0_leader"),
      comment: "防汛表现突出",
      now: new Date("2026-11-20T03:00:00Z"),
    }),
  );
});
afterAll(() => t.dispose());

async function open(period: string) {
  const p = parseExportPeriod(period)!;
  const out = await exportWorkbook(t.db, { platform: "lark", tenantKey: "t1", period: p, at: AT });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.bytes) as never);
  return { out, wb, p };
}

/** The sheet as objects keyed by the header row. */
function records(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  });
  return rows;
}

/** What the engine says, per person, as the sheet should show it. */
async function engine(p: ExportPeriod) {
  const out = new Map<string, Record<string, unknown>>();
  for (const g of all.filter((x) => x.tenantKey === "t1")) {
    if (p.kind === "month") {
      const { inForce, result } = await computeMonth(t.db, g, p.id, AT);
      for (const m of result.members) {
        out.set(`${g.name}|${m.name}`, {
          总分: m.total,
          组内名次: m.rank,
          等次: m.grade,
          "名次奖（元）": m.prize,
          附加分: m.extra,
          ...Object.fromEntries(inForce.scheme.dimensions.map((d) => [d.name, m.dimensions[d.key]?.score])),
        });
      }
    } else {
      const { scheme, combined, pay } =
        p.kind === "quarter"
          ? { ...(await computeQuarter(t.db, g, p.id, AT)), pay: undefined }
          : await computeYear(t.db, g, p.id, AT);
      for (const m of combined.members) {
        out.set(`${g.name}|${m.name}`, {
          总分: m.total,
          组内名次: m.rank,
          等次: m.grade,
          "名次奖（元）": m.prize,
          ...(pay ? { "绩效工资（元）": (pay.get(m.id)?.fen ?? 0) / 100 } : {}),
          ...Object.fromEntries(scheme.dimensions.map((d) => [d.name, m.dimensions[d.key]])),
        });
      }
    }
  }
  return out;
}

describe.each(["2026-Q4", "2026-11", "2026"])("export %s read back by exceljs", (period) => {
  test("every figure equals the engine's, as a number; the header is frozen on every sheet", async () => {
    const { out, wb, p } = await open(period);
    const expected = await engine(p);
    const sheet = wb.getWorksheet("成绩汇总")!;
    const rows = records(sheet);
    expect(rows).toHaveLength(expected.size);
    expect(out.people).toBe(expected.size);
    for (const r of rows) {
      const want = expected.get(`${r["部门"]}|${r["姓名"]}`);
      expect(want, `${r["部门"]} ${r["姓名"]}`).toBeDefined();
      for (const [column, value] of Object.entries(want!)) {
        if (value === undefined) continue;
        expect(r[column], `${r["姓名"]} ${column}`).toEqual(value === null ? null : value);
      }
    }
    // Numbers are numeric cells, never text.
    const totalCol = (sheet.getRow(1).values as unknown[]).indexOf("总分");
    sheet.eachRow((row, n) => {
      if (n > 1) expect(row.getCell(totalCol).type).toBe(ExcelJS.ValueType.Number);
    });
    for (const ws of wb.worksheets) expect(ws.views[0], ws.name).toMatchObject({ state: "frozen", ySplit: 1 });
    // One sheet per group of the tenant, after the results and the audit trail.
    expect(wb.worksheets.map((w) => w.name)).toEqual(["成绩汇总", "审计记录", "第1科室", "第2科室", "第3科室"]);
    expect(records(wb.getWorksheet("第2科室")!).every((r) => r["部门"] === "第2科室")).toBe(true);
  });
});

test("the year shows each quarter's total, the pool split where the scheme has one, and a dimension only one scheme has", async () => {
  const { wb } = await open("2026");
  const header = (wb.getWorksheet("成绩汇总")!.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual(
    expect.arrayContaining(["Q1总分", "Q2总分", "Q3总分", "Q4总分", "绩效工资（元）", "分管工作", "联村工作"]),
  );
  const rows = records(wb.getWorksheet("成绩汇总")!);
  const pooled = rows.filter((r) => r["部门"] === "第2科室");
  const fen = pooled.reduce((n, r) => n + Math.round((r["绩效工资（元）"] as number) * 100), 0);
  expect(fen).toBe(5_000_000); // split to the fen
  expect(rows.filter((r) => r["部门"] === "第1科室").every((r) => r["分管工作"] === null)).toBe(true);
  expect(rows.every((r) => r["Q1总分"] === null)).toBe(true); // nobody scored in Q1
});

test("the audit sheet has the period's changes, with names, in Chinese", async () => {
  const { wb } = await open("2026-11");
  const audit = records(wb.getWorksheet("审计记录")!);
  const rating = audit.find((r) => r["操作"] === "评分");
  expect(rating).toMatchObject({ 时间: "2026-11-20 11:00", 部门: "第1科室", 操作人: "负责人1" });
  expect(String(rating!["详情"])).toContain("防汛表现突出");
  expect(rating!["对象"]).toMatch(/\S/);
  // Q3 has the scheme set in July, and not November's rating.
  expect(records((await open("2026-Q3")).wb.getWorksheet("审计记录")!).map((r) => r["操作"])).toEqual(["设置方案"]);
});

test("the same request over the same data gives the same bytes", async () => {
  const a = await open("2026-Q4");
  const b = await open("2026-Q4");
  expect(a.out.bytes).toEqual(b.out.bytes);
});

test("a period nobody was scored in gives the headers and no people, not an error", async () => {
  const { out, wb } = await open("2025-Q4");
  expect(out.people).toBe(0);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["成绩汇总", "审计记录"]);
  expect(wb.getWorksheet("成绩汇总")!.getRow(1).getCell(1).value).toBe("部门");
});

test("periods", () => {
  expect(parseExportPeriod("2026-Q4")).toMatchObject({
    kind: "quarter",
    id: "2026-Q4",
    months: ["2026-10", "2026-11", "2026-12"],
  });
  expect(parseExportPeriod("2026q1")?.id).toBe("2026-Q1");
  expect(parseExportPeriod("2026-1")?.id).toBe("2026-01");
  expect(parseExportPeriod("2026年11月")?.id).toBe("2026-11");
  expect(parseExportPeriod("2026")).toMatchObject({ kind: "year", months: expect.arrayContaining(["2026-12"]) });
  for (const bad of ["2026-13", "2026-Q5", "26", "明年", ""]) expect(parseExportPeriod(bad)).toBeUndefined();
});
