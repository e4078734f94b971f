import type { Database } from "../db/database";
import type { Group } from "../db/schema";
import { addDays, monthOf, type IsoDate, type IsoMonth } from "../domain/dates";
import { groupCalendar } from "./leaves";
import { isLocked } from "./publications";
import { schemeInForce } from "./schemes";

export type BackfillDayResult =
  | { ok: false; code: "future" | "today" | "not_workday" | "final" }
  | { ok: false; code: "too_late"; days: number; earliest: IsoDate }
  | { ok: true; code: "open"; month: IsoMonth };

/**
 * 补报: whether a past workday may still get a record. Only past days (today's is a 日报),
 * within the scheme's backfill window, workdays of the group's calendar, in a period not final.
 */
export async function backfillDay(
  deps: { db: Database },
  input: { group: Group; date: IsoDate; today: IsoDate },
): Promise<BackfillDayResult> {
  const { date, today, group } = input;
  if (date > today) return { ok: false, code: "future" };
  if (date === today) return { ok: false, code: "today" };
  const { scheme } = await schemeInForce(deps.db, group.id);
  const earliest = addDays(today, -scheme.backfillDays);
  if (date < earliest) return { ok: false, code: "too_late", days: scheme.backfillDays, earliest };
  if (!groupCalendar(group).isWorkday(date)) return { ok: false, code: "not_workday" };
  if (await isLocked(deps.db, group.id, monthOf(date))) return { ok: false, code: "final" };
  return { ok: true, code: "open", month: monthOf(date) };
}
