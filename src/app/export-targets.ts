import { and, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/database";
import { goals, type Group } from "../db/schema";
import { quarterOf } from "../domain/periods";
import { sheetName, type CellValue, type Sheet } from "../domain/xlsx/write";
import { targetStanding } from "./goal-bulletin";
import type { ExportPeriod } from "./export-period";

/**
 * 导出's 目标考核 sheet (issue 14 item 1): every target of the period with its owner, deadline and standard
 * (篇8 line 165), what was due and done by the period's end, and the score it gave its bound indicator. None when
 * the period had no target, so a workbook without targets is byte for byte what it was before they existed.
 */
export async function targetSheet(
  db: Database,
  list: readonly Group[],
  period: ExportPeriod,
  taken: Set<string>,
): Promise<Sheet | undefined> {
  if (!list.length) return undefined;
  const periods = new Set<string>();
  for (const m of period.months) periods.add(m).add(quarterOf(m)).add(m.slice(0, 4));
  const held = await db
    .selectDistinct({ groupId: goals.groupId })
    .from(goals)
    .where(
      and(
        inArray(
          goals.groupId,
          list.map((g) => g.id),
        ),
        inArray(goals.period, [...periods]),
        isNull(goals.cancelledAt),
      ),
    );
  if (!held.length) return undefined;
  const withGoals = new Set(held.map((r) => r.groupId));
  const rows: CellValue[][] = [];
  for (const group of list) {
    if (!withGoals.has(group.id)) continue;
    for (const r of await targetStanding(db, group, period.months))
      rows.push([
        group.name || group.chatId,
        `目标${r.seq}`,
        r.owner ?? "全体",
        r.indicator,
        r.title,
        r.direction === "at_most" ? "上限" : "完成",
        r.period,
        r.deadline,
        r.standard,
        r.planned,
        r.due,
        r.done,
        r.point?.rate ?? (r.direction === "at_least" && r.due > 0 ? Math.round((r.done / r.due) * 10000) / 100 : null),
        r.point?.score ?? null,
        r.point?.bonusPct ?? null,
        r.approved ? "已批准" : "未批准",
      ]);
  }
  if (!rows.length) return undefined;
  return {
    name: sheetName("目标考核", taken),
    columns: [
      { header: "部门" },
      { header: "编号" },
      { header: "责任主体" },
      { header: "绑定指标" },
      { header: "目标" },
      { header: "类型" },
      { header: "时段" },
      { header: "完成时效" },
      { header: "考核标准" },
      { header: "计划/上限", format: "decimal" },
      { header: "截至期末应完成", format: "decimal" },
      { header: "完成/发生", format: "decimal" },
      { header: "完成率（%）", format: "decimal" },
      { header: "指标得分", format: "decimal" },
      { header: "超额加分（该项分值%）", format: "decimal" },
      { header: "目标计划书" },
    ],
    rows,
  };
}
