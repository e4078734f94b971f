// Run the Hrana stand-in by hand:
//   npx tsx test/support/hrana/main.ts [--port 8080] [--db data/hrana.db] [--host 127.0.0.1] [--token SECRET]
// (or HRANA_PORT / HRANA_DB / HRANA_HOST / HRANA_TOKEN), then point the web client at the printed URL:
//   createClient({ url: "http://127.0.0.1:8080" })    // from "@libsql/client/web"
import { parseArgs } from "node:util";
import { startHranaServer } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.HRANA_PORT ?? "8080" },
    db: { type: "string", default: process.env.HRANA_DB ?? "data/hrana.db" },
    host: { type: "string", default: process.env.HRANA_HOST ?? "127.0.0.1" },
    token: { type: "string", default: process.env.HRANA_TOKEN },
  },
});

const server = await startHranaServer({
  dbPath: values.db,
  port: Number(values.port),
  host: values.host,
  authToken: values.token,
});
console.log(`Hrana stand-in on ${server.url} (database ${values.db})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
