import type { Cache } from "@larksuiteoapi/node-sdk";

/**
 * The SDK's token cache, one per client. The SDK's default cache is shared by
 * every client in the process, so a token minted by one Lark endpoint would
 * be offered to another; and a token Lark has revoked must be forgettable.
 * `expire` is an absolute time in ms, as the SDK passes it.
 */
export function createTokenCache(now: () => number = Date.now) {
  const entries = new Map<string, { value: unknown; expire?: number }>();
  const keyOf = (key: string | symbol, namespace?: string) => `${namespace ?? ""}:${String(key)}`;
  const cache: Cache = {
    async set(key, value, expire, options) {
      entries.set(keyOf(key as string, options?.namespace), { value, expire });
      return true;
    },
    async get(key, options) {
      const hit = entries.get(keyOf(key as string, options?.namespace));
      if (!hit) return undefined;
      if (hit.expire !== undefined && hit.expire <= now()) return undefined;
      return hit.value;
    },
  };
  return { cache, clear: () => entries.clear() };
}
