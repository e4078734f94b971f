/**
 * 测评票数导入: vote totals counted on paper (or by another system) and sent as a sheet, one row per
 * person rated, or 「全体」 for the whole group (a unit's 公众形象). Header: 姓名, 维度, 满意, 基本满意,
 * 不满意, and optionally 最少样本. Every row is checked on its own so each problem names its row and
 * column. Pure: matching names to people and dimensions to the scheme is the app's job.
 */
import { CHOICES, DEFAULT_MIN_SAMPLE, type VoteCounts } from "./survey";
import type { ReadCell } from "./xlsx/read";

/** The name that stands for everyone in the group. */
export const WHOLE_GROUP = "全体";
/** A ballot count larger than this is a typing error, not a tally (a city's newspaper poll had 24,611). */
export const MAX_VOTES = 1_000_000;

export interface VoteRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  /** A person's name, or WHOLE_GROUP. */
  name: string;
  dimension: string;
  counts: VoteCounts;
  minSample: number;
}

export interface VoteProblem {
  row: number;
  column: string;
  message: string;
}

export const VOTE_SHEET_HEADER = ["姓名", "维度", ...CHOICES.map((c) => c.label), "最少样本"] as const;

const clean = (v: ReadCell): string => (v === null ? "" : String(v)).replace(/\s+/gu, " ").trim();
const header = (v: ReadCell) => clean(v).replace(/\s/gu, "");

/** A whole non-negative count, as typed ("120", 120, "120 票"). */
function count(v: ReadCell): number | null {
  const s = clean(v).replace(/\s*(票|份|人)$/u, "");
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_VOTES ? n : null;
}

export function parseVoteSheet(rows: readonly (readonly ReadCell[])[]): { rows: VoteRow[]; problems: VoteProblem[] } {
  const problems: VoteProblem[] = [];
  const headRow = rows.findIndex((r) => r.some((c) => clean(c) !== ""));
  if (headRow < 0) return { rows: [], problems: [{ row: 1, column: "", message: "表格是空的" }] };
  const heads = rows[headRow]!.map(header);
  const col = (name: string) => heads.indexOf(name);
  const missing = VOTE_SHEET_HEADER.slice(0, 5).filter((h) => col(h) < 0);
  if (missing.length)
    return {
      rows: [],
      problems: [{ row: headRow + 1, column: "", message: `表头缺少：${missing.join("、")}` }],
    };
  const out: VoteRow[] = [];
  const seen = new Map<string, number>();
  for (let i = headRow + 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (!r.some((c) => clean(c) !== "")) continue;
    const row = i + 1;
    const name = clean(r[col("姓名")] ?? null);
    const dimension = clean(r[col("维度")] ?? null);
    const before = problems.length;
    if (!name) problems.push({ row, column: "姓名", message: `姓名是空的（整个群写「${WHOLE_GROUP}」）` });
    if (!dimension) problems.push({ row, column: "维度", message: "维度是空的" });
    const counts = {} as VoteCounts;
    for (const c of CHOICES) {
      const n = count(r[col(c.label)] ?? null);
      if (n === null) problems.push({ row, column: c.label, message: `「${clean(r[col(c.label)] ?? null)}」不是票数` });
      else counts[c.key] = n;
    }
    const minCol = col("最少样本");
    const minText = minCol < 0 ? "" : clean(r[minCol] ?? null);
    const min = minText === "" ? DEFAULT_MIN_SAMPLE : count(minText);
    if (min === null || min < 1) problems.push({ row, column: "最少样本", message: `「${minText}」不是正整数` });
    const key = `${name}|${dimension}`;
    if (name && dimension && seen.has(key))
      problems.push({ row, column: "姓名", message: `与第 ${seen.get(key)} 行重复（同一人同一维度）` });
    seen.set(key, row);
    if (problems.length === before) out.push({ row, name, dimension, counts, minSample: min! });
  }
  if (!out.length && !problems.length) problems.push({ row: headRow + 2, column: "", message: "表头下面没有数据" });
  return { rows: out, problems };
}

export const describeVoteProblem = (p: VoteProblem): string =>
  `第 ${p.row} 行${p.column ? `「${p.column}」` : ""}：${p.message}`;
