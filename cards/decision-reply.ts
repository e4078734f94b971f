import type { DecisionAnswer } from "./approval-answer";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

type Text = { zh: string; en: string };

/** No such number in this group: `text` names what (申报, 申诉…). */
export function refNotFoundAnswer(text: Text, lang: Lang): DecisionAnswer {
  return { level: "warning", message: t(lang, text.zh, text.en) };
}

/**
 * A reply command's answer: the decided card under the outcome, or a notice titled with why not,
 * its body the card as it now reads or else `hint`.
 */
export function decisionReplyCard(outcome: DecisionAnswer, hint: Text, lang: Lang): Rendered {
  if (outcome.level === "success" && outcome.card)
    return { text: `${outcome.message}\n${outcome.card.text}`, card: outcome.card.card };
  return noticeCard({
    title: outcome.message,
    body: outcome.card?.text ?? t(lang, hint.zh, hint.en),
    colour: outcome.level === "info" ? "blue" : "yellow",
  });
}

/** 维持申诉 / 更正申诉: what a missing or unknown appeal number is told. */
export const APPEAL_REPLY_WORDS = {
  noRef: { zh: "请写上申诉编号，例如「维持申诉 2 理由」。", en: "Give the appeal number, e.g. “uphold 2 reason”." },
  notFound: (ref: number | string) => ({ zh: `本群没有编号为 ${ref} 的申诉`, en: `No appeal ${ref} in this group` }),
  hint: { zh: "申诉编号写在申诉消息的末尾。", en: "The appeal number is at the end of the appeal message." },
};

/** 同意 / 驳回 / 调整: what a missing or unknown claim number is told. */
export const CLAIM_REPLY_WORDS = {
  noRef: { zh: "请写上申报编号，例如「同意 12」。", en: "Give the claim number, e.g. “approve 12”." },
  notFound: (ref: number | string) => ({ zh: `本群没有编号为 ${ref} 的申报`, en: `No claim ${ref} in this group` }),
  hint: { zh: "发送「待办」查看待审批的申报。", en: "Send /todo to see claims waiting for you." },
};
