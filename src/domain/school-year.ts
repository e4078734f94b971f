import type { IsoMonth } from "./dates";
import { t, type Lang } from "./lang";

/**
 * 学年 and 学期 (issue 14 item 6): a school appraises by the school year, September to August, in two semesters
 * (篇6 第115行「平时有记载、学期有测评、年终有考核」, 第116行「教职工学期工作业绩评价」, 第143行「学年度绩效考核」).
 *
 * Ids: the school year `2025-2026` (「2025—2026学年」), its semesters `2025-2026-S1` (第一学期, September–January)
 * and `2025-2026-S2` (第二学期, February–August). The first year of the id is the calendar year the school year
 * starts in. None of these ids matches periods.ts's PERIOD (a month, a quarter or a calendar year), so nothing that
 * takes those mistakes one for the other. Pure string arithmetic, like periods.ts.
 */

/** A scheme's school year, after defaults: the month it starts in and the month its second semester starts in. */
export interface SchoolYear {
  /** 7–10: the school year starts in autumn (default 9, September). */
  start: number;
  /** 1–4: the second semester starts early in the next calendar year (default 2, February). */
  secondTerm: number;
  /** The scheme's `yearReviews` keys that are the 第一 and 第二学期测评, in order; null where none is. */
  reviews: readonly [string, string] | null;
}

export const DEFAULT_SCHOOL_YEAR: SchoolYear = Object.freeze({ start: 9, secondTerm: 2, reviews: null });

export type SchoolPeriod =
  | { kind: "schoolYear"; id: string; first: number }
  | { kind: "semester"; id: string; first: number; term: 1 | 2 };

/** `2025-2026` or `2025-2026-S1` / `-S2`. */
export const SCHOOL_PERIOD = /^(\d{4})-(\d{4})(?:-S([12]))?$/;

/** Reads an id; undefined for anything else (including `2025-2027`, which is no school year). */
export function parseSchoolPeriod(id: string): SchoolPeriod | undefined {
  const m = SCHOOL_PERIOD.exec(id);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return undefined;
  const first = Number(m[1]);
  return m[3] ? { kind: "semester", id, first, term: Number(m[3]) as 1 | 2 } : { kind: "schoolYear", id, first };
}

export const schoolYearId = (first: number) => `${first}-${first + 1}`;
export const semesterId = (first: number, term: 1 | 2) => `${schoolYearId(first)}-S${term}`;

const iso = (year: number, month: number): IsoMonth => `${year}-${String(month).padStart(2, "0")}`;

/** The months from `start` of `first` to the month before `end` in the next calendar year (or the same year). */
function monthsBetween(first: number, start: number, endExclusive: number, endYear: number): IsoMonth[] {
  const out: IsoMonth[] = [];
  for (let y = first, m = start; !(y === endYear && m === endExclusive); m === 12 ? (y++, (m = 1)) : m++)
    out.push(iso(y, m));
  return out;
}

/** The twelve months of a school year: September 2025 to August 2026 by default. */
export function monthsOfSchoolYear(first: number, sy: Pick<SchoolYear, "start">): IsoMonth[] {
  return monthsBetween(first, sy.start, sy.start, first + 1);
}

/** 第一学期: from the school year's start to the month before the second semester (September–January by default);
 * 第二学期: from then to the school year's end (February–August). */
export function monthsOfSemester(first: number, term: 1 | 2, sy: Pick<SchoolYear, "start" | "secondTerm">): IsoMonth[] {
  return term === 1
    ? monthsBetween(first, sy.start, sy.secondTerm, first + 1)
    : monthsBetween(first + 1, sy.secondTerm, sy.start, first + 1);
}

export function monthsOfSchoolPeriod(p: SchoolPeriod, sy: Pick<SchoolYear, "start" | "secondTerm">): IsoMonth[] {
  return p.kind === "schoolYear" ? monthsOfSchoolYear(p.first, sy) : monthsOfSemester(p.first, p.term, sy);
}

/** The first calendar year of the school year a month belongs to: 2026-01 → 2025 (2025—2026学年). */
export function schoolYearOf(month: IsoMonth, sy: Pick<SchoolYear, "start">): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m >= sy.start ? y : y - 1;
}

/** The semester a month belongs to. */
export function semesterOf(
  month: IsoMonth,
  sy: Pick<SchoolYear, "start" | "secondTerm">,
): SchoolPeriod & {
  kind: "semester";
} {
  const first = schoolYearOf(month, sy);
  const m = Number(month.slice(5, 7));
  const term: 1 | 2 = m >= sy.start || m < sy.secondTerm ? 1 : 2;
  return { kind: "semester", id: semesterId(first, term), first, term };
}

export function previousSemester(p: { first: number; term: 1 | 2 }): SchoolPeriod & { kind: "semester" } {
  return p.term === 2
    ? { kind: "semester", id: semesterId(p.first, 1), first: p.first, term: 1 }
    : { kind: "semester", id: semesterId(p.first - 1, 2), first: p.first - 1, term: 2 };
}

