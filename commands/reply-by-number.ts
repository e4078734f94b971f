import type { DecisionAnswer } from "../cards/approval-answer";
import { decisionReplyCard, refNotFoundAnswer } from "../cards/decision-reply";
import { defineCommand, type CommandContext } from "../src/bot/command";
import type { Database } from "../src/db/database";
import { decisionReplyArgs, type DecisionReplyArgs } from "./args/decision-reply";

type Text = { zh: string; en: string };

export type { DecisionReplyArgs };

/**
 * A reply command standing in for a card's decision buttons where there are none (WeChat), and
 * working in Lark too: "<word> <number or id> …", the words after the number read by `rest`.
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
  return defineCommand<DecisionReplyArgs<Rest>>({
    name: def.name,
    aliases: [def.alias],
    summary: def.summary,
    example: def.example,
    takesText: true,
    args: decisionReplyArgs(def),
    async handle(ctx) {
      const { ref } = ctx.args;
      const id = typeof ref === "number" ? await def.idByNo(ctx.deps.db, ctx.group.id, ref) : ref;
      const outcome = id ? await def.decide(ctx, id) : refNotFoundAnswer(def.notFound(ref), ctx.lang);
      ctx.reply(decisionReplyCard(outcome, def.hint, ctx.lang));
    },
  });
}
