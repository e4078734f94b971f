import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/database";
import { groups, members, type Group, type Member } from "../db/schema";
import { onTimeLabel } from "../domain/attendance";
import { daysInMonth } from "../domain/dates";
import { withTermsOn } from "../domain/roster";
import { termsOf } from "./roster";
import type { Scheme } from "../domain/scheme";
import { buildXlsx, sheetName, type CellValue, type Column, type Sheet } from "../domain/xlsx/write";
import { computeYear } from "./period-results";
import { computeQuarter } from "./period-results";
import { auditSheet } from "./export-audit";
import { surveySheet } from "./export-surveys";
import { unitSheets } from "./export-units";
import { targetSheet } from "./export-targets";
import { finalGrades } from "./grade-confirmations";
import { exportFileName, periodLabel, type ExportPeriod } from "./export-period";
import { decodeFigures, encodeFigures, type FigureRow } from "./export-kept";
import { periodSource, type MonthSource, type PeriodSource } from "./period-data";
import { tenantGroups } from "./groups";
import { schoolSheets } from "./export-school";

/**
 * 导出: one workbook for a tenant's period — every person of every group with
 * each dimension, the total, rank, grade, prize and pay exactly as the engine
 * computes them (the same functions the report cards use), the audit trail of
 * the period, and one sheet per group.
 */

/** One person's figures, whatever the period. */
interface ExportRow extends FigureRow {
  group: Group;
  member: Member | undefined;
}

interface GroupFigures {
  group: Group;
  scheme: Scheme;
  partNames: string[];
  rows: ExportRow[];
}

const partLabel = (period: string) =>
  /-Q\d$/.test(period) ? `${period.slice(-2)}总分` : `${Number(period.slice(5))}月总分`;

/**
 * A group's figures with the grades as published: the scheme's 优秀 floor and the office's overrides
 * (src/app/grade-confirmations.ts). Schemes without either keep the engine's grades, with no extra read.
 */
async function groupFigures(
  db: Database,
  group: Group,
  period: ExportPeriod,
  people: Map<string, Member>,
  at: Date,
  source: PeriodSource,
): Promise<GroupFigures> {
  const figures = await engineFigures(db, group, period, people, at, source);
  const { scheme } = figures;
  if (!scheme.gradeFloor && !scheme.confirmGrades) return figures;
  const byKey = (r: ExportRow) =>
    Object.fromEntries(scheme.dimensions.map((d) => [d.key, r.dimensions.get(d.name) ?? 0]));
  const finals = await finalGrades(
    db,
    group,
    period.id,
    scheme,
    figures.rows.map((r) => ({ ...r, dimensions: byKey(r) })),
  );
  return { ...figures, rows: figures.rows.map((r) => ({ ...r, grade: finals.get(r.id)?.grade ?? null })) };
}

