import { z } from "zod";
import type { ChatPerson, Mention, Update } from "../../bot/update";
import { stripControls } from "../../domain/text";

/**
 * Lark event envelope v2 → neutral Update. Shapes as Lark documents them:
 * {"schema":"2.0","header":{event_id,event_type,create_time,token,app_id,tenant_key},"event":{…}}.
 * Unknown fields are allowed (Lark adds fields); missing essentials reject.
 */

const idSchema = z.object({
  open_id: z.string().optional(),
  user_id: z.string().nullish(),
  union_id: z.string().optional(),
});

const headerSchema = z.object({
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  token: z.string().optional(),
  tenant_key: z.string().default(""),
  app_id: z.string().optional(),
  create_time: z.string().optional(),
});

export const envelopeSchema = z.object({
  schema: z.literal("2.0"),
  header: headerSchema,
  event: z.record(z.string(), z.unknown()),
});
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

/**
 * 用户进群 / 用户出群 / 撤销拉用户进群 (im.chat.member.user.added_v1 / deleted_v1 / withdrawn_v1):
 * the chat, who did it, and the people, each with their tenant and ids. `external` says the chat is
 * an external one (外部群); a person of another tenant is told by their own `tenant_key`.
 */
const userMembershipSchema = z.object({
  chat_id: z.string().min(1),
  operator_id: idSchema.nullish(),
  external: z.boolean().optional(),
  operator_tenant_key: z.string().optional(),
  users: z
    .array(
      z.object({
        name: z.string().nullish(),
        tenant_key: z.string().nullish(),
        user_id: idSchema.nullish(),
      }),
    )
    .nullish()
    .transform((u) => u ?? []),
});
type UserMembership = z.infer<typeof userMembershipSchema>;

/**
 * The people of a member event. Someone with no open_id cannot be addressed or told apart, and is
 * left out; someone of another tenant is marked external (never put on this unit's roster).
 */
function chatPeople(e: UserMembership, tenantKey: string): ChatPerson[] {
  return e.users.flatMap((u) => {
    const userId = u.user_id?.open_id;
    if (!userId) return [];
    const external = Boolean(u.tenant_key && tenantKey && u.tenant_key !== tenantKey);
    return [
      {
        userId,
        name: stripControls(u.name ?? "")
          .replace(/\s+/gu, " ")
          .trim(),
        ...(external ? { external } : {}),
      },
    ];
  });
}

/** 用户出群 says "left" when each person took themself out, "removed" when someone else did. */
function leaveReason(type: string, e: UserMembership, people: ChatPerson[]): "left" | "removed" | "withdrawn" {
  if (type === "im.chat.member.user.withdrawn_v1") return "withdrawn";
  const operator = e.operator_id?.open_id;
  return operator && people.length && people.every((p) => p.userId === operator) ? "left" : "removed";
}

export class EventShapeError extends Error {
  override name = "EventShapeError";
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new EventShapeError(`${what}: ${r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
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
    return typeof c.file_key === "string" && c.file_key
      ? { file: { key: c.file_key, name: typeof c.file_name === "string" ? c.file_name : "" } }
      : {};
  } catch {
    return {};
  }
}

/** A regex source matching `text` literally. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces mention placeholders ("@_user_1") in the text: the bot's own
 * mention disappears, other people's become "@name". Each placeholder is
 * replaced as a whole token in one pass — longest key first, and never where
 * more digits follow — so "@_user_1" is not found inside "@_user_10", and a
 * name that itself reads "@_user_2" is not replaced again.
 */
export function resolveMentions(
  text: string,
  mentions: { key: string; id: { open_id?: string }; name: string }[],
  botOpenId?: string,
) {
  const people: Mention[] = [];
  const replacement = new Map<string, string>();
  for (const m of mentions) {
    if (!m.key || replacement.has(m.key)) continue;
    const isBot = botOpenId ? m.id.open_id === botOpenId : false;
    replacement.set(m.key, isBot ? " " : `@${m.name}`);
    if (!isBot && m.id.open_id) people.push({ userId: m.id.open_id, name: m.name });
  }
  let out = text;
  if (replacement.size) {
    const keys = [...replacement.keys()].sort((a, b) => b.length - a.length);
    const token = new RegExp(keys.map((k) => `${literal(k)}${/\d$/.test(k) ? "(?!\\d)" : ""}`).join("|"), "g");
    out = text.replace(token, (key) => replacement.get(key) ?? key);
  }
  return { text: out.replace(/\s+/gu, " ").trim(), people };
}

/** Strings a person typed, in a card form, with control characters removed as from messages. */
function cleanForm(form: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!form) return form;
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === "string" ? stripControls(v) : v]));
}

export function toUpdate(envelope: Envelope, botOpenId?: string): Update {
  const { header, event } = envelope;
  const base = { eventId: header.event_id, tenantKey: header.tenant_key };
  switch (header.event_type) {
    case "im.message.receive_v1": {
      const e = parseOrThrow(messageEventSchema, event, "im.message.receive_v1");
      // Control characters go at the boundary: nothing past here stores or echoes them.
      const typed = messageText(e.message.message_type, e.message.content);
      const raw = typed === undefined ? undefined : stripControls(typed);
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
      const value =
        e.action.value && typeof e.action.value === "object" ? (e.action.value as Record<string, unknown>) : {};
      return {
        kind: "card_action",
        ...base,
        operatorId: e.operator.open_id ?? "",
        chatId: e.context?.open_chat_id,
        messageId: e.context?.open_message_id,
        value,
        formValue: cleanForm(e.action.form_value),
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
    case "im.chat.member.user.added_v1": {
      const e = parseOrThrow(userMembershipSchema, event, header.event_type);
      return {
        kind: "members_joined",
        ...base,
        chatId: e.chat_id,
        operatorId: e.operator_id?.open_id,
        people: chatPeople(e, header.tenant_key),
      };
    }
    case "im.chat.member.user.deleted_v1":
    case "im.chat.member.user.withdrawn_v1": {
      const e = parseOrThrow(userMembershipSchema, event, header.event_type);
      const people = chatPeople(e, header.tenant_key);
      return {
        kind: "members_left",
        ...base,
        chatId: e.chat_id,
        operatorId: e.operator_id?.open_id,
        reason: leaveReason(header.event_type, e, people),
        people,
      };
    }
    default:
      return { kind: "ignored", eventId: header.event_id, eventType: header.event_type };
  }
}
