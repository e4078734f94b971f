import { monthsOfQuarter, monthsOfYear } from "../domain/periods";
import {
  DEFAULT_SCHOOL_YEAR,
  monthsOfSchoolPeriod,
  parseSchoolPeriodArg,
  schoolPeriodLabel,
  type SchoolPeriod,
} from "../domain/school-year";

/**
 * What 导出 and /admin/export take: a month (2026-11), a quarter (2026-Q4) or a year (2026), or a school's
 * school year (2025-2026) or semester (2025-2026-S1). A school period's `months` are those of the usual school year
 * (September–August, 第二学期 from February): what the audit sheet covers; each group's own figures follow its
 * scheme's school year (export-school.ts).
 */
export type ExportPeriod =
  | { kind: "month"; id: string; months: string[] }
  | { kind: "quarter"; id: string; months: string[] }
  | { kind: "year"; id: string; months: string[] }
  | { kind: "schoolYear" | "semester"; id: string; months: string[]; school: SchoolPeriod };

/**
 * Reads "2026-Q4", "2026q4", "2026-11", "2026-1", "2026", and a school's "2025-2026学年", "2025—2026学年第一学期",
 * "2025-2026-S2"; undefined for anything else.
 */
export function parseExportPeriod(text: string): ExportPeriod | undefined {
  const school = parseSchoolPeriodArg(text);
  if (school?.kind === "id") {
    const p = school.period;
    return { kind: p.kind, id: p.id, months: monthsOfSchoolPeriod(p, DEFAULT_SCHOOL_YEAR), school: p };
  }
  const t = text
    .trim()
    .toUpperCase()
    .replace(/[年\s]/g, (c) => (c === "年" ? "-" : ""))
    .replace(/-$/, "");
  let m = /^(\d{4})-?Q([1-4])$/.exec(t);
  if (m) {
    const id = `${m[1]}-Q${m[2]}`;
    return { kind: "quarter", id, months: monthsOfQuarter(id) };
  }
  m = /^(\d{4})-(\d{1,2})月?$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const id = `${m[1]}-${m[2]!.padStart(2, "0")}`;
    return { kind: "month", id, months: [id] };
  }
  m = /^(\d{4})$/.exec(t);
  if (m) return { kind: "year", id: m[1]!, months: monthsOfYear(m[1]!) };
  return undefined;
}

/** How a period is named in Chinese: 2026年11月, 2026年第4季度, 2026年度, 2025—2026学年（第一学期）. */
export function periodLabel(p: ExportPeriod): string {
  if (p.kind === "month") return `${p.id.slice(0, 4)}年${Number(p.id.slice(5))}月`;
  if (p.kind === "quarter") return `${p.id.slice(0, 4)}年第${p.id.slice(6)}季度`;
  if (p.kind === "schoolYear" || p.kind === "semester") return schoolPeriodLabel(p.school, "zh");
  return `${p.id}年度`;
}

/** The workbook's file name: 绩效考核_2026-Q4.xlsx. */
export const exportFileName = (p: ExportPeriod) => `绩效考核_${p.id}.xlsx`;
