import type { OverrideOutcome } from "../src/app/grade-confirmations";
import { t, type Lang, type Rendered } from "./kit";
import { confirmNotice } from "./confirm-grades-reply";

function refusal(outcome: Exclude<OverrideOutcome, { code: "overridden" }>, lang: Lang): string {
  switch (outcome.code) {
    case "none-pending":
      return t(lang, "没有等待确认的等次：方案要求确认、且结果待发布时才能改等次。", "No grades await confirmation.");
    case "already-confirmed":
      return t(
        lang,
        `${outcome.confirmation.period} 的等次已确认发布，不能再改；如需更改请用「更正」。`,
        `${outcome.confirmation.period} is already confirmed; use /correct.`,
      );
    case "unknown-grade":
      return t(
        lang,
        `方案的等次是：${outcome.grades.join("、")}（或「无」）。`,
        `Grades: ${outcome.grades.join(", ")} (or “none”).`,
      );
    case "not-in-period":
      return t(lang, `此人不在 ${outcome.period} 的考核结果中。`, `Not in the ${outcome.period} results.`);
    case "unchanged":
      return t(
        lang,
        `计算结果已是「${outcome.computed.grade ?? "无"}」，无需更改。`,
        `Already ${outcome.computed.grade ?? "none"}.`,
      );
  }
}

/** The answer to 改等次: the change as logged, or why there was none. */
export function overrideGradeReply(outcome: OverrideOutcome, who: string, grade: string | null, lang: Lang): Rendered {
  if (outcome.code !== "overridden") return confirmNotice(refusal(outcome, lang), false, lang);
  const said = t(
    lang,
    `${who} ${outcome.confirmation.period} 的等次：「${outcome.computed.grade ?? "无"}」改为「${grade ?? "无"}」，已记录。`,
    `${who}: ${outcome.computed.grade ?? "none"} → ${grade ?? "none"}, logged.`,
  );
  return confirmNotice(said, true, lang);
}
