import { z } from "zod";
import { noticeCard } from "../cards/notice";
import type { DecisionAnswer } from "../cards/approval-answer";
import { t, type Lang } from "../cards/kit";
import { defineCommand, type CommandContext } from "../src/bot/command";
import type { Database } from "../src/db/database";
import { charCount } from "../src/domain/text";
import { tooLong } from "./guards";

type Text = { zh: string; en: string };

export interface DecisionReplyArgs<Rest> {
  /** The short number in the group, or the full id. */
  ref: number | string;
  rest: Rest;
}

/**
 * A reply command standing in for a card's decision buttons where there are
 * none (WeChat), and working in Lark too: "<word> <number or id> …", the
 * words after the number read by `rest`.
 */
export function decisionReply<Rest>(def: {
  name: string;
  alias: string;
  summary: Text;
  example: Text;
  /** A full id, for a first word that is not a number. */
  id: RegExp;
  /** The answer when the first word is neither. */
  noRef: Text;
  rest: (words: string[]) => Rest;
  /** Longest comment or reason after the number: as long as the card's input allows. */
  maxText: number;
  idByNo: (db: Database, groupId: string, no: number) => Promise<string | undefined>;
  notFound: (ref: number | string) => Text;
  /** The body of a refusal that has no card of its own. */
  hint: Text;
  /** The decision's outcome in words: the decided card, or why not (with the card when there is one). */
  decide: (ctx: CommandContext<DecisionReplyArgs<Rest>>, id: string) => Promise<DecisionAnswer>;
}) {
  const args = (lang: Lang) =>
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
  const notFound = (lang: Lang, ref: number | string): DecisionAnswer => {
    const text = def.notFound(ref);
    return { level: "warning", message: t(lang, text.zh, text.en) };
  };
  return defineCommand<DecisionReplyArgs<Rest>>({
    name: def.name,
    aliases: [def.alias],
    summary: def.summary,
    example: def.example,
    takesText: true,
    args,
    async handle(ctx) {
      const { ref } = ctx.args;
      const id = typeof ref === "number" ? await def.idByNo(ctx.deps.db, ctx.group.id, ref) : ref;
      const outcome = id ? await def.decide(ctx, id) : notFound(ctx.lang, ref);
      if (outcome.level === "success" && outcome.card)
        ctx.reply({ text: `${outcome.message}\n${outcome.card.text}`, card: outcome.card.card });
      else
        ctx.reply(
          noticeCard({
            title: outcome.message,
            body: outcome.card?.text ?? t(ctx.lang, def.hint.zh, def.hint.en),
            colour: outcome.level === "info" ? "blue" : "yellow",
          }),
        );
    },
  });
}
