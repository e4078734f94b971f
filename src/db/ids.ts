import { sha256Hex } from "./sha256";

/**
 * Ids made by the app: time-ordered (so rows sort by creation in indexes)
 * and random enough to be unguessable in card callback values.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  const time = now.toString(36).padStart(9, "0");
  // randomUUID draws from a cached entropy pool: cheaper per call than getRandomValues.
  const rand = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
  return `${prefix}_${time}${rand}`;
}

/** Hex digits of SHA-256 kept in a derived id: 128 bits, so two platform ids never meet by chance. */
const DIGEST_HEX = 32;

/** Length of every group and member id (prefix + digest), whatever the platform's own ids look like. */
export const DERIVED_ID_LENGTH = 4 + DIGEST_HEX;

/**
 * Ids of groups and members derive from the platform's own ids, so two
 * deliveries racing to register the same chat or person agree on the id
 * (the loser's insert is a no-op and its later writes still point at a row).
 * They are a digest rather than the platform ids themselves so they stay
 * 36 characters however long a platform's ids are (Lark's are 35, WeChat room
 * ids longer): scoring inputs, outbox keys and card values all carry them.
 * The parts are JSON-encoded so no two different pairs hash the same text.
 */
export function groupIdFor(platform: string, chatId: string): string {
  return `grp_${sha256Hex(JSON.stringify(["group", platform, chatId])).slice(0, DIGEST_HEX)}`;
}

export function memberIdFor(groupId: string, userId: string): string {
  return `mem_${sha256Hex(JSON.stringify(["member", groupId, userId])).slice(0, DIGEST_HEX)}`;
}

/**
 * The ids migration 0009 replaced (grp_<platform>_<chat>, mem_<platform>_<chat>_<user>),
 * for the rewrite itself and for card buttons sent before it, which still carry them.
 */
export const legacyGroupId = (platform: string, chatId: string) => `grp_${platform}_${chatId}`;
export const legacyMemberId = (legacyGroup: string, userId: string) => `mem_${legacyGroup.slice(4)}_${userId}`;

/** A group id from a card button sent before 0009, as the id that group has now; current ids pass through. */
export function currentGroupId(id: string): string {
  const legacy = /^grp_(lark|wechat)_(.+)$/.exec(id);
  return legacy ? groupIdFor(legacy[1]!, legacy[2]!) : id;
}

/** A member id from a card sent before 0009 (a review form's colleague), as that member's id now. */
export function currentMemberId(id: string, group: { id: string; platform: string; chatId: string }): string {
  const prefix = legacyMemberId(legacyGroupId(group.platform, group.chatId), "");
  return id.startsWith(prefix) ? memberIdFor(group.id, id.slice(prefix.length)) : id;
}
