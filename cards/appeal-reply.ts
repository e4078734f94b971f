import type { LodgeResult } from "../src/app/appeals";
import { lodgeRefusal } from "./appeal-view";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { plainNotice } from "./refusals";
import { periodLabel } from "./report-card";

/** The answer to 申诉: lodged with how many leaders and until when, or why it cannot be. */
export function appealReply(result: LodgeResult, lang: Lang): Rendered {
  if (!result.ok) return plainNotice({ ...lodgeRefusal(result, lang)!, colour: "yellow" });
  return noticeCard({
    title: t(lang, "申诉已提交", "Appeal lodged"),
    body: t(
      lang,
      `已交给 ${result.leaders} 位负责人处理（${periodLabel(result.period, "zh")}，公示期至 ${result.windowEnds.slice(5)}）。结果会私信告诉你。`,
      `Sent to ${result.leaders} leader(s); you will hear privately.`,
    ),
    colour: "blue",
  });
}
