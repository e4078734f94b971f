import { sha256Hex } from "../../src/db/sha256";

/**
 * Platform ids of the shapes and lengths the platforms document, derived from
 * a readable name so a test can say `larkOpenId("zhang")` and get the same id
 * every time. Never invent shorter ids: the bug of issue 12 (member ids too
 * long for scoring) hid behind a made-up open_id of a few letters for months.
 */

const hex32 = (kind: string, name: string) => sha256Hex(`${kind}:${name}`).slice(0, 32);

/** open_id: "ou_" + 32 lowercase hex (35 characters). */
export const larkOpenId = (name: string) => `ou_${hex32("open_id", name)}`;
/** chat_id: "oc_" + 32 hex. */
export const larkChatId = (name: string) => `oc_${hex32("chat_id", name)}`;
/** message_id: "om_" + 32 hex. */
export const larkMessageId = (name: string) => `om_${hex32("message_id", name)}`;
/** union_id: "on_" + 32 hex. */
export const larkUnionId = (name: string) => `on_${hex32("union_id", name)}`;
/** The union_id Lark pairs with an open_id of ours (same person across the developer's apps). */
export const unionIdOf = (openId: string) => `on_${hex32("union_id", openId)}`;
/** Lark's event_id: 32 hex. */
export const larkEventId = (name: string) => hex32("event_id", name);
/** tenant_key: a short hex string as in Lark's examples ("736588c9260f175d"). */
export const larkTenantKey = (name: string) => sha256Hex(`tenant_key:${name}`).slice(0, 16);

/** A WeChat contact id as wechaty-puppet-mock makes them (cuid: "c" + 24 base36). */
export const wechatContactId = (name: string) => `c${sha256Hex(`contact:${name}`).slice(0, 24)}`;
/** A WeChat room id as wechaty-puppet-mock makes them (cuid + "@chatroom", 34 characters). */
export const wechatRoomId = (name: string) => `c${sha256Hex(`room:${name}`).slice(0, 24)}@chatroom`;
/** A room id of WeChat's web protocol ("@@" + 64 hex, 66 characters): the longest shape we know. */
export const wechatWebRoomId = (name: string) => `@@${sha256Hex(`webroom:${name}`)}`;

/**
 * A new readable name on every call ("deadline-0", "deadline-1", …), for a
 * test that needs a fresh person, chat, message or event each time:
 * `const next = nameSequence("deadline"); larkOpenId(next())`. The ids stay
 * the documented shapes and are the same on every run, unlike random hex.
 */
export function nameSequence(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${n++}`;
}
