import { and, asc, inArray } from "drizzle-orm";
import type { Database } from "../db/database";
import { surveys, type Group, type Member } from "../db/schema";
import { CHOICES, surveyResult } from "../domain/survey";
import { sheetName, type Sheet } from "../domain/xlsx/write";
import type { ExportPeriod } from "./export-period";
import { countVotes } from "./surveys";
import { displayName } from "./scores";

/**
 * 导出's 群众评价 sheet: every survey of the period with its votes, its sample beside its score, and
 * whether it counted (样本不足 when below its minimum). None when the period had no survey, so a
 * workbook without surveys is what it was before they existed.
 */
export async function surveySheet(
  db: Database,
  list: readonly Group[],
  period: ExportPeriod,
  people: ReadonlyMap<string, Member>,
  taken: Set<string>,
): Promise<Sheet | undefined> {
  if (!list.length) return undefined;
  const rows = await db
    .select()
    .from(surveys)
    .where(
      and(
        inArray(
          surveys.groupId,
          list.map((g) => g.id),
        ),
        inArray(surveys.period, period.months),
      ),
    )
    .orderBy(asc(surveys.period), asc(surveys.groupId), asc(surveys.seq));
  if (!rows.length) return undefined;
  const groupName = new Map(list.map((g) => [g.id, g.name || g.chatId]));
  const lines = [];
  for (const s of rows) {
    const counts = await countVotes(db, s);
    const r = surveyResult(counts, s.minSample);
    const who = s.memberId ? people.get(s.memberId) : undefined;
    const state =
      s.status === "open" ? "进行中" : r.counted ? "已计入" : r.sample ? "样本不足，未计入" : "无答卷，未计入";
    lines.push([
      groupName.get(s.groupId) ?? s.groupId,
      s.period,
      `问卷${s.seq}`,
      s.memberId ? (who ? displayName(who) : s.memberId) : "全体",
      s.title.split(" · ").slice(1).join(" · ") || s.dimension,
      s.source === "import" ? "导入票数" : "问卷页",
      ...CHOICES.map((c) => counts[c.key]),
      r.sample,
      s.minSample,
      r.score,
      state,
    ]);
  }
  return {
    name: sheetName("群众评价", taken),
    columns: [
      { header: "部门" },
      { header: "月份" },
      { header: "问卷" },
      { header: "对象" },
      { header: "维度" },
      { header: "来源" },
      ...CHOICES.map((c) => ({ header: c.label, format: "integer" as const })),
      { header: "样本", format: "integer" },
      { header: "最少样本", format: "integer" },
      { header: "得分", format: "decimal" },
      { header: "计入" },
    ],
    rows: lines,
  };
}
