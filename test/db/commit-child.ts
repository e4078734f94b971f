/**
 * Child process for the crash test: commits batches through the file
 * client, 20 at a time, and writes each batch's id to stdout (synchronously)
 * the moment its promise resolves, i.e. when it would answer 200. The test
 * kills it with SIGKILL mid-stream and checks every acknowledged id is stored.
 */
import { writeSync } from "node:fs";
import { createFileClient } from "../../src/db/file-client";

const path = process.argv[2]!;
const client = createFileClient(path, {
  pragmas: ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000"],
});
await client.execute("CREATE TABLE IF NOT EXISTS acks (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
writeSync(1, "ready\n");
let n = 0;
for (;;) {
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      const id = `ack-${n++}`;
      await client.batch([
        { sql: "INSERT INTO acks (id, body) VALUES (?, ?)", args: [id, "x".repeat(300)] },
        { sql: "UPDATE acks SET body = body || '!' WHERE id = ?", args: [id] },
      ]);
      writeSync(1, `${id}\n`);
    }),
  );
}
