/**
 * 花名册导入: the appraisal office's roster (姓名, 部门/群, 岗位, 系数) read from
 * a sheet's rows, each row checked on its own so every problem can be named
 * with its row and column. Pure: matching names to people is the app's job.
 */

import { addDays, calendarDay, daysInMonth, type IsoDate, type IsoMonth } from "./dates";
import type { ReadCell } from "./xlsx/read";

/** A cell as the sheet reader gives it (a CSV gives strings). */
export type RosterCell = ReadCell;

export interface RosterRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  name: string;
  group: string;
  position: string | null;
  coefficient: number;
  /** 生效日期 when the row gives one; otherwise the import's own date applies. */
  effectiveFrom?: IsoDate;
}

export interface RosterProblem {
  row: number;
  /** The column's header as written in the file, or null for the whole row or file. */
  column: string | null;
  message: string;
}

/** Rows that read well, and every problem found; a roster is applied only when there are none. */
export interface RosterParse {
  rows: RosterRow[];
  problems: RosterProblem[];
  /** The headers of the name and group columns as the file writes them, for later problems. */
  labels: { name: string; group: string };
}

type Field = "name" | "group" | "position" | "coefficient" | "effective";

/** Header words the office uses for each column (first match wins). */
const HEADERS: Record<Field, readonly string[]> = {
  name: ["姓名", "名字", "人员", "name"],
  group: ["部门", "群", "群名", "群组", "科室", "单位", "分组", "group", "department"],
  position: ["岗位", "职务", "职位", "position", "post"],
  coefficient: ["系数", "岗位系数", "难度系数", "coefficient"],
  effective: ["生效日期", "生效时间", "起始日期", "effective", "effectivefrom"],
};
const REQUIRED: readonly Field[] = ["name", "group"];

/**
 * The coefficients a roster may carry. The seeds' size coefficients are 1.042
 * and 1.083 (篇5 「高于1500人、2000人的村基础分各乘以1.042和1.083」) and post
 * coefficients weigh one post against another (篇9 「确定不同岗位不同的价值系数」),
 * so a sensible one lies between half and three times the base; 99 is a score
 * or a head count typed into the wrong column, not a coefficient. Tighter than
 * the scoring engine's own bound (COEFFICIENT_MAX), which only guards stored data.
 */
export const ROSTER_COEFFICIENT = { min: 0.5, max: 3 } as const;
/** A roster larger than this is not one organisation's people; refuse rather than grind. */
const MAX_ROSTER_ROWS = 20_000;

const clean = (v: RosterCell): string => (v === null ? "" : String(v)).replace(/\s+/gu, " ").trim();
const normalHeader = (v: RosterCell) =>
  clean(v)
    .replace(/[\s*＊:：()（）]/gu, "")
    .toLowerCase();

function findColumns(header: RosterCell[]): Partial<Record<Field, { index: number; label: string }>> {
  const out: Partial<Record<Field, { index: number; label: string }>> = {};
  header.forEach((cell, index) => {
    const h = normalHeader(cell);
    for (const field of Object.keys(HEADERS) as Field[]) {
      if (!out[field] && HEADERS[field].some((w) => h === w.toLowerCase())) out[field] = { index, label: clean(cell) };
    }
  });
  return out;
}

function parseCoefficient(v: RosterCell): number | string {
  if (v === null || clean(v) === "") return 1;
  const n = typeof v === "number" ? v : Number(clean(v).replace(/，/g, "."));
  if (!Number.isFinite(n)) return `「${clean(v)}」不是数字`;
  if (n < ROSTER_COEFFICIENT.min || n > ROSTER_COEFFICIENT.max) {
    return `系数 ${clean(v)} 不在 ${ROSTER_COEFFICIENT.min}～${ROSTER_COEFFICIENT.max} 之间（如规模系数 1.042、1.083；1 为基准），可能填错了列`;
  }
  return n;
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year slip included); 2026-12-01 is 46357. */
const EXCEL_EPOCH: IsoDate = "1899-12-30";
const EXCEL_SERIAL = { min: 36526, max: 73415 } as const; // 2000-01-01 … 2100-12-31

/** 生效日期: 2026-12-01, 2026/12/1, 2026年12月1日, 2026.12.1 or an Excel date cell; empty is the import's date. */
export function parseEffective(v: RosterCell): IsoDate | undefined | string {
  if (v === null || clean(v) === "") return undefined;
  if (typeof v === "number" && Number.isInteger(v) && v >= EXCEL_SERIAL.min && v <= EXCEL_SERIAL.max)
    return addDays(EXCEL_EPOCH, v);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(clean(v));
  const day = m ? calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  return day?.kind === "date" ? day.date : `「${clean(v)}」不是日期（写作 2026-12-01）`;
}

