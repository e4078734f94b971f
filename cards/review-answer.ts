import type { ReviewFormRefusal, ReviewResult } from "../src/app/review-submit";
import { t, type Lang } from "./kit";

/** What a 月评议 submission's code (src/app/review-submit.ts) says: the toast, or the reply's title. */
export function reviewAnswer(result: ReviewResult, lang: Lang): string {
  if (result.ok) {
    const who = result.kind === "peer" ? t(lang, "（匿名）", " (anonymous)") : "";
    return t(lang, `已提交 ${result.rated} 项评分${who}`, `${result.rated} score(s) submitted${who}`);
  }
  if (result.code === "bad_score")
    return t(lang, `「${result.dimension}」须是 0–100 的数`, `${result.dimension} must be 0–100`);
  if (result.code === "no_such_rater") return t(lang, "本方案没有这类评分", "This scheme has no such rater group");
  return t(lang, "请至少填写一项分数", "Fill in at least one score");
}

const FORM_REFUSALS = {
  not_member: ["error", "你不是这个群的考核成员", "You are not a member of this group"],
  leaders_only: ["error", "只有负责人可以提交领导评分", "Only leaders can submit leader ratings"],
  choose_colleague: ["warning", "请选择要评的同事", "Choose a colleague"],
  peer_self: ["error", "互评不能评自己", "You cannot peer-rate yourself"],
  self_only: ["error", "只能给自己自评", "Self-review is for yourself"],
  subject_not_member: ["warning", "这位同事不在本群", "Not a member of this group"],
} as const;

/** Why a submitted 月评议 form was refused, as the toast shows it. */
export function reviewFormRefusal(code: ReviewFormRefusal, lang: Lang) {
  const [type, zh, en] = FORM_REFUSALS[code];
  return { type, content: t(lang, zh, en) };
}
