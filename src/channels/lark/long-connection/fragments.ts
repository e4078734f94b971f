/**
 * Reassembly of a payload Lark split over several data frames: each part
 * carries the same `message_id`, `sum` (how many parts) and `seq` (0-based).
 * Incomplete payloads are forgotten after a while; Lark then sends the event
 * again, since it was never answered.
 */

export const FRAGMENT_TTL_MS = 10_000;

export class FragmentError extends Error {
  override name = "FragmentError";
}

interface Pending {
  parts: (Uint8Array | undefined)[];
  createdAt: number;
}

export function createFragmentBuffer(now: () => number = Date.now) {
  const pending = new Map<string, Pending>();

  const sweep = () => {
    const t = now();
    for (const [id, p] of pending) if (t - p.createdAt > FRAGMENT_TTL_MS) pending.delete(id);
  };

  return {
    /** Adds one part; returns the whole payload once every part is in, else undefined. */
    add(messageId: string, sum: number, seq: number, data: Uint8Array): Uint8Array | undefined {
      if (!Number.isInteger(sum) || sum < 1 || sum > 1000 || !Number.isInteger(seq) || seq < 0 || seq >= sum) {
        throw new FragmentError(`invalid part ${seq} of ${sum} for ${messageId}`);
      }
      if (sum === 1) return data;
      sweep();
      let entry = pending.get(messageId);
      if (!entry) {
        entry = { parts: new Array(sum).fill(undefined), createdAt: now() };
        pending.set(messageId, entry);
      } else if (entry.parts.length !== sum) {
        pending.delete(messageId);
        throw new FragmentError(`part ${seq} of ${messageId} says ${sum} parts, the first said ${entry.parts.length}`);
      }
      entry.parts[seq] = data;
      if (entry.parts.some((p) => p === undefined)) return undefined;
      pending.delete(messageId);
      const parts = entry.parts as Uint8Array[];
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    },
    get size() {
      return pending.size;
    },
    clear: () => pending.clear(),
  };
}
