import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Database } from "./database";
import { createFileClient } from "./file-client";
import * as schema from "./schema";

export interface NodeDatabase {
  db: Database;
  client: Client;
  close(): void;
}

export interface NodeDatabaseOptions {
  /**
   * "libsql" opens a file with `@libsql/client`'s own file client, one
   * transaction per request: the path before src/db/file-client.ts, kept so
   * the benchmark can measure its baseline in the same run.
   */
  fileClient?: "ours" | "libsql";
}

/**
 * WAL with synchronous=NORMAL: about 9× the write throughput of the default
 * rollback journal for one insert per request (measured, ../shared/DESIGN.md).
 * A commit is in the WAL before its caller hears of it, so a crash of the
 * process loses nothing acknowledged.
 */
const FILE_PRAGMAS = [
  "PRAGMA journal_mode=WAL",
  "PRAGMA synchronous=NORMAL",
  "PRAGMA busy_timeout=5000",
  "PRAGMA foreign_keys=ON",
  "PRAGMA wal_autocheckpoint=10000",
];

/**
 * Opens the database under Node: a local libSQL file (the default) or a
 * remote Turso/libSQL URL. A file is opened on one connection with our own
 * client (src/db/file-client.ts: statements prepared once, concurrent write
 * batches committed together); a remote URL through `@libsql/client`.
 */
export async function openNodeDatabase(
  url: string,
  authToken?: string,
  opts: NodeDatabaseOptions = {},
): Promise<NodeDatabase> {
  let client: Client;
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).split("?")[0]!;
    if (path && path !== ":memory:") await mkdir(dirname(path), { recursive: true });
    if (opts.fileClient === "libsql") {
      // One connection: PRAGMAs such as synchronous are per connection.
      client = createClient({ url, concurrency: 1 });
      for (const pragma of FILE_PRAGMAS) await client.execute(pragma);
    } else {
      client = createFileClient(path, { pragmas: FILE_PRAGMAS });
    }
  } else {
    client = createClient({ url, authToken });
  }
  const db = drizzle(client, { schema });
  return { db, client, close: () => client.close() };
}
