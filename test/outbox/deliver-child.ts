/**
 * A deliverer in its own process, for the kill-and-restart test: drains the
 * outbox of the database at argv[2] into the Lark mock at argv[3], slowly,
 * until it is killed.
 */
import { createLarkOpenApi } from "../../src/channels/lark/open-api";
import { openNodeDatabase } from "../../src/db/client-node";
import { drainOutbox } from "../../src/outbox/deliver";
import { createPacer } from "../../src/outbox/pacer";

const [dbUrl, larkUrl, appId, appSecret] = process.argv.slice(2) as [string, string, string, string];
const { db } = await openNodeDatabase(dbUrl);
const api = createLarkOpenApi({ appId, appSecret, domain: larkUrl });
// 20 messages a second, one at a time: slow enough to be killed in the middle.
const pacer = createPacer({ app: [{ limit: 20, windowMs: 1000 }] });
console.log("draining");
await drainOutbox(db, api, { pacer, concurrency: 1, batchSize: 10 });
console.log("done");