/** Reads the roster from a sheet's rows: the first non-empty row is the header. */
export function parseRoster(rows: RosterCell[][]): RosterParse {
  const headerAt = rows.findIndex((r) => r.some((c) => clean(c) !== ""));
  const fallback = { name: HEADERS.name[0]!, group: HEADERS.group[0]! };
  if (headerAt < 0) return { rows: [], problems: [{ row: 1, column: null, message: "文件是空的" }], labels: fallback };
  const columns = findColumns(rows[headerAt]!);
  const missing = REQUIRED.filter((f) => !columns[f]);
  if (missing.length) {
    return {
      rows: [],
      labels: fallback,
      problems: missing.map((f) => ({
        row: headerAt + 1,
        column: null,
        message: `表头缺少「${HEADERS[f][0]}」列（可写：${HEADERS[f].filter((w) => /\p{Script=Han}/u.test(w)).join("、")}）`,
      })),
    };
  }
  const body = rows.slice(headerAt + 1);
  if (body.length > MAX_ROSTER_ROWS)
    return {
      rows: [],
      problems: [{ row: headerAt + 2, column: null, message: `一次最多导入 ${MAX_ROSTER_ROWS} 行` }],
      labels: fallback,
    };
  const problems: RosterProblem[] = [];
  const out: RosterRow[] = [];
  const seen = new Map<string, number>();
  const label = (f: Field) => columns[f]?.label ?? HEADERS[f][0]!;
  const cell = (r: RosterCell[], f: Field): RosterCell => (columns[f] ? (r[columns[f].index] ?? null) : null);
  body.forEach((r, i) => {
    const rowNo = headerAt + 2 + i;
    if (!r.some((c) => clean(c) !== "")) return; // blank lines between blocks are fine
    const name = clean(cell(r, "name"));
    const group = clean(cell(r, "group"));
    const position = clean(cell(r, "position")) || null;
    const coefficient = parseCoefficient(cell(r, "coefficient"));
    const effective = parseEffective(cell(r, "effective"));
    const before = problems.length;
    if (!name) problems.push({ row: rowNo, column: label("name"), message: "姓名为空" });
    else if (name.length > 40)
      problems.push({ row: rowNo, column: label("name"), message: "姓名太长（最多 40 个字）" });
    if (!group) problems.push({ row: rowNo, column: label("group"), message: "部门为空" });
    if (position && position.length > 40)
      problems.push({ row: rowNo, column: label("position"), message: "岗位太长（最多 40 个字）" });
    if (typeof coefficient === "string")
      problems.push({ row: rowNo, column: label("coefficient"), message: coefficient });
    if (effective && !/^\d{4}-\d{2}-\d{2}$/.test(effective))
      problems.push({ row: rowNo, column: label("effective"), message: effective });
    if (problems.length > before) return;
    const key = `${group}\u0000${name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ row: rowNo, column: label("name"), message: `与第 ${first} 行重复（同一部门的「${name}」）` });
      return;
    }
    seen.set(key, rowNo);
    out.push({
      row: rowNo,
      name,
      group,
      position,
      coefficient: coefficient as number,
      ...(effective ? { effectiveFrom: effective } : {}),
    });
  });
  if (!out.length && !problems.length) problems.push({ row: headerAt + 2, column: null, message: "表头下面没有人员" });
  return { rows: out, problems, labels: { name: label("name"), group: label("group") } };
}

/** One line per problem, as the office reads them: "第 3 行「系数」：「abc」不是数字". */
export function describeProblem(p: RosterProblem): string {
  return `第 ${p.row} 行${p.column ? `「${p.column}」` : ""}：${p.message}`;
}

/** A coefficient and post from the day it takes effect (岗变酬变, 篇9 line 218: 「以岗定酬，岗变酬变」). */
export interface Term {
  effectiveFrom: IsoDate;
  coefficient: number;
  position: string | null;
}

/**
 * The term in force on a date: the latest to take effect by then; of two
 * taking effect the same day, the one given later (terms come in the order
 * they were written). Undefined when none had taken effect yet.
 */
export function termOn<T extends Term>(terms: readonly T[], date: IsoDate): T | undefined {
  let found: T | undefined;
  for (const t of terms) if (t.effectiveFrom <= date && (!found || t.effectiveFrom >= found.effectiveFrom)) found = t;
  return found;
}

/** People with the coefficient and post in force on a date (their own values where no term exists). */
export function withTermsOn<P extends { id: string; coefficient: number; position: string | null }>(
  people: readonly P[],
  terms: ReadonlyMap<string, readonly Term[]>,
  date: IsoDate,
): P[] {
  return people.map((p) => {
    const t = termOn(terms.get(p.id) ?? [], date);
    return t ? { ...p, coefficient: t.coefficient, position: t.position } : p;
  });
}

/** A membership's dates (岗变酬变 for departments): null where the person never left, or was not moved in. */
export interface Membership {
  active: boolean;
  leftOn: IsoDate | null;
  joinedOn: IsoDate | null;
  /** Spans they were away before coming back (member_absences); absent or empty: never away. */
  absences?: readonly Absence[];
}

/** Days away from a group someone came back to: from the day they left to the last day before their return. */
export interface Absence {
  from: IsoDate;
  until: IsoDate;
}

/** Whether a day falls in one of the spans someone was away. */
export const awayOn = (absences: readonly Absence[] | undefined, day: IsoDate): boolean =>
  !!absences?.some((a) => a.from <= day && day <= a.until);

/**
 * The span to remember when someone who left on `leftOn` is back on `back`: from the day they left
 * to the day before; none when they were not away a whole day (back the day they left, or earlier).
 */
export function absenceUntil(leftOn: IsoDate | null, back: IsoDate): Absence | null {
  if (!leftOn) return null;
  const until = addDays(back, -1);
  return until >= leftOn ? { from: leftOn, until } : null;
}

/**
 * Whether a membership belongs to a month's scoring: a person who left (a
 * roster move, or gone from the chat) stays in every month that begins before
 * the day they left; one moved in counts from the month their move takes
 * effect. Without dates (left before dates were kept), only active people count.
 * Someone who came back is out of the months wholly inside the time they were away.
 */
export function inGroupDuring(m: Membership, month: IsoMonth): boolean {
  const start = `${month}-01`;
  const end = `${month}-31`;
  if (m.joinedOn && m.joinedOn > end) return false;
  // Away the whole month (left, then back after it): not in it, though the row is active again.
  if (m.absences?.some((a) => a.from <= start && a.until >= `${month}-${String(daysInMonth(month)).padStart(2, "0")}`))
    return false;
  if (m.active) return true;
  return m.leftOn !== null && m.leftOn > start;
}
