import { fillPlaceholders } from "drizzle-orm";
import type { BatchItem, Database } from "./database";

/**
 * A query drizzle builds once per database and keeps (`.prepare()` with `sql.placeholder`s): for
 * the request hot path, where building the SQL anew cost more than SQLite running it
 * (docs/BENCHMARKS.md, 2026-12-02). Keyed weakly by the database (or transaction) it was built on.
 */
export function preparedPer<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const built = new WeakMap<Database, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) built.set(db, (query = build(db)));
    return query;
  };
}

/** What drizzle's `.prepare()` gives for a write: its SQL with placeholders, and how it maps a result. */
interface PreparedRun {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
}

/**
 * A write for a commit batch (`db.batch`) whose statement drizzle builds once per database: an insert
 * with `sql.placeholder`s, `.prepare()`d, filled with each call's values as drizzle fills a prepared
 * query's (each column's encoder, e.g. Date → milliseconds). The batch item is what drizzle's batch
 * asks of a builder (`_prepare()` → its query and its result mapping), so the batch commits the same
 * statement and arguments as the builder it was made from. Only for batches: it cannot be awaited.
 */
export function preparedWrite<V extends Record<string, unknown>>(
  build: (db: Database) => PreparedRun,
): (db: Database, values: V) => BatchItem {
  const preparedOn = preparedPer(build);
  return (db, values) => {
    const prepared = preparedOn(db);
    const { sql, params } = prepared.getQuery();
    const query = { sql, params: fillPlaceholders(params, values) };
    const item = {
      _prepare: () => ({
        getQuery: () => query,
        mapResult: (response: unknown, isFromBatch?: boolean) => prepared.mapResult(response, isFromBatch),
      }),
    };
    return item as unknown as BatchItem;
  };
}
