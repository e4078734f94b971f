import type { Database } from "../db/database";
import type { Group } from "../db/schema";
import { fix2 } from "../domain/scoring/format";
import { rankUnits, unitPeriodScore } from "../domain/scoring/unit-score";
import { sheetName, type CellValue, type Sheet } from "../domain/xlsx/write";
import type { ExportPeriod } from "./export-period";
import type { MonthSource } from "./period-data";
import { unitPayYear } from "./unit-pay";
import { unitMonths } from "./unit-results";

/**
 * 导出's sheets for units (issue 14 items 3 and 4): 单位考核 — each unit's months under its unit scheme, each
 * indicator's score, the unit's score and place (the first holds the 流动红旗), and the period's mean; 两级分配 — a
 * year's pool over the units and each person's share with its arithmetic. Neither exists where the organisation
 * appraises no unit, so other workbooks stay byte for byte as they were.
 */
export async function unitSheets(
  db: Database,
  list: readonly Group[],
  period: ExportPeriod,
  at: Date,
  source: MonthSource,
  taken: Set<string>,
): Promise<Sheet[]> {
  const scored = await unitMonths(db, list, period.months);
  if (!scored.size) return [];
  const rows: CellValue[][] = [];
  const name = (g: Group) => g.name || g.chatId;
  for (const month of period.months) {
    const places = new Map(
      rankUnits(
        list.map((g) => ({
          groupId: g.id,
          groupName: name(g),
          total: scored.get(`${g.id}|${month}`)?.result.total ?? null,
        })),
      ).map((u) => [u.groupId, u.rank]),
    );
    for (const g of list) {
      const u = scored.get(`${g.id}|${month}`);
      if (!u) continue;
      const r = u.result;
      rows.push([
        name(g),
        month,
        `${u.scheme.name}（第 ${u.version} 版）`,
        r.dimensions.map((d) => `${d.name} ${d.weight}%：${d.score === null ? "未评" : fix2(d.score)}`).join("；"),
        r.total,
        places.get(g.id) ?? null,
        r.total === null ? `未评完（${r.ratedLeaves}/${r.leaves}）` : places.get(g.id) === 1 ? "流动红旗" : "已评完",
      ]);
    }
  }
  if (period.kind !== "month")
    for (const g of list) {
      const months = period.months.map((m) => scored.get(`${g.id}|${m}`));
      if (!months.some(Boolean)) continue;
      const mean = unitPeriodScore(months.map((u) => u?.result.total ?? null));
      rows.push([name(g), period.id, "各月平均", "", mean, null, mean === null ? "未评完" : "已评完月份的平均"]);
    }
  const sheets: Sheet[] = [
    {
      name: sheetName("单位考核", taken),
      columns: [
        { header: "单位" },
        { header: "期别" },
        { header: "单位方案" },
        { header: "各项得分" },
        { header: "单位得分", format: "decimal" },
        { header: "名次", format: "integer" },
        { header: "状态" },
      ],
      rows,
    },
  ];
  if (period.kind === "year") {
    const pay = await unitPayYear(db, list, period.id, at, { source });
    if (pay) sheets.push(paySheet(pay, list, taken));
  }
  return sheets;
}

function paySheet(
  pay: NonNullable<Awaited<ReturnType<typeof unitPayYear>>>,
  list: readonly Group[],
  taken: Set<string>,
) {
  const groupName = new Map(list.map((g) => [g.id, g.name || g.chatId]));
  const rows: CellValue[][] = [];
  for (const [id, p] of pay.pay.byPerson) {
    const a = pay.allowances.get(id);
    rows.push([
      groupName.get(p.groupId) ?? p.groupId,
      p.unit.score,
      p.unit.coefficient,
      p.unit.fen / 100,
      personName(pay, id),
      p.baseFen / 100,
      p.basisName,
      p.basisCents / 100,
      p.restFen / 100,
      p.fen / 100,
      a ? a.months.reduce((n, m) => n + m.days, 0) : null,
      a ? a.fen / 100 : null,
      (pay.lines.get(id) ?? []).join("\n"),
    ]);
  }
  for (const w of pay.pay.warnings)
    rows.push([w.zh, null, null, null, null, null, null, null, null, null, null, null, ""]);
  return {
    name: sheetName("两级分配", taken),
    columns: [
      { header: "单位" },
      { header: "单位年度得分", format: "decimal" as const },
      { header: "规模系数", format: "decimal" as const },
      { header: "单位份额（元）", format: "decimal" as const },
      { header: "姓名" },
      { header: "保底（元）", format: "decimal" as const },
      { header: "分配依据" },
      { header: "依据得分", format: "decimal" as const },
      { header: "按依据（元）", format: "decimal" as const },
      { header: "两级合计（元）", format: "decimal" as const },
      { header: "有日报天数", format: "integer" as const },
      { header: "工作量津贴（元）", format: "decimal" as const },
      { header: "计算过程" },
    ],
    rows,
  };
}

const personName = (pay: NonNullable<Awaited<ReturnType<typeof unitPayYear>>>, id: string) => pay.names.get(id) ?? id;
