import type { Database } from "../db/database";
import type { Scheme } from "../domain/scheme";
import { loadClaim, pendingForLeader, type ClaimContext } from "./claims";
import { schemeForMonth } from "./schemes";

/** Cards sent per 待办; the rest wait for the next one (or the morning digest). */
export const MAX_TODO_CARDS = 10;

/**
 * 待办: the claims waiting for this leader across the tenant, at most MAX_TODO_CARDS of them
 * with the scheme each is decided under; `more` when others wait behind them.
 */
export async function leaderTodo(
  deps: { db: Database },
  input: { tenantKey: string; by: string; now: Date },
): Promise<{ claims: { claim: ClaimContext; scheme: Scheme }[]; count: number; more: boolean }> {
  const { db } = deps;
  const pending = await pendingForLeader(db, input.tenantKey, input.by, MAX_TODO_CARDS + 1);
  const claims: { claim: ClaimContext; scheme: Scheme }[] = [];
  for (const claim of pending.slice(0, MAX_TODO_CARDS)) {
    const loaded = await loadClaim(db, claim.id);
    if (!loaded) continue;
    const { scheme } = await schemeForMonth(db, loaded.group, claim.period, input.now);
    claims.push({ claim: loaded, scheme });
  }
  return { claims, count: Math.min(pending.length, MAX_TODO_CARDS), more: pending.length > MAX_TODO_CARDS };
}