/** A group's figures for the period, from the engine. */
async function engineFigures(
  db: Database,
  group: Group,
  period: ExportPeriod,
  people: Map<string, Member>,
  at: Date,
  source: PeriodSource,
): Promise<GroupFigures> {
  const dimensionsOf = (scheme: Scheme, scores: (key: string) => number | undefined) =>
    new Map(scheme.dimensions.flatMap((d) => (scores(d.key) === undefined ? [] : [[d.name, scores(d.key)!] as const])));
  const months: MonthSource = { month: source.summary, departmentScores: source.departmentScores };
  if (period.kind === "month") {
    const { inForce, result } = await months.month(group, period.id);
    return {
      group,
      scheme: inForce.scheme,
      partNames: [],
      rows: result.members.map((m) => ({
        group,
        member: people.get(m.id),
        id: m.id,
        name: m.name,
        dimensions: dimensionsOf(inForce.scheme, (k) => m.dimensions[k]?.score),
        parts: [],
        extra: m.extra,
        total: m.total,
        rank: m.rank,
        headcount: result.members.length,
        grade: m.grade,
        prize: m.prize,
        pay: result.poolFen > 0 ? m.pay : null,
      })),
    };
  }
  const partNames = period.kind === "quarter" ? period.months : [1, 2, 3, 4].map((q) => `${period.id}-Q${q}`);
  const kept = await source.keptFigures(group, period);
  if (kept)
    return {
      group,
      // The scheme of the period's last month decides, as in computeQuarter and computeYear.
      scheme: (await source.inForce(group, period.months.at(-1)!)).scheme,
      partNames: partNames.map(partLabel),
      rows: decodeFigures(kept).map((r) => ({ ...r, group, member: people.get(r.id) })),
    };
  const { scheme, combined, pay } =
    period.kind === "quarter"
      ? { ...(await computeQuarter(db, group, period.id, at, months)), pay: undefined }
      : await computeYear(db, group, period.id, at, months);
  const rows: FigureRow[] = combined.members.map((m) => ({
    id: m.id,
    name: m.name,
    dimensions: dimensionsOf(scheme, (k) => m.dimensions[k]),
    // Parts the engine left out (nobody scored) show as empty, in their place.
    parts: partNames.map((p) => m.parts.find((x) => x.period === p)?.total ?? null),
    extra: null,
    total: m.total,
    rank: m.rank,
    headcount: combined.members.length,
    grade: m.grade,
    prize: m.prize,
    pay: pay ? (pay.get(m.id)?.fen ?? 0) / 100 : null,
  }));
  const encoded = encodeFigures(rows);
  if (encoded) await source.keepFigures(group, period, encoded);
  return {
    group,
    scheme,
    partNames: partNames.map(partLabel),
    rows: rows.map((r) => ({ ...r, group, member: people.get(r.id) })),
  };
}

function resultSheet(name: string, figures: GroupFigures[], period: ExportPeriod, taken: Set<string>): Sheet {
  const dimensionNames = [...new Set(figures.flatMap((f) => f.scheme.dimensions.map((d) => d.name)))];
  const computed = new Set(
    figures.flatMap((f) => f.scheme.dimensions.filter((d) => d.source === "attendance").map((d) => d.name)),
  );
  // Every group of the period has the same parts (none for a month).
  const partNames = figures[0]?.partNames ?? [];
  const withPay = figures.some((f) => f.rows.some((r) => r.pay !== null));
  const columns: Column[] = [
    { header: "部门" },
    { header: "姓名" },
    { header: "岗位" },
    { header: "系数", format: "decimal" },
    // A computed dimension is headed 按时记录率 (issue 13 item 9), with the scheme's name beside it.
    ...dimensionNames.map((d) => ({ header: computed.has(d) ? onTimeLabel(d) : d, format: "decimal" as const })),
    ...(period.kind === "month" ? [{ header: "附加分", format: "decimal" as const }] : []),
    ...partNames.map((p) => ({ header: p, format: "decimal" as const })),
    { header: "总分", format: "decimal" },
    { header: "组内名次", format: "integer" },
    { header: "参评人数", format: "integer" },
    { header: "等次" },
    { header: "名次奖（元）", format: "decimal" },
    ...(withPay ? [{ header: "绩效工资（元）", format: "decimal" as const }] : []),
  ];
  const rows: CellValue[][] = figures.flatMap((f) =>
    f.rows.map((r) => [
      f.group.name || f.group.chatId,
      r.name,
      r.member?.position ?? null,
      r.member?.coefficient ?? 1,
      ...dimensionNames.map((d) => r.dimensions.get(d) ?? null),
      ...(period.kind === "month" ? [r.extra] : []),
      ...partNames.map((_, i) => r.parts[i] ?? null),
      r.total,
      r.rank,
      r.headcount,
      r.grade,
      r.prize,
      ...(withPay ? [r.pay] : []),
    ]),
  );
  return { name: sheetName(name, taken), columns, rows };
}

export interface ExportWorkbook {
  fileName: string;
  bytes: Uint8Array;
  /** People in the results sheet, and groups with a sheet of their own. */
  people: number;
  groups: number;
}

/**
 * Builds the workbook. `at` stands for "now" (which scheme versions are in
 * force) and stamps the file, so the same request over the same data gives
 * the same bytes.
 */
