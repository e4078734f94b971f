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

/**
 * Ids of groups and members derive from the platform's own ids, so two
 * deliveries racing to register the same chat or person agree on the id
 * (the loser's insert is a no-op and its later writes still point at a row).
 */
export function groupIdFor(platform: string, chatId: string): string {
  return `grp_${platform}_${chatId}`;
}

export function memberIdFor(groupId: string, userId: string): string {
  return `mem_${groupId.slice(4)}_${userId}`;
}
