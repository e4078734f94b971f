import WebSocket from "ws";
import type { Logger } from "../../../bot/deps";
import {
  DEFAULT_CLIENT_CONFIG,
  EndpointError,
  fetchEndpoint,
  sanitizeClientConfig,
  type ClientConfig,
  type Endpoint,
} from "./endpoint";
import { createFragmentBuffer } from "./fragments";
import { decodeFrame, encodeFrame, FrameMethod, HeaderKey, headerOf, MessageType, type Frame } from "./frame";

/**
 * The long connection to Lark (Feishu's 「长连接」, the SDK's WSClient), written
 * against the protocol rather than wrapping the SDK's client, because the bot
 * needs two things that client does not give: card callbacks that arrive as
 * `card` frames (the SDK answers only `event` frames, so such a click would
 * time out with 200340), and the handler's answer (toast, updated card) in
 * the response frame for every kind of frame. The protocol:
 *
 * 1. `POST /callback/ws/endpoint` → a one-time `wss://` URL and ClientConfig.
 * 2. A ping control frame every PingInterval s; the pong carries a new ClientConfig.
 * 3. Data frames (`type` event or card), possibly split in parts (`sum`/`seq`
 *    under one `message_id`); the client answers each whole payload with the
 *    same frame carrying `{"code":200,"data":base64(JSON answer)}` (500 on failure).
 * 4. When the socket drops: reconnect after a random part of ReconnectNonce,
 *    then every ReconnectInterval. Lark delivers again what was not answered;
 *    the bot's dedupe (processed_events) makes a second delivery a no-op.
 *    ReconnectCount is not taken as a limit: a bot that stops listening for
 *    good is worse than one that keeps trying at the pace Lark asks for.
 */

export interface LongConnectionOptions {
  appId: string;
  appSecret: string;
  domain: string;
  fetch?: typeof fetch;
  log: Logger;
  /**
   * One delivered payload (the event envelope, as Lark would POST it). Resolves with the
   * answer for Lark (a card callback's toast/card) or undefined; throws to have it delivered again.
   */
  handle: (payload: unknown) => Promise<unknown>;
}