export async function exportWorkbook(
  db: Database,
  input: { platform: Group["platform"]; tenantKey: string; period: ExportPeriod; at: Date },
): Promise<ExportWorkbook> {
  const { period, at } = input;
  const list = await tenantGroups(db, input);
  const ids = list.map((g) => g.id);
  const lastMonth = [...period.months].sort().at(-1)!;
  // 岗位 and 系数 as they stood at the period's end (岗变酬变), not as the latest roster has them.
  const people = new Map(
    withTermsOn(
      list.length ? await db.select().from(members).where(inArray(members.groupId, ids)) : [],
      await termsOf(db, ids),
      `${lastMonth}-${String(daysInMonth(lastMonth)).padStart(2, "0")}`,
    ).map((m) => [m.id, m] as const),
  );
  // 学年 / 学期 (export-school.ts): their own sheets, from the same results as 成绩 学期 and the 学期成绩单.
  if (period.kind === "schoolYear" || period.kind === "semester") {
    const school = await schoolSheets(db, list, period, people, at, new Set());
    return {
      fileName: exportFileName(period),
      bytes: buildXlsx(school.sheets, { modified: at, title: `绩效考核结果 ${periodLabel(period)}` }),
      people: school.people,
      groups: school.groups,
    };
  }
  const figures: GroupFigures[] = [];
  // All groups' months are read a chunk of groups at a time, each month scored once; finished months,
  // and finished quarters' and years' figures, come from month_results where nothing they were
  // computed from has changed since (month-cache.ts, export-kept.ts).
  const source = periodSource(db, list, period.months, at);
  for (const group of list) figures.push(await groupFigures(db, group, period, people, at, source));
  await keepMonths(source);
  const scored = figures.filter((f) => f.rows.length);
  const taken = new Set<string>();
  const sheets: Sheet[] = [resultSheet("成绩汇总", scored, period, taken)];
  sheets.push(await auditSheet(db, list, period, people, taken));
  // 群众评价: only when the period had surveys, so other workbooks stay byte for byte as they were.
  const surveyed = await surveySheet(db, list, period, people, taken);
  if (surveyed) sheets.push(surveyed);
  // 单位考核 and 两级分配: only where the organisation appraises units (export-units.ts).
  sheets.push(
    ...(await unitSheets(
      db,
      list,
      period,
      at,
      { month: source.summary, departmentScores: source.departmentScores },
      taken,
    )),
  );
  // 目标考核: only when the period had targets, for the same reason.
  const targeted = await targetSheet(db, list, period, taken);
  if (targeted) sheets.push(targeted);
  for (const f of scored) sheets.push(resultSheet(f.group.name || f.group.chatId, [f], period, taken));
  const bytes = buildXlsx(sheets, { modified: at, title: `绩效考核结果 ${periodLabel(period)}` });
  return {
    fileName: exportFileName(period),
    bytes,
    people: scored.reduce((n, f) => n + f.rows.length, 0),
    groups: scored.length,
  };
}

/**
 * Keeps what this export had to score for the next one. Only a speed-up: the
 * workbook is already built from the same figures, so a failed write (a
 * database busy or read-only) is logged and the export still answered.
 */
async function keepMonths(source: ReturnType<typeof periodSource>) {
  try {
    await source.save();
  } catch (error) {
    console.warn("export: finished months not kept", error);
  }
}

/**
 * Whose export an operator asks for: the named tenant, or the only one there
 * is. Several tenants and none named is a question back, not a guess.
 */
export async function resolveTenant(
  db: Database,
  platform: Group["platform"],
  wanted: string | undefined,
): Promise<{ ok: true; tenantKey: string } | { ok: false; status: 400 | 404; error: string }> {
  const rows = await db
    .selectDistinct({ tenantKey: groups.tenantKey })
    .from(groups)
    .where(and(eq(groups.platform, platform), eq(groups.active, true)));
  const keys = rows.map((r) => r.tenantKey).sort();
  if (wanted)
    return keys.includes(wanted)
      ? { ok: true, tenantKey: wanted }
      : { ok: false, status: 404, error: `no active groups for tenant ${wanted}` };
  if (keys.length === 1) return { ok: true, tenantKey: keys[0]! };
  if (!keys.length) return { ok: false, status: 404, error: "no active groups yet" };
  return { ok: false, status: 400, error: `several tenants; add tenant=<one of ${keys.join(", ")}>` };
}
