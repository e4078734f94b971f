// A small Hrana-over-HTTP server (JSON, versions 2 and 3) over a libSQL file, so that
// `@libsql/client/web` — in Node or inside workerd — can be tested against a real database without
// sqld. A test stand-in, not sqld: one process, one file, every stream serialised by one lock.
//
// Endpoints (paths relative to the URL given to the client):
//   GET  /v2, /v3                       200: versions supported (JSON encoding)
//   GET  /v3-protobuf                   404: no Protobuf, so probing clients fall back to JSON
//   POST /v2/pipeline, /v3/pipeline     a pipeline of stream requests on a stream named by a baton
//   POST /v3/cursor                     a batch on a stream, answered as newline-delimited JSON
//
// Streams and batons (spec: "Hrana over HTTP"): a request without a baton opens a stream; every
// answer carries a fresh random baton for the next request (the old one stops working), or null once
// the stream is closed. Each stream has its own connection, so an explicit BEGIN lives across
// requests. A stream left idle for `streamIdleMs` (sqld: 10 s) is closed and its transaction rolled back.
//
// Concurrency: the driver is synchronous, so the only real concurrency is a stream holding a
// transaction open between two HTTP requests. One lock covers the database: a request that touches
// it takes the lock, and keeps it for as long as its stream stays inside a transaction. Others wait
// up to `lockTimeoutMs`, then get SQLITE_BUSY. (sqld lets readers through; this stand-in does not.)
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { Connection, toHranaError, resolveSql, type SqlStore, type Version } from "./executor";
import {
  CursorReqBody,
  HranaError,
  PipelineReqBody,
  type CursorEntry,
  type PipelineRespBody,
  type StreamRequest,
  type StreamResponse,
  type StreamResult,
} from "./protocol";

export type HranaServerOptions = {
  /** Path of the libSQL/SQLite file (created if missing). A `file:` prefix is accepted. */
  dbPath: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** When set, requests must carry `Authorization: Bearer <authToken>`. */
  authToken?: string;
  streamIdleMs?: number;
  lockTimeoutMs?: number;
};

export type HranaServer = { url: string; port: number; close(): Promise<void> };

type Stream = { conn?: Connection; sqls: SqlStore; closed: boolean; timer?: NodeJS.Timeout };

class HttpError extends HranaError {
  constructor(
    readonly status: number,
    message: string,
    code: string,
  ) {
    super(message, code);
  }
}

/** One lock for the database file, held by at most one stream. */
class DbLock {
  owner: Stream | undefined;
  #waiters: { stream: Stream; grant: (ok: boolean) => void }[] = [];

