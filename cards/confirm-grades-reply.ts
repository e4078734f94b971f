import type { ConfirmClickResult } from "../src/app/confirm-grades";
import type { ConfirmOutcome } from "../src/app/grade-confirmations";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/** The notice every 等次确认 answer comes in: green when done, yellow when refused. */
export const confirmNotice = (text: string, ok: boolean, lang: Lang): Rendered =>
  noticeCard({ title: t(lang, "等次确认", "Confirm grades"), body: text, colour: ok ? "green" : "yellow" });

/** What a confirmation outcome tells the office, in words. */
export function confirmText(outcome: ConfirmOutcome, lang: Lang): string {
  switch (outcome.code) {
    case "confirmed":
      return t(
        lang,
        `已确认 ${outcome.confirmation.period} 的等次，结果随即发布到群里。`,
        `Grades for ${outcome.confirmation.period} confirmed; publishing now.`,
      );
    case "already":
      return t(
        lang,
        `${outcome.confirmation.period} 的等次已确认过了。`,
        `${outcome.confirmation.period} was already confirmed.`,
      );
    case "none-pending":
      return t(lang, "没有等待确认的等次。", "No grades await confirmation.");
  }
}

/** The toast on 确认发布: refused, nothing to confirm, or confirmed. */
export function confirmClickToast(r: ConfirmClickResult, lang: Lang) {
  if (r.code === "not-office")
    return {
      type: "error" as const,
      content: t(lang, "只有管理员可以操作：等次由绩考办（管理员）确认", "Only the office can confirm"),
    };
  return { type: r.code === "confirmed" ? ("success" as const) : ("info" as const), content: confirmText(r, lang) };
}
