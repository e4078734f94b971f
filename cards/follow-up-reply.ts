import type { AddOutcome } from "../src/app/follow-ups";
import { excerpt } from "../src/domain/text";
import { followUpText, type FollowUpLine } from "./follow-ups";
import { t, type Lang, type Rendered } from "./kit";
import { plainNotice, problemCard } from "./refusals";

type Example = { zh: string; en: string };

/** 「时限看不懂」: the deadline typed is no date. */
export const followUpDueProblem = (typed: string, example: Example, lang: Lang): Rendered =>
  problemCard(
    lang,
    { zh: "时限看不懂", en: "Deadline?" },
    t(lang, `时限写作 2027-01-31 或 1月31日，不是「${excerpt(typed)}」。`, `Write 2027-01-31.`),
    example[lang],
  );

/** Why no item was set. */
export function followUpRefusal(
  outcome: Exclude<AddOutcome, { code: "added" }>,
  due: string,
  example: Example,
  lang: Lang,
): Rendered {
  if (outcome.code === "past-due")
    return problemCard(
      lang,
      { zh: "时限已过", en: "Deadline passed" },
      t(lang, `时限 ${due} 早于今天 ${outcome.today}，请写一个今后的日期。`, `${due} is before today.`),
      example[lang],
    );
  return problemCard(
    lang,
    { zh: "还没有发布过考核结果", en: "Nothing published yet" },
    t(lang, "整改针对已发布的季度或年度结果；本群还没有发布过。", "Follow-ups follow a published result."),
  );
}

/** The leader's answer to 整改: the item as set. */
export function followUpSetCard(line: FollowUpLine, who: string, lang: Lang): Rendered {
  return plainNotice({
    title: t(lang, `整改项 #${line.no} 已制定`, `Follow-up #${line.no} set`),
    body: `${who}　${followUpText(line, lang)}`,
    hint: t(lang, "整改到位后发「销号 编号 说明」，或在「整改」清单上点销号。", "Close it with 销号 <number>."),
    colour: "orange",
  });
}

/** What the person hears privately. */
export function followUpAssignedText(
  v: { no: number; period: string; problem: string; measure: string; owner: string; due: string },
  lang: Lang,
): { text: string } {
  return {
    text: t(
      lang,
      `负责人为你制定了整改项 #${v.no}（${v.period}）：问题：${v.problem}；措施：${v.measure}；责任：${v.owner}；时限：${v.due}。整改到位后由负责人销号，下一张成绩单上会列出。`,
      `Follow-up #${v.no} set for you: ${v.problem}; due ${v.due}.`,
    ),
  };
}
