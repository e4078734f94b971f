import type { Update } from "../../bot/update";
import type { BotIdentity } from "./bot-identity";
import { toUpdate, type Envelope } from "./events";

/**
 * An event that cannot be read yet: it mentions people and the bot's own
 * open_id is not known (the Open API is slow or down). The transport answers
 * "try again" (HTTP 503, or code 500 on the long connection) and Lark
 * delivers it again later; guessing which mention is the bot would garble
 * the command.
 */
export class BotIdentityUnavailable extends Error {
  override name = "BotIdentityUnavailable";
}

/** Only a message that mentions someone needs the bot's open_id; card callbacks never do. */
export function needsBotOpenId(envelope: Envelope): boolean {
  if (envelope.header.event_type !== "im.message.receive_v1") return false;
  const mentions = (envelope.event.message as { mentions?: unknown } | undefined)?.mentions;
  return Array.isArray(mentions) && mentions.length > 0;
}

/**
 * The neutral Update of a verified Lark event, for the webhook and the long
 * connection alike. Waits for the bot's open_id only when the event needs it,
 * and then only as long as the identity allows.
 */
export async function updateFromEvent(envelope: Envelope, identity: BotIdentity): Promise<Update> {
  if (!needsBotOpenId(envelope)) {
    identity.known(); // warms the look-up for the next message, without waiting for it
    return toUpdate(envelope, undefined);
  }
  const botOpenId = await identity.resolve();
  if (!botOpenId)
    throw new BotIdentityUnavailable(
      "the bot's open_id is not known yet (GET /open-apis/bot/v3/info failed or is slow)",
    );
  return toUpdate(envelope, botOpenId);
}
