import { getTableName, is, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { BatchItem, Database } from "../../../db/database";
import * as schema from "../../../db/schema";

/**
 * Empties every table of the schema (the migrations' own table stays), for
 * the playground's reset. Foreign keys are off while it runs, so the order
 * of the tables does not matter.
 */
export async function wipeDatabase(db: Database): Promise<string[]> {
  const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));
  await db.run(sql`PRAGMA foreign_keys=OFF`);
  try {
    await db.batch(tables.map((t) => db.delete(t)) as unknown as [BatchItem, ...BatchItem[]]);
  } finally {
    await db.run(sql`PRAGMA foreign_keys=ON`);
  }
  return tables.map((t) => getTableName(t));
}
