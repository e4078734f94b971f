import type { Logger } from "../../../bot/deps";
import type { CardActionAnswer, Update } from "../../../bot/update";
import type { BotIdentity } from "../bot-identity";
import { decryptEvent } from "../crypto";
import { envelopeSchema, EventShapeError } from "../events";
import { updateFromEvent } from "../update-from-event";

export interface LongConnectionReceiverOptions {
  /** Payloads over the long connection are plain JSON; an app with an encrypt key may still get `{encrypt}`. */
  encryptKey?: string;
  identity: BotIdentity;
  log: Logger;
  /** The same dispatch the webhook uses; returns a card callback's answer. */
  handle: (update: Update) => Promise<CardActionAnswer | undefined>;
}

/**
 * The long connection's counterpart of the webhook: payload → Update → bot,
 * and the card callback's answer back. No signature to check (the connection
 * itself was opened with the app's secret). A payload we cannot read is
 * answered (and logged), since Lark would only deliver it again unchanged;
 * a message that needs the bot's open_id while it is unknown throws, so Lark
 * delivers it again later.
 */
export function longConnectionReceiver(opts: LongConnectionReceiverOptions) {
  return async (payload: unknown): Promise<unknown> => {
    let body = payload;
    const encrypted = (body as { encrypt?: unknown } | null)?.encrypt;
    if (typeof encrypted === "string") {
      if (!opts.encryptKey) {
        opts.log.error("long connection: encrypted event but LARK_ENCRYPT_KEY is not set");
        return undefined;
      }
      try {
        body = JSON.parse(await decryptEvent(encrypted, opts.encryptKey));
      } catch (error) {
        // Delivering it again would not make it readable: answer, and say why in the log.
        opts.log.error(
          "long connection: an encrypted event could not be decrypted (is LARK_ENCRYPT_KEY the console's?)",
          { error: String(error) },
        );
        return undefined;
      }
    }
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      opts.log.warn("long connection: not a Lark event", { problem: envelope.error.issues[0]?.message });
      return undefined;
    }
    let update: Update;
    try {
      update = await updateFromEvent(envelope.data, opts.identity);
    } catch (error) {
      if (!(error instanceof EventShapeError)) throw error;
      opts.log.warn("long connection: malformed event", {
        eventId: envelope.data.header.event_id,
        error: error.message,
      });
      return undefined;
    }
    const answer = await opts.handle(update);
    return update.kind === "card_action" ? (answer ?? {}) : undefined;
  };
}
