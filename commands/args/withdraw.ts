import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import type { IsoDate } from "../../src/domain/dates";
import { dateOf, dateProblem, readDate } from "../date-arg";

/** "" → the latest record; "11-27", "11月27日" or "2026-11-27" → the latest record of that day (read against today). */
export const withdrawArgs = (_lang: Lang) => z.string().transform((text) => ({ dayText: text.trim() || undefined }));

/** The day typed after 撤回, read against today; or why it is no day, with how 撤回 is used. */
export function withdrawDay(
  dayText: string | undefined,
  today: IsoDate,
  lang: Lang,
): { ok: true; date?: IsoDate } | { ok: false; problem: string } {
  if (!dayText) return { ok: true };
  const read = readDate(dayText, today);
  const date = dateOf(read);
  if (date) return { ok: true, date };
  const hint = t(
    lang,
    "发「撤回」撤回最近一条记录，或「撤回 11-27」撤回那天最近一条。",
    "Send “/undo” for your latest record, or “/undo 11-27” for that day's latest.",
  );
  return { ok: false, problem: `${dateProblem(dayText, read, lang)}\n${hint}` };
}
