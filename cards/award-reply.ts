import { targetProblemsText } from "./targets";
import type { AwardNamedResult } from "../src/app/award-named";
import { awardCard, awardLevelsLine } from "./award";
import type { Lang, Rendered } from "./kit";
import { leadersOnlyCard, problemCard } from "./refusals";

export const AWARD_EXAMPLE = {
  zh: "奖励 @张三 市级 获评市级优秀共产党员",
  en: "/award @张三 city named outstanding party member",
};

/** 奖励's reply: the award as recorded, or why not (with the example). */
export function awardReply(r: AwardNamedResult, v: { reason: string; month: string }, lang: Lang): Rendered {
  const example = AWARD_EXAMPLE[lang];
  if (r.code === "leaders_only") return leadersOnlyCard(lang, "奖励");
  if (r.code === "no_target")
    return problemCard(lang, { zh: "找不到这个人", en: "Who?" }, targetProblemsText(r.problems, lang), example);
  if (!r.ok)
    return problemCard(lang, { zh: "哪一级奖励？", en: "Which level?" }, awardLevelsLine(r.levels, lang), example);
  const { names, level, points, extraCap, outsideCap } = r;
  return awardCard({ names, level, points, extraCap, outsideCap, ...v, lang });
}
