import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../db/database";
import { groups, type Group, type GroupSettings } from "../db/schema";
import { localDate, type IsoDate } from "../domain/dates";
import { auditWrite, type Writes } from "./audit";

/**
 * 设置: the group's own settings, declared once as a table (the word a leader types → which
 * setting, and a zod schema for the words after it), and the use case that saves a change.
 * 管理员/负责人 (roles) and 部门绩效 (organisation) are settings too, with their own use cases.
 */

const ON = ["开", "开启", "是", "on"];
const OFF = ["关", "关闭", "否", "off"];

/** The first word after the setting's name, read by `value`. */
const firstWord = <T>(value: z.ZodType<T, string>) =>
  z
    .array(z.string())
    .transform((words) => words[0] ?? "")
    .pipe(value);

const onOff = z
  .string()
  .refine((w) => ON.includes(w) || OFF.includes(w))
  .transform((w) => ON.includes(w));

/** "17:30", "9:05", "17：30" (a Chinese colon) → "HH:MM". */
const clockTime = z
  .string()
  .regex(/^([01]?\d|2[0-3])[:：]([0-5]\d)$/u)
  .transform((w) => {
    const [h = "", m = ""] = w.split(/[:：]/u);
    return `${h.padStart(2, "0")}:${m}`;
  });

/** Dates as typed; the adapter reads them (and says which one is no date) before the use case checks them. */
const someWords = z.array(z.string()).min(1);

export const GROUP_SETTINGS = {
  提醒时间: { kind: "reminderAt", value: firstWord(clockTime) },
  提醒点名: { kind: "mentionMissing", value: firstWord(onOff) },
  "需要@我": { kind: "requireMention", value: firstWord(onOff) },
  需要艾特: { kind: "requireMention", value: firstWord(onOff) },
  放假: { kind: "holidays", value: someWords },
  上班: { kind: "workdays", value: someWords },
} as const;

export type SettingWord = keyof typeof GROUP_SETTINGS;

/** One parsed setting, as the table's schemas give it. */
export type SettingChange =
  | { kind: "reminderAt"; value: string }
  | { kind: "mentionMissing" | "requireMention"; value: boolean }
  | { kind: "holidays" | "workdays"; dates: string[] };

/** Reads the words after a setting's name with the table's schema; null when they do not fit. */
export function parseGroupSetting(word: string, rest: string[]): SettingChange | null {
  if (!Object.hasOwn(GROUP_SETTINGS, word)) return null;
  const entry = GROUP_SETTINGS[word as SettingWord];
  const parsed = entry.value.safeParse(rest);
  if (!parsed.success) return null;
  const value = parsed.data;
  if (entry.kind === "holidays" || entry.kind === "workdays") return { kind: entry.kind, dates: value as string[] };
  if (entry.kind === "reminderAt") return { kind: entry.kind, value: value as string };
  return { kind: entry.kind, value: value as boolean };
}

/** A year's own days off or on fit in one message; more is a paste gone wrong. */
export const MAX_DATES_AT_ONCE = 60;

/** What the use case accepts: for the calendar settings, the dates already read from what was typed. */
export type SettingInput =
  | { kind: "reminderAt"; value: string }
  | { kind: "mentionMissing" | "requireMention"; value: boolean }
  | { kind: "holidays" | "workdays"; dates: IsoDate[] };

export type SettingResult =
  | { ok: false; code: "year_out_of_range"; date: IsoDate; from: number; to: number }
  | { ok: false; code: "too_many_dates"; max: number }
  | { ok: true; code: "saved"; change: SettingInput; settings: GroupSettings; writes: Writes };

/** The year the unit's calendar is edited from: this year in the group's zone. */
export function settingsYear(group: Pick<Group, "timezone">, now: Date): number {
  return Number(localDate(now, group.timezone).slice(0, 4));
}

export async function changeGroupSetting(
  deps: { db: Database },
  input: { group: Group; by: string; change: SettingInput; now: Date },
): Promise<SettingResult> {
  const { db } = deps;
  const { group, change, now } = input;
  // The settings as stored now, which the group row the update resolved may predate.
  const [fresh] = await db.select().from(groups).where(eq(groups.id, group.id)).limit(1);
  const settings: GroupSettings = { ...(fresh?.settings ?? group.settings) };
  if ("dates" in change) {
    const year = settingsYear(group, now);
    // The unit's own calendar is kept for last year, this year and next: other years are typos.
    const far = change.dates.find((d) => Number(d.slice(0, 4)) < year - 1 || Number(d.slice(0, 4)) > year + 1);
    if (far) return { ok: false, code: "year_out_of_range", date: far, from: year - 1, to: year + 1 };
    if (change.dates.length > MAX_DATES_AT_ONCE) return { ok: false, code: "too_many_dates", max: MAX_DATES_AT_ONCE };
    const other = change.kind === "holidays" ? "workdays" : "holidays";
    settings[change.kind] = [...new Set([...(settings[change.kind] ?? []), ...change.dates])].sort();
    settings[other] = (settings[other] ?? []).filter((d) => !change.dates.includes(d));
  } else if (change.kind === "reminderAt") {
    settings.reminderAt = change.value;
  } else {
    settings[change.kind] = change.value;
  }
  const writes: Writes = [
    db.update(groups).set({ settings }).where(eq(groups.id, group.id)),
    auditWrite(db, { groupId: group.id, by: input.by, action: "group.settings", detail: { ...settings }, now }),
  ];
  return { ok: true, code: "saved", change, settings, writes };
}
