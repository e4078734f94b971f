import { encryptEvent, signBody } from "../lark/crypto";

/**
 * Builds events exactly as Lark sends them: the v2 envelope, encrypted with
 * the app's encrypt key, signed over the raw body. The playground, the demo
 * seeding, the README's send script, the tests and the benchmark all post
 * these to /lark/events, so they exercise the production path.
 */

export interface SealOptions {
  encryptKey?: string;
  /** Seconds since the epoch, as Lark puts in X-Lark-Request-Timestamp. */
  timestamp?: number;
  nonce?: string;
}

export interface SealedRequest {
  body: string;
  headers: Record<string, string>;
}

/** The union_id that goes with an open_id: "on_" + 32 hex, as Lark's ids are shaped (not a real mapping, which only Lark knows). */
const unionIdOf = (openId: string) => `on_${openId.replace(/^ou_/, "")}`;

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Encrypts (when there is a key) and signs a payload. */
export async function sealEvent(payload: unknown, opts: SealOptions = {}): Promise<SealedRequest> {
  const plain = JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (!opts.encryptKey) return { body: plain, headers };
  const body = JSON.stringify({ encrypt: await encryptEvent(plain, opts.encryptKey) });
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomHex(8);
  headers["x-lark-request-timestamp"] = timestamp;
  headers["x-lark-request-nonce"] = nonce;
  headers["x-lark-signature"] = await signBody(timestamp, nonce, opts.encryptKey, body);
  return { body, headers };
}

export interface EnvelopeOptions {
  token: string;
  appId: string;
  tenantKey: string;
  eventId?: string;
  createTime?: number;
}

function envelope(eventType: string, event: unknown, o: EnvelopeOptions) {
  return {
    schema: "2.0",
    header: {
      event_id: o.eventId ?? randomHex(16),
      event_type: eventType,
      create_time: String(o.createTime ?? Date.now()),
      token: o.token,
      app_id: o.appId,
      tenant_key: o.tenantKey,
    },
    event,
  };
}

export interface TextMessageOptions extends EnvelopeOptions {
  chatId: string;
  chatType: "group" | "p2p";
  senderOpenId: string;
  text: string;
  messageId?: string;
  /** People mentioned: placeholders "@_user_N" are put in the text where `text` has "@name". */
  mentions?: { openId: string; name: string }[];
}

/** A regex source matching `text` literally. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Puts Lark's "@_user_N" placeholders where the text says "@name". Each
 * "@name" is matched as a whole token — longest name first, and only where
 * the name ends (space, punctuation or the end of the text follows) — in one
 * pass, so "@成员1" is not found inside "@成员10" and a placeholder already
 * put in is never matched again. A mention whose name is not in the text is
 * put in front, as Lark shows a mention picked without typing the name.
 */
function placeMentions(text: string, mentions: { key: string; name: string }[]): string {
  const keysByName = new Map<string, string[]>();
  for (const m of mentions) keysByName.set(m.name, [...(keysByName.get(m.name) ?? []), m.key]);
  const placed = new Set<string>();
  let out = text;
  if (keysByName.size) {
    const names = [...keysByName.keys()].sort((a, b) => b.length - a.length);
    const token = new RegExp(`@(${names.map(literal).join("|")})(?=[\\s\\p{P}\\p{S}]|$)`, "gu");
    out = text.replace(token, (whole, name: string) => {
      const key = keysByName.get(name)?.shift();
      if (!key) return whole;
      placed.add(key);
      return key;
    });
  }
  for (const m of mentions) if (!placed.has(m.key)) out = `${m.key} ${out}`;
  return out;
}

/** im.message.receive_v1 for a text message. */
export function textMessageEvent(o: TextMessageOptions) {
  const mentions = (o.mentions ?? []).map((m, i) => ({
    key: `@_user_${i + 1}`,
    id: { open_id: m.openId, union_id: unionIdOf(m.openId), user_id: null },
    name: m.name,
    tenant_key: o.tenantKey,
  }));
  return messageEvent(o, "text", JSON.stringify({ text: placeMentions(o.text, mentions) }), mentions);
}

/** im.message.receive_v1 around one message of any type. */
function messageEvent(
  o: Omit<TextMessageOptions, "text" | "mentions">,
  type: string,
  content: string,
  mentions: unknown[] = [],
) {
  return envelope(
    "im.message.receive_v1",
    {
      sender: {
        sender_id: { open_id: o.senderOpenId, union_id: unionIdOf(o.senderOpenId), user_id: null },
        sender_type: "user",
        tenant_key: o.tenantKey,
      },
      message: {
        message_id: o.messageId ?? `om_${randomHex(16)}`,
        create_time: String(Date.now()),
        chat_id: o.chatId,
        chat_type: o.chatType,
        message_type: type,
        content,
        ...(mentions.length ? { mentions } : {}),
      },
    },
    o,
  );
}

/** im.message.receive_v1 for a file someone sent: content {"file_key","file_name"}. */
export function fileMessageEvent(
  o: Omit<TextMessageOptions, "text" | "mentions"> & { fileKey: string; fileName: string },
) {
  return messageEvent(o, "file", JSON.stringify({ file_key: o.fileKey, file_name: o.fileName }));
}

export interface CardActionOptions extends EnvelopeOptions {
  operatorOpenId: string;
  value: Record<string, unknown>;
  messageId: string;
  chatId: string;
  formValue?: Record<string, unknown>;
  tag?: string;
}

/** card.action.trigger, as a card button click or form submit sends it. */
export function cardActionEvent(o: CardActionOptions) {
  return envelope(
    "card.action.trigger",
    {
      operator: { tenant_key: o.tenantKey, open_id: o.operatorOpenId, union_id: unionIdOf(o.operatorOpenId) },
      token: `c-${randomHex(20)}`,
      action: { value: o.value, tag: o.tag ?? "button", ...(o.formValue ? { form_value: o.formValue } : {}) },
      host: "im_message",
      context: { open_message_id: o.messageId, open_chat_id: o.chatId },
    },
    o,
  );
}

/** im.chat.member.bot.added_v1: the bot was added to a group. */
export function botAddedEvent(o: EnvelopeOptions & { chatId: string; operatorOpenId: string; chatName?: string }) {
  return envelope(
    "im.chat.member.bot.added_v1",
    {
      chat_id: o.chatId,
      operator_id: { open_id: o.operatorOpenId, union_id: unionIdOf(o.operatorOpenId), user_id: null },
      external: false,
      operator_tenant_key: o.tenantKey,
      name: o.chatName ?? "",
    },
    o,
  );
}

/** The URL verification Lark sends when the request URL is saved in the console. */
export function urlVerification(token: string, challenge: string) {
  return { challenge, token, type: "url_verification" };
}
