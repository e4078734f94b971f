import { createClient } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startMockLarkServer } from "../../src/channels/local/mock-lark";
import { applyMigrations } from "../../src/db/migrate";
import type { Database } from "../../src/db/database";
import * as schema from "../../src/db/schema";
import { startHranaServer } from "../support/hrana/server";
import { WORKER_TEST } from "./constants";

declare module "vitest" {
  export interface ProvidedContext {
    hranaUrl: string;
    larkUrl: string;
  }
}

/**
 * Node side of the workerd tests: a libSQL database behind the Hrana HTTP
 * protocol (what Turso speaks; there is no sqld here) and the Lark mock.
 * The Worker inside workerd reaches both over loopback, as it would reach
 * Turso and open.feishu.cn.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "appraisal-worker-"));
  const hrana = await startHranaServer({ dbPath: join(dir, "worker.db") });
  // Migrations run from Node, as in production (`npm run migrate` against Turso).
  const client = createClient({ url: hrana.url });
  await applyMigrations(drizzle(client, { schema }) as unknown as Database);
  client.close();

  const lark = await startMockLarkServer({ apps: [WORKER_TEST.app], tenantKey: WORKER_TEST.tenantKey });
  const { chat } = WORKER_TEST;
  for (const p of [chat.owner, ...chat.members]) lark.mock.addUser(p);
  lark.mock.addChat({
    chatId: chat.chatId,
    name: chat.name,
    ownerOpenId: chat.owner.openId,
    members: [chat.owner, ...chat.members],
  });

  project.provide("hranaUrl", hrana.url);
  project.provide("larkUrl", lark.url);
  return async () => {
    await lark.close();
    await hrana.close();
    await rm(dir, { recursive: true, force: true });
  };
}
