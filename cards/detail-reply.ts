import type { TargetProblem } from "../src/app/targets";
import { targetProblemText } from "./targets";
import type { DetailOf } from "../src/app/detail";
import { awardLabel } from "../src/domain/scheme";
import { decisionTime } from "./claim-view";
import { detailCard } from "./detail";
import { t, type Lang, type Rendered } from "./kit";
import { problemCard } from "./refusals";

/** The 明细 card of one person's month. */
export function detailMonthCard(d: DetailOf, lang: Lang): Rendered {
  return detailCard({ ...d, awardLabel, when: (at) => decisionTime(at, d.timezone), lang });
}

/** Why 明细 shows nothing: no such person, or someone else's trail asked for by staff. */
export function detailRefusal(
  r: { code: "no_target"; problem: TargetProblem } | { code: "own_only" },
  lang: Lang,
): Rendered {
  if (r.code === "no_target")
    return problemCard(lang, { zh: "找不到这个人", en: "Who?" }, targetProblemText(r.problem, lang));
  return problemCard(
    lang,
    { zh: "只能看自己的明细", en: "Your own detail only" },
    t(lang, "别人的明细只有负责人可以查看。", "Only leaders can see someone else's detail."),
  );
}

/** Said in the group when someone else's trail went to the leader privately. */
export const detailSentPrivately = (lang: Lang) => ({ text: t(lang, "明细已私信发给你。", "Sent to you privately.") });
