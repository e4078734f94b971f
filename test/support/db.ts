import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase, type NodeDatabase } from "../../src/db/client-node";
import { applyMigrations } from "../../src/db/migrate";

/** A real, migrated libSQL file in a temp folder. */
export async function openTestDatabase(): Promise<NodeDatabase & { path: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "appraisal-db-"));
  const path = join(dir, "test.db");
  const database = await openNodeDatabase(`file:${path}`);
  await applyMigrations(database.db);
  return {
    ...database,
    path,
    async dispose() {
      database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