export interface LongConnection {
  /**
   * Settles after the first attempt: resolves once connected, or once a transient failure
   * has been logged (retries continue); rejects when Lark refuses the app's credentials.
   */
  started: Promise<void>;
  isConnected(): boolean;
  /** Resolves once `count` connections have opened in all (1 = the first, 2 = after one reconnect…). */
  whenConnected(count?: number): Promise<void>;
  close(): Promise<void>;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function eventIdOf(payload: unknown): string | undefined {
  const id = (payload as { header?: { event_id?: unknown } } | null)?.header?.event_id;
  return typeof id === "string" && id ? id : undefined;
}

export function startLongConnection(opts: LongConnectionOptions): LongConnection {
  const { log } = opts;
  const fragments = createFragmentBuffer();
  /** Payloads being handled, by event id: a second delivery meanwhile gets the first one's answer. */
  const inflight = new Map<string, Promise<unknown>>();
  let closed = false;
  let socket: WebSocket | undefined;
  let opened = 0;
  let config: ClientConfig = DEFAULT_CLIENT_CONFIG;
  let waiters: { count: number; resolve: () => void }[] = [];
  let wake: (() => void) | undefined;

  let settleStarted: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  const started = new Promise<void>((resolve, reject) => (settleStarted = { resolve, reject }));
  const firstAttemptDone = (error?: unknown) => {
    if (error) settleStarted?.reject(error);
    else settleStarted?.resolve();
    settleStarted = undefined;
  };

  /** Waits, unless close() cuts it short. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
    });

  const send = (ws: WebSocket, frame: Frame) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(encodeFrame(frame), (error) => {
      if (error) log.warn("long connection: a frame was not sent", { error: String(error) });
    });
  };

  async function onData(ws: WebSocket, frame: Frame) {
    const type = headerOf(frame, HeaderKey.type);
    if (type !== MessageType.event && type !== MessageType.card) return;
    const messageId = headerOf(frame, HeaderKey.messageId) ?? "";
    let whole: Uint8Array | undefined;
    try {
      whole = fragments.add(
        messageId,
        Number(headerOf(frame, HeaderKey.sum) ?? "1"),
        Number(headerOf(frame, HeaderKey.seq) ?? "0"),
        frame.payload ?? new Uint8Array(),
      );
    } catch (error) {
      log.error("long connection: a malformed part was dropped", { messageId, error: String(error) });
      return;
    }
    if (!whole) return;
    const startedAt = Date.now();
    let answer: { code: number; data?: string };
    try {
      const payload: unknown = JSON.parse(fromUtf8.decode(whole));
      const key = eventIdOf(payload) ?? `frame:${messageId}`;
      let handling = inflight.get(key);
      if (!handling) {
        handling = opts.handle(payload).finally(() => inflight.delete(key));
        inflight.set(key, handling);
      }
      const result = await handling;
      answer = {
        code: 200,
        ...(result === undefined ? {} : { data: Buffer.from(JSON.stringify(result)).toString("base64") }),
      };
    } catch (error) {
      log.error("long connection: handling failed; Lark will deliver it again", {
        messageId,
        type,
        error: String(error),
      });
      answer = { code: 500 };
    }
    send(ws, {
      ...frame,
      headers: [...frame.headers, { key: HeaderKey.bizRt, value: String(Date.now() - startedAt) }],
      payload: utf8.encode(JSON.stringify(answer)),
    });
  }

  function onControl(frame: Frame) {
    if (headerOf(frame, HeaderKey.type) !== MessageType.pong || !frame.payload?.length) return;
    try {
      config = sanitizeClientConfig(JSON.parse(fromUtf8.decode(frame.payload)) as Partial<ClientConfig>, config);
    } catch (error) {
      log.warn("long connection: unreadable pong", { error: String(error) });
    }
  }

  /** One connection, from handshake to close; resolves whether it ever opened. */
  const session = (endpoint: Endpoint) =>
    new Promise<boolean>((resolve) => {
      let wasOpen = false;
      let pingTimer: ReturnType<typeof setTimeout> | undefined;
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const ws = new WebSocket(endpoint.url, { handshakeTimeout: 15_000 });
      socket = ws;
      const ping = () => {
        send(ws, {
          seqId: 0n,
          logId: 0n,
          service: endpoint.serviceId,
          method: FrameMethod.control,
          headers: [{ key: HeaderKey.type, value: MessageType.ping }],
        });
        // A connection that stays silent for a whole interval after a ping is dead (a half-open TCP link never closes by itself).
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          log.warn("long connection: no answer to ping, reconnecting");
          ws.terminate();
        }, config.PingInterval * 1000);
        pingTimer = setTimeout(ping, config.PingInterval * 1000);
      };
      ws.on("open", () => {
        wasOpen = true;
        opened += 1;
        log.info("long connection open", { connections: opened });
        firstAttemptDone();
        waiters = waiters.filter((w) => (opened >= w.count ? (w.resolve(), false) : true));
        ping();
      });
      ws.on("message", (data) => {
        clearTimeout(watchdog);
        let frame: Frame;
        try {
          frame = decodeFrame(toBytes(data));
        } catch (error) {
          log.error("long connection: undecodable frame", { error: String(error) });
          return;
        }
        if (frame.method === FrameMethod.control) onControl(frame);
        else if (frame.method === FrameMethod.data) void onData(ws, frame);
      });
      ws.on("error", (error) => log.warn("long connection error", { error: String(error) }));
      ws.on("close", () => {
        clearTimeout(pingTimer);
        clearTimeout(watchdog);
        if (socket === ws) socket = undefined;
        resolve(wasOpen);
      });
    });

  const loop = (async () => {
    while (!closed) {
      let endpoint: Endpoint;
      try {
        endpoint = await fetchEndpoint(opts);
      } catch (error) {
        const refused = error instanceof EndpointError && !error.retryable;
        if (refused && opened === 0) {
          firstAttemptDone(error);
          return;
        }
        log.error("long connection: no endpoint, retrying", {
          retryInS: config.ReconnectInterval,
          error: String(error),
        });
        firstAttemptDone();
        await pause(config.ReconnectInterval * 1000);
        continue;
      }
      config = endpoint.config;
      if (closed) break;
      const wasOpen = await session(endpoint);
      if (closed) break;
      if (wasOpen) {
        // Lark asks for a random delay before the first retry, so its clients do not all return at once.
        const delay = Math.random() * config.ReconnectNonce * 1000;
        log.warn("long connection dropped, reconnecting", { inMs: Math.round(delay) });
        await pause(delay);
      } else {
        log.error("long connection could not open, retrying", { retryInS: config.ReconnectInterval });
        firstAttemptDone();
        await pause(config.ReconnectInterval * 1000);
      }
    }
  })();

  return {
    started,
    isConnected: () => socket?.readyState === WebSocket.OPEN,
    whenConnected(count = 1) {
      if (opened >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      closed = true;
      wake?.();
      socket?.terminate();
      await loop;
      await Promise.allSettled([...inflight.values()]);
      fragments.clear();
    },
  };
}
