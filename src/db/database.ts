import type { LibSQLDatabase } from "drizzle-orm/libsql";
import type * as schema from "./schema";

/** The one database type the app sees, whichever client (file, remote) is behind it. */
export type Database = LibSQLDatabase<typeof schema>;

/** One item of a write batch: any drizzle query builder (insert, update, delete, select). */
export type BatchItem = Parameters<Database["batch"]>[0][number];
