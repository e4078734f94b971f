import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import { monthsOfSchoolYear, semesterId, type SchoolPeriod, type SchoolYear } from "../domain/school-year";
import { periodSource } from "./period-data";
import { sheetName, type CellValue, type Column, type Sheet } from "../domain/xlsx/write";
import { auditSheet } from "./export-audit";
import type { ExportPeriod } from "./export-period";
import { tenantGroups } from "./groups";
import { computeSchoolPeriod, schoolYearOf, type SchoolResult } from "./school-results";

/**
 * 导出 2025-2026学年 / 导出 2025-2026学年第一学期 (issue 14 item 6): a school's workbook. A school year has the sheets
 * 第一学期, 第二学期 and 学年; a semester its own sheet. Each row is a person of a group whose scheme has a school year:
 * each month's total, each 学期测评, the total, rank, headcount and grade, computed exactly as 成绩 学期 and the
 * 学期成绩单 compute them (school-results.ts). No prize or pay column: those go with the calendar year's export
 * (导出 2026). The audit sheet covers the school year's months. Groups without a school year are not in it.
 */

type Ok = Extract<Awaited<ReturnType<typeof computeSchoolPeriod>>, { ok: true }>;

const monthHeader = (m: string) => `${Number(m.slice(5))}月总分`;

/** One sheet of a semester or of the school year, every group with a school year in it. */
function schoolSheet(
  name: string,
  results: { group: Group; r: SchoolResult }[],
  people: Map<string, Member>,
  taken: Set<string>,
): Sheet {
  // The groups' own months (a school whose year starts in August has an August column), in order.
  const months = [...new Set(results.flatMap(({ r }) => r.parts.filter((p) => !p.review).map((p) => p.period)))].sort();
  const reviews = [...new Set(results.flatMap(({ r }) => r.parts.filter((p) => p.review).map((p) => p.period)))];
  const columns: Column[] = [
    { header: "部门" },
    { header: "姓名" },
    { header: "岗位" },
    ...months.map((m) => ({ header: monthHeader(m), format: "decimal" as const })),
    { header: "平时（各月平均）", format: "decimal" },
    ...reviews.map((r) => ({ header: r, format: "decimal" as const })),
    { header: "总分", format: "decimal" },
    { header: "组内名次", format: "integer" },
    { header: "参评人数", format: "integer" },
    { header: "等次" },
  ];
  const rows: CellValue[][] = results.flatMap(({ group, r }) =>
    r.combined.members.map((m) => {
      const of = (period: string) => {
        const i = r.parts.findIndex((p) => p.period === period);
        return i < 0 ? null : (m.parts[i]?.total ?? null);
      };
      const mine = months.map(of).filter((x): x is number => x !== null);
      return [
        group.name || group.chatId,
        m.name,
        people.get(m.id)?.position ?? null,
        ...months.map(of),
        mine.length ? Math.round((mine.reduce((a, b) => a + b, 0) / mine.length) * 100) / 100 : null,
        ...reviews.map(of),
        m.total,
        m.rank,
        r.combined.members.length,
        m.grade,
      ];
    }),
  );
  return { name: sheetName(name, taken), columns, rows };
}

/** The sheets of a school period for the tenant's groups (the audit sheet after them). */
export async function schoolSheets(
  db: Database,
  list: Group[],
  period: ExportPeriod & { school: SchoolPeriod },
  people: Map<string, Member>,
  at: Date,
  taken: Set<string>,
): Promise<{ sheets: Sheet[]; people: number; groups: number }> {
  const p = period.school;
  const seen = { people: new Set<string>(), groups: new Set<string>() };
  const ids: { name: string; id: string }[] =
    p.kind === "semester"
      ? [{ name: p.term === 1 ? "第一学期" : "第二学期", id: p.id }]
      : [
          { name: "第一学期", id: semesterId(p.first, 1) },
          { name: "第二学期", id: semesterId(p.first, 2) },
          { name: "学年", id: p.id },
        ];
  // Each group's months by its own school year, read a chunk of groups at a time and each scored once (or taken from
  // month_results where finished and unchanged), as the other exports do.
  const years = new Map<string, SchoolYear>();
  for (const g of list) {
    const sy = await schoolYearOf(db, g, at);
    if (sy) years.set(g.id, sy);
  }
  const schools = list.filter((g) => years.has(g.id));
  const months = [...new Set(schools.flatMap((g) => monthsOfSchoolYear(p.first, years.get(g.id)!)))].sort();
  const source = periodSource(db, schools, months, at);
  const reader = { month: source.summary, departmentScores: source.departmentScores };
  const sheets: Sheet[] = [];
  for (const { name, id } of ids) {
    const results: { group: Group; r: Ok }[] = [];
    for (const group of schools) {
      const r = await computeSchoolPeriod(db, group, id, at, reader);
      if (!r.ok || !r.combined.members.length) continue;
      results.push({ group, r });
      seen.groups.add(group.id);
      for (const m of r.combined.members) seen.people.add(m.id);
    }
    sheets.push(schoolSheet(name, results, people, taken));
  }
  await source.save().catch((error) => console.warn("export: finished months not kept", error));
  sheets.push(await auditSheet(db, list, period, people, taken));
  return { sheets, people: seen.people.size, groups: seen.groups.size };
}

/** Whether any of the tenant's active groups has a school year (导出 of a school period refuses otherwise). */
export async function tenantHasSchoolYear(
  db: Database,
  tenant: Pick<Group, "platform" | "tenantKey">,
  at: Date,
): Promise<boolean> {
  for (const g of await tenantGroups(db, tenant)) if (await schoolYearOf(db, g, at)) return true;
  return false;
}
