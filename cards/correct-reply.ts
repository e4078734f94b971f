import type { CorrectFinalResult, FinalResult } from "../src/app/final-corrections";
import { t, type Lang, type Rendered } from "./kit";
import { leadersOnlyCard, problemCard } from "./refusals";
import { periodLabel } from "./report-card";
import { scoreChangeCard } from "./score-change";

type Example = { zh: string; en: string };

/** Why there is no final result this person may correct. */
export function finalRefusal(
  code: Exclude<FinalResult, { ok: true }>["code"],
  period: string,
  example: Example,
  lang: Lang,
): Rendered {
  if (code === "not_leader") return leadersOnlyCard(lang, "更正");
  if (code === "not_published")
    return problemCard(
      lang,
      { zh: "没有这一期的结果", en: "No such result" },
      t(lang, `${period} 还没有公布结果。`, `${period} has not been published.`),
      example[lang],
    );
  return problemCard(
    lang,
    { zh: "还在公示期", en: "Still open" },
    t(
      lang,
      "公示期内的问题请通过「申诉」处理，或在当月用评分、加分、扣分调整。",
      "During the window, use appeals or adjust the month directly.",
    ),
  );
}

/** The answer to 更正: the change and the re-issue, or which dimensions there are. */
export function correctReply(
  done: CorrectFinalResult,
  v: { who: string; period: string; points: number; reason: string; example: Example; lang: Lang },
): Rendered {
  const { lang, points } = v;
  if (!done.ok)
    return problemCard(lang, { zh: "哪个维度？", en: "Which dimension?" }, done.options.join("、"), v.example[lang]);
  return scoreChangeCard({
    kind: points > 0 ? "bonus" : "deduction",
    who: v.who,
    lines: [
      `${periodLabel(v.period, lang)}：${done.dimension} ${points > 0 ? "+" : ""}${points}`,
      `${t(lang, "原因", "Reason")}：${v.reason}`,
      t(lang, `成绩单将重新发送（第 ${done.version} 版）。`, `Report cards re-issued (version ${done.version}).`),
    ],
    lang,
  });
}