  acquire(stream: Stream, timeoutMs: number): Promise<boolean> {
    if (this.owner === stream) return Promise.resolve(true);
    if (this.owner === undefined) {
      this.owner = stream;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const waiter = {
        stream,
        grant: (ok: boolean) => {
          clearTimeout(timer);
          resolve(ok);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  release(stream: Stream): void {
    if (this.owner !== stream) return;
    const next = this.#waiters.shift();
    this.owner = next?.stream;
    next?.grant(true);
  }

  failAll(): void {
    for (const w of this.#waiters.splice(0)) w.grant(false);
  }
}

const DB_REQUESTS = new Set<StreamRequest["type"]>(["execute", "batch", "sequence", "describe"]);

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  const dbPath = options.dbPath.replace(/^file:/, "");
  if (dbPath === ":memory:" || dbPath === "")
    throw new Error("startHranaServer needs a file: every stream has its own connection");
  const streamIdleMs = options.streamIdleMs ?? 10_000;
  const lockTimeoutMs = options.lockTimeoutMs ?? 5_000;

  mkdirSync(dirname(dbPath), { recursive: true });
  // WAL is stored in the file, so setting it once covers every later connection.
  const setup = new Connection(dbPath);
  setup.sequence("PRAGMA journal_mode = WAL;");
  setup.close();

  const lock = new DbLock();
  const streams = new Map<string, Stream>(); // by current baton
  const expired = new Set<string>();
  const open = new Set<Stream>();

  function closeStream(stream: Stream): void {
    stream.closed = true;
    clearTimeout(stream.timer);
    open.delete(stream);
    try {
      stream.conn?.close();
    } finally {
      lock.release(stream);
    }
  }

  function takeStream(baton: string | null | undefined): Stream {
    if (baton === undefined || baton === null) {
      const stream: Stream = { sqls: new Map(), closed: false };
      open.add(stream);
      return stream;
    }
    const stream = streams.get(baton);
    if (stream === undefined) {
      if (expired.has(baton)) throw new HttpError(400, "The stream has expired due to inactivity", "STREAM_EXPIRED");
      throw new HttpError(400, "Invalid baton: unknown, already used, or from a closed stream", "BATON_INVALID");
    }
    streams.delete(baton); // a baton is good for one request
    clearTimeout(stream.timer);
    return stream;
  }

  /** After a request: keep the lock only while inside a transaction; hand out the next baton. */
  function settle(stream: Stream): string | null {
    if (stream.closed) {
      closeStream(stream);
      return null;
    }
    if (stream.conn === undefined || stream.conn.isAutocommit) lock.release(stream);
    const baton = randomBytes(24).toString("base64url");
    streams.set(baton, stream);
    stream.timer = setTimeout(() => {
      streams.delete(baton);
      expired.add(baton); // for a clearer error than "invalid baton", for a while (sqld: 5 min)
      setTimeout(() => expired.delete(baton), 300_000).unref();
      closeStream(stream);
    }, streamIdleMs);
    stream.timer.unref();
    return baton;
  }

  function conn(stream: Stream): Connection {
    stream.conn ??= new Connection(dbPath);
    return stream.conn;
  }

  function handle(stream: Stream, req: StreamRequest, version: Version, locked: boolean): StreamResponse {
    if (stream.closed) throw new HranaError("The stream was closed by an earlier request", "STREAM_CLOSED");
    if (DB_REQUESTS.has(req.type) && !locked)
      throw new HranaError(
        `SQLite error: database is locked (another stream held a transaction for over ${lockTimeoutMs} ms)`,
        "SQLITE_BUSY",
      );
    switch (req.type) {
      case "close":
        stream.closed = true;
        return { type: "close" };
      case "execute":
        return { type: "execute", result: conn(stream).execute(req.stmt, stream.sqls) };
      case "batch":
        return { type: "batch", result: conn(stream).batch(req.batch, stream.sqls, version) };
      case "sequence":
        conn(stream).sequence(resolveSql(req, stream.sqls));
        return { type: "sequence" };
      case "describe":
        return { type: "describe", result: conn(stream).describe(resolveSql(req, stream.sqls)) };
      case "store_sql":
        stream.sqls.set(req.sql_id, req.sql);
        return { type: "store_sql" };
      case "close_sql":
        stream.sqls.delete(req.sql_id);
        return { type: "close_sql" };
      case "get_autocommit":
        if (version < 3) throw new HranaError("get_autocommit requires Hrana 3", "NOT_SUPPORTED");
        return { type: "get_autocommit", is_autocommit: stream.conn?.isAutocommit ?? true };
    }
  }

  async function pipeline(body: PipelineReqBody, version: Version): Promise<PipelineRespBody> {
    const stream = takeStream(body.baton);
    const needsDb = body.requests.some((r) => DB_REQUESTS.has(r.type));
    const locked = lock.owner === stream || (needsDb && (await lock.acquire(stream, lockTimeoutMs)));
    const results = body.requests.map((req): StreamResult => {
      try {
        return { type: "ok", response: handle(stream, req, version, locked) };
      } catch (e) {
        return { type: "error", error: toHranaError(e).toProto() };
      }
    });
    return { baton: settle(stream), base_url: null, results };
  }

  async function cursor(body: CursorReqBody): Promise<string> {
    const stream = takeStream(body.baton);
    const locked = await lock.acquire(stream, lockTimeoutMs);
    let entries: CursorEntry[];
    try {
      if (!locked) throw new HranaError("SQLite error: database is locked", "SQLITE_BUSY");
      entries = conn(stream).cursor(body.batch, stream.sqls, 3);
    } catch (e) {
      entries = [{ type: "error", error: toHranaError(e).toProto() }];
    }
    const baton = settle(stream);
    return [{ baton, base_url: null }, ...entries].map((x) => `${JSON.stringify(x)}\n`).join("");
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://x").pathname.replace(/\/+$/, "");
    if (options.authToken !== undefined && req.headers.authorization !== `Bearer ${options.authToken}`)
      throw new HttpError(401, "Missing or wrong authorization token", "UNAUTHORIZED");
    if (req.method === "GET" && (path === "" || path === "/v2" || path === "/v3")) {
      return send(res, 200, "text/plain", "Hrana over HTTP (JSON), versions 2 and 3: a test stand-in\n");
    }
    const endpoint = req.method === "POST" ? /^\/v([23])\/(pipeline|cursor)$/.exec(path) : null;
    if (endpoint === null || (endpoint[2] === "cursor" && endpoint[1] === "2")) {
      await readBody(req);
      return send(res, 404, "text/plain", `Not found: ${req.method} ${path}\n`);
    }
    const json = parseJson(await readBody(req));
    if (endpoint[2] === "pipeline") {
      const body = PipelineReqBody.safeParse(json);
      if (!body.success) throw new HttpError(400, `Bad pipeline request: ${body.error.message}`, "HRANA_PROTO_ERROR");
      const resp = await pipeline(body.data, Number(endpoint[1]) as Version);
      return send(res, 200, "application/json", JSON.stringify(resp));
    }
    const body = CursorReqBody.safeParse(json);
    if (!body.success) throw new HttpError(400, `Bad cursor request: ${body.error.message}`, "HRANA_PROTO_ERROR");
    return send(res, 200, "text/plain", await cursor(body.data));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      // exactly "application/json": the client only parses an error body with that content type
      if (!res.headersSent) send(res, status, "application/json", JSON.stringify(toHranaError(e).toProto()));
      else res.destroy();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    async close() {
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
      lock.failAll();
      for (const stream of [...open]) closeStream(stream);
      streams.clear();
    },
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "Request body is not valid JSON", "HRANA_PROTO_ERROR");
  }
}
