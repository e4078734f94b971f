import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/** A saved group setting, as the use case reports it. */
export type SavedSetting =
  | { kind: "reminderAt"; value: string }
  | { kind: "mentionMissing" | "requireMention"; value: boolean }
  | { kind: "holidays" | "workdays"; dates: string[] };

/** What a saved setting now means, in one line. */
export function settingSavedLine(s: SavedSetting, lang: Lang): string {
  switch (s.kind) {
    case "reminderAt":
      return t(lang, `每个工作日 ${s.value} 提醒未交日报的成员。`, `Reminders at ${s.value} on workdays.`);
    case "mentionMissing":
      return s.value
        ? t(lang, "群提醒会 @ 未交的成员。", "The group reminder will @ those missing.")
        : t(lang, "群提醒只报人数，不 @ 任何人。", "The group reminder gives counts only.");
    case "requireMention":
      return s.value
        ? t(lang, "微信群里只回应 @我 的消息。", "In WeChat groups I answer only messages that @mention me.")
        : t(
            lang,
            "微信群里以命令开头的消息不必 @我。",
            "In WeChat groups, messages starting with a command need no @mention.",
          );
    case "holidays":
    case "workdays":
      return t(
        lang,
        `${s.kind === "holidays" ? "本单位放假" : "本单位上班"}：${s.dates.join("、")}`,
        `${s.kind}: ${s.dates.join(", ")}`,
      );
  }
}

/** "已设置": what changed, after the line that makes the sender the first admin, if it did. */
export function settingSavedCard(lines: (string | null)[], lang: Lang): Rendered {
  return noticeCard({ title: t(lang, "已设置", "Saved"), body: lines.filter(Boolean).join("\n"), colour: "green" });
}

/** Why dates for the unit's calendar were refused. */
export type DatesRefusal =
  | { code: "year_out_of_range"; date: string; from: number; to: number }
  | { code: "too_many_dates"; max: number };

export function datesRefusalCard(r: DatesRefusal, lang: Lang): Rendered {
  if (r.code === "year_out_of_range")
    return noticeCard({
      title: t(lang, "年份太远", "Year out of range"),
      body: t(
        lang,
        `${r.date} 不在 ${r.from}–${r.to} 年之间，请检查年份。`,
        `${r.date} is outside ${r.from}–${r.to}; check the year.`,
      ),
      colour: "yellow",
    });
  return noticeCard({
    title: t(lang, "日期太多", "Too many dates"),
    body: t(lang, `一次最多设置 ${r.max} 个日期。`, `At most ${r.max} dates at once.`),
    colour: "yellow",
  });
}
