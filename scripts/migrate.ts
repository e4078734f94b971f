/**
 * `npm run migrate`: applies migrations/ to DATABASE_URL — a remote Turso
 * database before deploying the Worker (the Worker cannot read migration
 * files), or a local file (which `npm start` also does by itself).
 */
import { ConfigError, loadConfig } from "../src/config";
import { openNodeDatabase } from "../src/db/client-node";
import { applyMigrations } from "../src/db/migrate";

try {
  const config = loadConfig(process.env);
  const database = await openNodeDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  await applyMigrations(database.db);
  database.close();
  console.log(`migrations applied to ${config.DATABASE_URL.replace(/\?.*$/, "")}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `migration failed: ${String(error)}`);
  process.exit(1);
}
