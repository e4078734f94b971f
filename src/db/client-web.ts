import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import type { Database } from "./database";
import * as schema from "./schema";

/**
 * The database on Workers: libSQL (Turso) over HTTP. There is no file system
 * there, so `file:` URLs are refused with a clear message.
 */
export function openWebDatabase(url: string, authToken?: string, fetch?: typeof globalThis.fetch): Database {
  if (url.startsWith("file:")) {
    throw new Error("DATABASE_URL: file: databases are not available on Workers; use your Turso libsql:// URL");
  }
  // A fetch of our own lets the Worker count each round trip as the subrequest it is.
  const client = createClient({ url, authToken, ...(fetch ? { fetch } : {}) });
  return drizzle(client, { schema }) as unknown as Database;
}
