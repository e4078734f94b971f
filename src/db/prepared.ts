import { fillPlaceholders, getTableColumns } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
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

/**
 * A table's rows read by position from a query's values (`.values()`), not through drizzle's generic
 * mapping (which copies each row, normalises every value and walks a path per column: most of the
 * look-up's JS on every message, docs/BENCHMARKS.md). Each column is decoded by its own column (JSON,
 * dates, booleans), a NULL stays null, exactly as drizzle maps it; the row's keys are in the table's
 * order. Columns the caller already knows (the values it searched by) are not selected: `known`
 * gives them back, so the row has every column of the table, as `select()` would give it.
 */
export function rowsOf<T extends SQLiteTable, K extends keyof T["$inferSelect"] & string>(
  table: T,
  known: readonly K[],
) {
  type Row = T["$inferSelect"];
  const all = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const fields = Object.fromEntries(all.filter(([key]) => !known.includes(key as K))) as Record<string, SQLiteColumn>;
  const plan = all.map(([key, column]) => ({ key, column: known.includes(key as K) ? undefined : column }));
  return {
    /** The columns to select, in the order `read` takes them. */
    fields,
    /** How many values of a result row the table takes. */
    width: Object.keys(fields).length,
    /** The row at `values[from…]`, with `knownValues` for the columns not selected. */
    read(values: ArrayLike<unknown>, from: number, knownValues: Pick<Row, K>): Row {
      const row: Record<string, unknown> = {};
      let i = from;
      for (const { key, column } of plan) {
        if (!column) row[key] = (knownValues as Record<string, unknown>)[key];
        else {
          const value = values[i++];
          row[key] = value === null ? null : column.mapFromDriverValue(value);
        }
      }
      return row as Row;
    },
  };
}
