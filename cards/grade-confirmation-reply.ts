import type { ConfirmOutcome } from "../src/app/grade-confirmations";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/** What a confirmation outcome tells the office, in words. */
export function confirmText(outcome: ConfirmOutcome, lang: Lang): { ok: boolean; text: string } {
  switch (outcome.code) {
    case "confirmed":
      return {
        ok: true,
        text: t(
          lang,
          `已确认 ${outcome.confirmation.period} 的等次，结果随即发布到群里。`,
          `Grades for ${outcome.confirmation.period} confirmed; publishing now.`,
        ),
      };
    case "already":
      return {
        ok: false,
        text: t(
          lang,
          `${outcome.confirmation.period} 的等次已确认过了。`,
          `${outcome.confirmation.period} was already confirmed.`,
        ),
      };
    case "none-pending":
      return {
        ok: false,
        text: t(lang, "没有等待确认的等次。", "No grades await confirmation."),
      };
  }
}

/** "等次确认": a line about the confirmation, green when it went through. */
export const confirmNotice = (text: string, ok: boolean, lang: Lang): Rendered =>
  noticeCard({ title: t(lang, "等次确认", "Confirm grades"), body: text, colour: ok ? "green" : "yellow" });