/** The semester that ended with the month before `month`, when `month` is the first of a semester (or of a school
 * year); undefined in any other month. The 学期成绩单 goes out in that month. */
export function semesterEndedBefore(
  month: IsoMonth,
  sy: Pick<SchoolYear, "start" | "secondTerm">,
): (SchoolPeriod & { kind: "semester" }) | undefined {
  const m = Number(month.slice(5, 7));
  if (m !== sy.start && m !== sy.secondTerm) return undefined;
  return previousSemester(semesterOf(month, sy));
}

const TERM_ZH = ["第一学期", "第二学期"] as const;

/** 「2025—2026学年」, 「2025—2026学年第一学期」; "2025–2026 school year", "2025–2026 term 1". */
export function schoolPeriodLabel(p: SchoolPeriod, lang: Lang): string {
  const zh = `${p.first}—${p.first + 1}学年`;
  const en = `${p.first}–${p.first + 1}`;
  if (p.kind === "schoolYear") return t(lang, zh, `${en} school year`);
  return t(lang, `${zh}${TERM_ZH[p.term - 1]}`, `${en} term ${p.term}`);
}

/** The semester's name alone: 第一学期 / 第二学期. */
export const termName = (term: 1 | 2, lang: Lang) => t(lang, TERM_ZH[term - 1]!, `Term ${term}`);

/**
 * What people write after 成绩 or 导出 for a school period, before it is resolved against today:
 * 学期 / 本学期 / 上学期 / 第一学期 / 第二学期 / 学年 / 本学年 / 上学年, an explicit 2025-2026学年 (2025—2026学年,
 * 2025/2026学年, 2025-2026), 2025-2026学年第一学期 (…上学期, …下学期, 2025-2026-S1), and English: term, this term,
 * last term, term 1, term 2, school year, last school year, 2025-2026 term 1. Undefined: not a school period.
 */
export type SchoolPeriodArg =
  | { kind: "semester"; which: "current" | "previous" | 1 | 2 }
  | { kind: "schoolYear"; which: "current" | "previous" }
  | { kind: "id"; period: SchoolPeriod };

export function parseSchoolPeriodArg(text: string): SchoolPeriodArg | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (["学期", "本学期", "这学期", "term", "this term", "semester", "this semester"].includes(s))
    return { kind: "semester", which: "current" };
  if (["上学期", "上个学期", "last term", "last semester", "previous term"].includes(s))
    return { kind: "semester", which: "previous" };
  if (["第一学期", "term 1", "first term", "semester 1"].includes(s)) return { kind: "semester", which: 1 };
  if (["第二学期", "term 2", "second term", "semester 2"].includes(s)) return { kind: "semester", which: 2 };
  if (["学年", "本学年", "这学年", "school year", "this school year"].includes(s))
    return { kind: "schoolYear", which: "current" };
  if (["上学年", "上个学年", "last school year", "previous school year"].includes(s))
    return { kind: "schoolYear", which: "previous" };
  const m =
    /^(\d{4}) ?[-—–~/至到] ?(\d{4}) ?(?:学年度?|school year)?(?: ?(第一学期|第二学期|上学期|下学期|-s1|-s2|term 1|term 2))?$/u.exec(
      s,
    );
  if (!m) return undefined;
  const first = Number(m[1]);
  if (Number(m[2]) !== first + 1) return undefined;
  // A bare 2025-2026 is the school year; 2025-11 never gets here (the second part has four digits).
  const term = m[3] ? (/第一|上|s1|term 1/.test(m[3]) ? 1 : 2) : undefined;
  return {
    kind: "id",
    period: term
      ? { kind: "semester", id: semesterId(first, term), first, term }
      : { kind: "schoolYear", id: schoolYearId(first), first },
  };
}

/**
 * Resolves an argument against the current month: 学期 is the semester the month is in; 第一学期 / 第二学期 the
 * latest one that has begun (in October, 第二学期 is last school year's); 学年 the school year the month is in.
 */
export function resolveSchoolPeriod(
  arg: SchoolPeriodArg,
  current: IsoMonth,
  sy: Pick<SchoolYear, "start" | "secondTerm">,
): SchoolPeriod {
  if (arg.kind === "id") return arg.period;
  if (arg.kind === "schoolYear") {
    const first = schoolYearOf(current, sy) - (arg.which === "previous" ? 1 : 0);
    return { kind: "schoolYear", id: schoolYearId(first), first };
  }
  const now = semesterOf(current, sy);
  if (arg.which === "current") return now;
  if (arg.which === "previous") return previousSemester(now);
  // 第一学期 has always begun in the school year the month is in; 第二学期 has once the month is in it.
  if (arg.which === 1 || now.term === 2)
    return { kind: "semester", id: semesterId(now.first, arg.which), first: now.first, term: arg.which };
  // 第二学期 asked during 第一学期: the one that ended last summer.
  return { kind: "semester", id: semesterId(now.first - 1, 2), first: now.first - 1, term: 2 };
}
