import { FileBox } from "file-box";
import type { Wechaty } from "wechaty";
import type { ImageSpec } from "../../outbox/message";
import type { MessageSender, OutgoingMessage, SendResult } from "../../outbox/sender";

class NotAFriend extends Error {
  override name = "NotAFriend";
  constructor(id: string) {
    super(
      `${id} is not a WeChat friend of the bot account: private messages cannot reach them (they can add the bot, or read it in the group)`,
    );
  }
}

export type ImageRenderer = (spec: ImageSpec) => Promise<Uint8Array>;

/**
 * Sends outbox rows through the logged-in WeChat account: text as text,
 * images drawn to PNG first. A room id or a contact id is the target (WeChat
 * has no threaded replies; the outbox turned replies into chat messages).
 * WeChat has no idempotency key like Lark's uuid: a send that failed after
 * reaching WeChat may show twice; the deliverer's lease keeps that rare.
 */
export function createWechatSender(bot: Wechaty, renderImage: ImageRenderer): MessageSender {
  /** A room or a contact: puppets differ in how ids look, and some throw rather than answer "none". */
  async function target(id: string) {
    const room = await bot.Room.find({ id }).catch(() => undefined);
    if (room) return room;
    const contact = await bot.Contact.find({ id });
    // WeChat delivers private messages only between friends: retrying would not help.
    if (contact && contact.friend() === false) throw new NotAFriend(id);
    return contact;
  }
  return {
    async send(message: OutgoingMessage): Promise<SendResult> {
      if (!bot.isLoggedIn)
        return { ok: false, retry: true, retryAfterMs: 30_000, error: "WeChat account not logged in" };
      if (message.receiveIdType === "update") return { ok: true, messageId: "wx:no-update" }; // WeChat cannot edit a sent message
      let to;
      try {
        to = await target(message.receiveId);
      } catch (error) {
        if (error instanceof NotAFriend) return { ok: false, retry: false, error: error.message };
        return { ok: false, retry: true, error: `look-up failed: ${String(error)}` };
      }
      if (!to) return { ok: false, retry: false, error: `no WeChat room or contact ${message.receiveId}` };
      try {
        const content = JSON.parse(message.content) as { text?: string } & ImageSpec;
        if (message.msgType === "image") {
          const png = await renderImage(content);
          // Base64, not a buffer: puppets that run elsewhere (puppet-service) must serialise the file.
          await to.say(FileBox.fromBase64(Buffer.from(png).toString("base64"), `${content.kind}.png`));
        } else {
          await to.say(content.text ?? "");
        }
        return { ok: true, messageId: `wx:${message.key}` };
      } catch (error) {
        return { ok: false, retry: true, error: String(error) };
      }
    },
  };
}
