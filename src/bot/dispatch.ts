import type { Bot } from "./bot";
import type { Logger } from "./deps";
import type { CardActionAnswer, Update } from "./update";

export interface DispatchOptions {
  bot: Bot;
  log: Logger;
  /** Sends what is queued in the outbox; runs after each answer. */
  drain: () => Promise<unknown>;
}

/**
 * One update through the bot, whatever carried it (the webhook, the long
 * connection): the bot's change is committed before the answer, and what can
 * wait (member sync, sending) runs after it through `defer` (Workers'
 * waitUntil, or Node's task queue), so the answer stays inside Lark's 3 s.
 */
export function createDispatch(opts: DispatchOptions) {
  return async (update: Update, defer: (task: Promise<unknown>) => void): Promise<CardActionAnswer | undefined> => {
    const outcome = await opts.bot.handle(update);
    if (!outcome.duplicate) {
      defer(
        (async () => {
          for (const task of outcome.after) {
            await task().catch((error) =>
              opts.log.error("after-answer task failed", { eventId: update.eventId, error: String(error) }),
            );
          }
          await opts.drain();
        })().catch((error) => opts.log.error("outbox drain failed", { error: String(error) })),
      );
    }
    return outcome.answer;
  };
}

export type Dispatch = ReturnType<typeof createDispatch>;
