import { unitReportCard } from "../../cards/unit-report";
import { tenantGroups } from "../app/groups";
import { unitPeriod } from "../app/units";
import type { Database } from "../db/database";
import type { Group } from "../db/schema";
import { monthsOfQuarter, monthsOfYear } from "../domain/periods";
import type { OutboundMessage } from "../outbox/message";

/** The group's 单位成绩单 for a quarter or a year, where the office appraises it as a unit (none otherwise). */
export async function unitReport(db: Database, group: Group, period: string): Promise<OutboundMessage[]> {
  const months = period.includes("-Q") ? monthsOfQuarter(period) : monthsOfYear(period);
  const unit = await unitPeriod(db, await tenantGroups(db, group), group, period, months);
  if (!unit) return [];
  return [
    {
      key: `unit-report:${period}:${group.chatId}`,
      to: { type: "chat_id", id: group.chatId },
      ...unitReportCard({ groupName: group.name, unit, lang: "zh" }),
    },
  ];
}
