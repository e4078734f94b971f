import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { charCount } from "../../src/domain/text";
import { tooLong } from "../../cards/refusals";

type Text = { zh: string; en: string };

export interface DecisionReplyArgs<Rest> {
  /** The short number in the group, or the full id. */
  ref: number | string;
  rest: Rest;
}

/**
 * "<word> <number or id> …": the number (or a full id matching `id`), the words after it read by
 * `rest`, no longer than `maxText` (as long as the card's input allows).
 */
export function decisionReplyArgs<Rest>(def: {
  id: RegExp;
  noRef: Text;
  maxText: number;
  rest: (words: string[]) => Rest;
}) {
  return (lang: Lang) =>
    z.string().transform((text, ctx): DecisionReplyArgs<Rest> => {
      const [ref = "", ...rest] = text.trim().split(/\s+/u);
      const no = /^#?\d{1,6}$/u.test(ref) ? Number(ref.replace("#", "")) : undefined;
      if (no === undefined && !def.id.test(ref)) {
        ctx.addIssue({ code: "custom", message: t(lang, def.noRef.zh, def.noRef.en) });
        return z.NEVER;
      }
      const typed = charCount(rest.join(" "));
      if (typed > def.maxText) {
        ctx.addIssue({ code: "custom", message: tooLong(lang, t(lang, "理由", "reason"), def.maxText, typed) });
        return z.NEVER;
      }
      return { ref: no ?? ref, rest: def.rest(rest) };
    });
}

/** After an appeal's number: 更正申诉 takes a dimension and points before the reason. */
export function appealRest(decision: "uphold" | "amend") {
  return (words: string[]): { dimension?: string; points?: string; reason: string } => {
    if (decision === "uphold") return { reason: words.join(" ") };
    const [dimension = "", points = "", ...reason] = words;
    return { dimension, points, reason: reason.join(" ") };
  };
}

/** After a claim's number: 调整 takes the points before the comment. */
export function claimRest(decision: "approve" | "reject" | "adjust") {
  return (words: string[]): { points?: string; comment: string } => {
    if (decision !== "adjust") return { comment: words.join(" ") };
    const [points = "", ...comment] = words;
    return { points, comment: comment.join(" ") };
  };
}
