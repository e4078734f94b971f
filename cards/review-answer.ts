import type { ReviewFormRefusal, ReviewReplyResult, ReviewResult } from "../src/app/review-submit";
import { raterLabel } from "../src/domain/scheme";
import { excerpt } from "../src/domain/text";
import { t, type Lang } from "./kit";

/** What a 月评议 submission's code (src/app/review-submit.ts) says: the toast, or the reply's title. */
export function reviewAnswer(result: ReviewResult | ReviewReplyResult, lang: Lang): string {
  if (result.ok) {
    const who = result.kind === "peer" ? t(lang, "（匿名）", " (anonymous)") : "";
    return t(lang, `已提交 ${result.rated} 项评分${who}`, `${result.rated} score(s) submitted${who}`);
  }
  if (result.code === "bad_score")
    return t(lang, `「${result.dimension}」须是 0–100 的数`, `${result.dimension} must be 0–100`);
  if (result.code === "no_such_rater") return t(lang, "本方案没有这类评分", "This scheme has no such rater group");
  if (result.code === "nothing_rated") return t(lang, "请至少填写一项分数", "Fill in at least one score");
  if (result.code === "not_rated_by_kind")
    return t(
      lang,
      `本方案的「${result.dimension}」不由${raterLabel(result.kind)}评价，未提交`,
      `${result.dimension} is not rated by ${result.kind} in this scheme; nothing submitted`,
    );
  if (result.code === "earlier_group_pending") {
    const e = result.earlier;
    return t(
      lang,
      `本方案先由「${raterLabel(e.group)}」评价、再评分（篇6）：目前 ${e.raters} 人，每项需至少 ${result.needed} 人`,
      `${e.group} rate first: ${e.raters} so far, ${result.needed} needed per item`,
    );
  }
  return reviewReplyRefusal(result, lang)?.title ?? "";
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

const KIND_WORDS = {
  self: ["自评", "self-review"],
  peer: ["同事互评", "peer review"],
  leader: ["领导评分", "leader rating"],
} as const;

/** Why a 评议打分 reply was refused before any score was read, as a title and a body; undefined otherwise. */
export function reviewReplyRefusal(result: ReviewReplyResult, lang: Lang): { title: string; body: string } | undefined {
  if (result.ok) return undefined;
  switch (result.code) {
    case "not_member":
      return {
        title: t(lang, "你不是考核成员", "Not a member"),
        body: t(lang, "你不是这个群的考核成员。", "You are not a member of this group."),
      };
    case "peer_in_group":
      return {
        title: t(lang, "互评请私聊我发送", "Peer ratings go in private chat"),
        body: t(
          lang,
          "同事互评是匿名的，请在与我的私聊里发送，群里发会被所有人看到。",
          "Peer ratings are anonymous: send them to me privately, not in the group.",
        ),
      };
    case "kind_not_in_scheme": {
      const what = t(lang, KIND_WORDS[result.kind][0], KIND_WORDS[result.kind][1]);
      return {
        title: t(lang, "本方案没有这类评分", "No such rating"),
        body: t(lang, `本群方案没有${what}。`, `This scheme has no ${what}.`),
      };
    }
    case "unknown_dimension": {
      const names = result.dimensions.join("、");
      return {
        title: t(lang, "哪一项？", "Which dimension?"),
        body: t(
          lang,
          `「${excerpt(result.item)}」不是本方案的维度。可评：${names}`,
          `“${excerpt(result.item)}” is not a dimension. Dimensions: ${names}`,
        ),
      };
    }
    default:
      return undefined;
  }
}
