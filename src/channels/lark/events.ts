import { z } from "zod";
import type { Mention, Update } from "../../bot/update";

/**
 * Lark event envelope v2 → neutral Update. Shapes as Lark documents them:
 * {"schema":"2.0","header":{event_id,event_type,create_time,token,app_id,tenant_key},"event":{…}}.
 * Unknown fields are allowed (Lark adds fields); missing essentials reject.
 */

const idSchema = z.object({ open_id: z.string().optional(), user_id: z.string().nullish(), union_id: z.string().optional() });

const headerSchema = z.object({
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  token: z.string().optional(),
  tenant_key: z.string().default(""),
  app_id: z.string().optional(),
  create_time: z.string().optional(),
});

export const envelopeSchema = z.object({ schema: z.literal("2.0"), header: headerSchema, event: z.record(z.string(), z.unknown()) });
export type Envelope = z.infer<typeof envelopeSchema>;

const messageEventSchema = z.object({
  sender: z.object({ sender_id: idSchema, sender_type: z.string().optional(), tenant_key: z.string().optional() }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z
      .array(z.object({ key: z.string(), id: idSchema, name: z.string().default("") }))
      .nullish()
      .transform((m) => m ?? []),
  }),
});

const cardActionSchema = z.object({
  operator: idSchema,
  token: z.string().optional(),
  action: z.object({
    value: z.unknown().optional(),
    tag: z.string().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
  }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});

const botMembershipSchema = z.object({ chat_id: z.string().min(1), operator_id: idSchema.optional() });

export class EventShapeError extends Error {
  override name = "EventShapeError";
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new EventShapeError(`${what}: ${r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return r.data;
}

/** Text of a text or post message; "" for other types. */
function messageText(type: string, content: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (type === "text") {
    const text = (parsed as { text?: unknown }).text;
    return typeof text === "string" ? text : undefined;
  }
  if (type === "post") {
    // Rich text: {title, content: [[{tag:"text",text}, {tag:"at",user_id}…]…]}, possibly per locale.
    const post = parsed as Record<string, unknown>;
    const body = (Array.isArray(post.content) ? post : Object.values(post).find((v) => v && typeof v === "object")) as
      | { title?: string; content?: unknown[] }
      | undefined;
    const lines = (body?.content ?? []).map((line) =>
      (Array.isArray(line) ? line : [])
        .map((el: { tag?: string; text?: string; user_id?: string }) =>
          el.tag === "text" || el.tag === "a" ? (el.text ?? "") : el.tag === "at" ? `@${el.user_id ?? ""}` : "",
        )
        .join(""),
    );
    return [body?.title, ...lines].filter(Boolean).join("\n");
  }
  return undefined;
}

/** A file message's content: {"file_key":"file_v3_…","file_name":"名单.xlsx"}. */
function fileOf(type: string, content: string): { file?: { key: string; name: string } } {
  if (type !== "file") return {};
  try {
    const c = JSON.parse(content) as { file_key?: unknown; file_name?: unknown };
    return typeof c.file_key === "string" && c.file_key ? { file: { key: c.file_key, name: typeof c.file_name === "string" ? c.file_name : "" } } : {};
  } catch {
    return {};
  }
}

/**
 * Replaces mention placeholders ("@_user_1") in the text: the bot's own
 * mention disappears, other people's become "@name".
 */
function resolveMentions(text: string, mentions: { key: string; id: { open_id?: string }; name: string }[], botOpenId?: string) {
  const people: Mention[] = [];
  let out = text;
  for (const m of mentions) {
    const isBot = botOpenId ? m.id.open_id === botOpenId : false;
    out = out.split(m.key).join(isBot ? " " : `@${m.name}`);
    if (!isBot && m.id.open_id) people.push({ userId: m.id.open_id, name: m.name });
  }
  return { text: out.replace(/\s+/gu, " ").trim(), people };
}

export function toUpdate(envelope: Envelope, botOpenId?: string): Update {
  const { header, event } = envelope;
  const base = { eventId: header.event_id, tenantKey: header.tenant_key };
  switch (header.event_type) {
    case "im.message.receive_v1": {
      const e = parseOrThrow(messageEventSchema, event, "im.message.receive_v1");
      const raw = messageText(e.message.message_type, e.message.content);
      const { text, people } = resolveMentions(raw ?? "", e.message.mentions, botOpenId);
      return {
        kind: "message",
        ...base,
        messageId: e.message.message_id,
        chatId: e.message.chat_id,
        chatType: e.message.chat_type === "p2p" ? "p2p" : "group",
        senderId: e.sender.sender_id.open_id ?? "",
        text,
        mentions: people,
        ...(raw === undefined ? { unsupportedType: e.message.message_type } : {}),
        ...fileOf(e.message.message_type, e.message.content),
      };
    }
    case "card.action.trigger": {
      const e = parseOrThrow(cardActionSchema, event, "card.action.trigger");
      const value = e.action.value && typeof e.action.value === "object" ? (e.action.value as Record<string, unknown>) : {};
      return {
        kind: "card_action",
        ...base,
        operatorId: e.operator.open_id ?? "",
        chatId: e.context?.open_chat_id,
        messageId: e.context?.open_message_id,
        value,
        formValue: e.action.form_value,
      };
    }
    case "im.chat.member.bot.added_v1": {
      const e = parseOrThrow(botMembershipSchema, event, header.event_type);
      return { kind: "bot_added", ...base, chatId: e.chat_id, operatorId: e.operator_id?.open_id };
    }
    case "im.chat.member.bot.deleted_v1": {
      const e = parseOrThrow(botMembershipSchema, event, header.event_type);
      return { kind: "bot_removed", ...base, chatId: e.chat_id };
    }
    default:
      return { kind: "ignored", eventId: header.event_id, eventType: header.event_type };
  }
}
