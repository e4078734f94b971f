import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Hono } from "hono";
import { DEMO_GROUPS, DEMO_OFFICE, DEMO_TENANT, LOCAL_APP } from "../demo";
import { MOCK_MOUNT_PATH } from "../local-lark";

/**
 * The playground: a plain page at `/` (local mode only) that plays Lark's
 * part for a person trying the bot. It seals events in the browser and posts
 * them to /lark/events, and reads the bot's messages back from the Lark mock;
 * these routes only hand it its files and the demo's facts.
 */

const PUBLIC = new URL("./public/", import.meta.url);
const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
};
/** The files of the page; nothing else under public/ is served. */
const FILES = ["index.html", "style.css", "app.js", "seal.js", "card.js", "chat.js", "jobs.js", "guide.js"] as const;
/** VChart draws the cards' charts, as Lark's client does; served from node_modules (no CDN). */
const VCHART = createRequire(import.meta.url).resolve("@visactor/vchart/build/index.min.js");

export interface PlaygroundOptions {
  adminToken: string;
  timeZone: string;
  /** Empties the database and the mock, then seeds the demo again. */
  reset(): Promise<void>;
}

export function playgroundRoutes(opts: PlaygroundOptions) {
  const app = new Hono();
  const cache = new Map<string, string>();
  // Bumped by every reset, so a second open tab notices and reloads instead of mixing old and new.
  let epoch = 1;
  const file = async (path: string | URL) => {
    const key = String(path);
    let text = cache.get(key);
    if (text === undefined) {
      text = await readFile(path, "utf8");
      cache.set(key, text);
    }
    return text;
  };
  const send = (name: string, body: string, maxAge = 0) =>
    new Response(body, {
      headers: {
        "content-type": TYPES[name.split(".").pop()!]!,
        "cache-control": maxAge ? `max-age=${maxAge}` : "no-cache",
      },
    });

  app.get("/", async () => send("index.html", await file(new URL("index.html", PUBLIC))));
  app.get("/playground/vchart.js", async () => send("vchart.js", await file(VCHART), 86_400));
  app.get("/playground/config.json", (c) =>
    c.json({
      app: {
        appId: LOCAL_APP.appId,
        botOpenId: LOCAL_APP.botOpenId,
        botName: LOCAL_APP.botName,
        verificationToken: LOCAL_APP.verificationToken,
        encryptKey: LOCAL_APP.encryptKey,
      },
      tenantKey: DEMO_TENANT,
      mock: MOCK_MOUNT_PATH,
      adminToken: opts.adminToken,
      timeZone: opts.timeZone,
      groups: DEMO_GROUPS,
      office: DEMO_OFFICE,
      epoch,
    }),
  );
  app.get("/playground/epoch", (c) => c.json({ epoch }));
  app.post("/playground/reset", async (c) => {
    await opts.reset();
    epoch += 1;
    return c.json({ ok: true, epoch });
  });
  app.get("/playground/:file", async (c) => {
    const name = c.req.param("file");
    if (!(FILES as readonly string[]).includes(name)) return c.json({ error: "not found" }, 404);
    return send(name, await file(new URL(name, PUBLIC)));
  });
  return app;
}
