/**
 * A group's figures for a finished quarter or year, as the export shows them,
 * kept beside the months (month-cache.ts) so a warm year export neither reads
 * nor combines the months at all. Each person is one array; JSON gives every
 * finite number back exactly, and figures holding anything else (NaN,
 * ±Infinity, -0) are not kept (undefined), so what is read is what was computed.
 */
export interface FigureRow {
  id: string;
  name: string;
  /** Dimension name → score (0–100), in the order shown. */
  dimensions: Map<string, number>;
  parts: (number | null)[];
  extra: number | null;
  total: number;
  rank: number;
  headcount: number;
  grade: string | null;
  prize: number;
  pay: number | null;
}

type Packed = [
  id: string,
  name: string,
  dimensions: [string, number][],
  parts: (number | null)[],
  extra: number | null,
  total: number,
  rank: number,
  headcount: number,
  grade: string | null,
  prize: number,
  pay: number | null,
];

export function encodeFigures(rows: readonly FigureRow[]): string | undefined {
  const packed: Packed[] = rows.map((r) => [
    r.id,
    r.name,
    [...r.dimensions],
    r.parts,
    r.extra,
    r.total,
    r.rank,
    r.headcount,
    r.grade,
    r.prize,
    r.pay,
  ]);
  let exact = true;
  const text = JSON.stringify(packed, (_, v) => {
    if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) exact = false;
    return v;
  });
  return exact ? text : undefined;
}

export function decodeFigures(text: string): FigureRow[] {
  return (JSON.parse(text) as Packed[]).map(
    ([id, name, dimensions, parts, extra, total, rank, headcount, grade, prize, pay]) => ({
      id,
      name,
      dimensions: new Map(dimensions),
      parts,
      extra,
      total,
      rank,
      headcount,
      grade,
      prize,
      pay,
    }),
  );
}
