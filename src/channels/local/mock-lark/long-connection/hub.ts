/**
 * The mock's side of Lark's long connection, without the socket (server.ts
 * binds it to a real WebSocket server): tickets for the one-time URLs the
 * endpoint hands out, the apps' open connections, and deliveries. As Lark
 * does, a delivery goes to one of the app's connections at random; an event
 * not answered — no connection, the socket died, or the answer was not code
 * 200 — is delivered again (after a reconnect, or `redeliverAfterMs`); a card
 * callback is sent once, and its answer (toast, card) is what the user sees.
 */
import { DEFAULT_CLIENT_CONFIG, type ClientConfig } from "../../../lark/long-connection/endpoint";
import {
  decodeFrame,
  encodeFrame,
  FrameMethod,
  HeaderKey,
  headerOf,
  MessageType,
  type Frame,
} from "../../../lark/long-connection/frame";
import { randomHex } from "../state";

export interface HubConnection {
  send(bytes: Uint8Array): void;
  terminate(): void;
}

export interface DeliveryAnswer {
  /** The code the client answered with (200 handled, 500 failed); 0 when a card callback got no answer. */
  code: number;
  /** The client's `data`, base64-decoded and parsed: a card callback's toast/card. */
  data?: unknown;
  /** How many times it was sent before this answer. */
  attempts: number;
}

export interface PushOptions {
  /** `event` (default) or `card`: the frame's `type` header. */
  type?: "event" | "card";
  /** Split the payload over this many frames (sum/seq headers), as Lark does with large payloads. */
  parts?: number;
  appId?: string;
}

interface Delivery {
  messageId: string;
  appId: string;
  type: "event" | "card";
  bytes: Uint8Array;
  parts: number;
  attempts: number;
  on?: LiveConnection;
  resolve(answer: DeliveryAnswer): void;
}

interface LiveConnection {
  id: number;
  appId: string;
  serviceId: number;
  conn: HubConnection;
  alive: boolean;
  /**
   * Deliveries start after the client's first ping: the SDK's WSClient listens for frames
   * only once its handshake promise has settled, so a frame sent with the handshake is lost.
   */
  ready: boolean;
}

export interface LongConnectionStats {
  connections: number;
  pings: number;
  deliveries: number;
  redeliveries: number;
  answers: number;
  lostAnswers: number;
  /** Events sent again because no answer came within `unansweredAfterMs`. */
  unanswered: number;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const base64Decode = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export function createLongConnectionHub(opts: {
  appExists: (appId: string) => boolean;
  firstApp: () => string | undefined;
  redeliverAfterMs?: number;
  unansweredAfterMs?: number;
}) {
  const tickets = new Map<string, { appId: string; serviceId: number }>();
  const live = new Set<LiveConnection>();
  const queue: Delivery[] = [];
  const inflight = new Map<string, Delivery>();
  let nextId = 1;
  let seq = 1n;
  let loseAnswers = 0;
  const stats: LongConnectionStats = {
    connections: 0,
    pings: 0,
    deliveries: 0,
    redeliveries: 0,
    answers: 0,
    lostAnswers: 0,
    unanswered: 0,
  };
  let clientConfig: ClientConfig = { ...DEFAULT_CLIENT_CONFIG };
  const redeliverAfterMs = opts.redeliverAfterMs ?? 200;
  const unansweredAfterMs = opts.unansweredAfterMs ?? 10_000;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const sendFrames = (c: LiveConnection, d: Delivery) => {
    const size = Math.ceil(d.bytes.length / d.parts);
    const logId = BigInt(Math.floor(Math.random() * 2 ** 48));
    for (let i = 0; i < d.parts; i++) {
      const frame: Frame = {
        seqId: seq++,
        logId,
        service: c.serviceId,
        method: FrameMethod.data,
        headers: [
          { key: HeaderKey.type, value: d.type },
          { key: HeaderKey.messageId, value: d.messageId },
          { key: HeaderKey.sum, value: String(d.parts) },
          { key: HeaderKey.seq, value: String(i) },
          { key: HeaderKey.traceId, value: randomHex(16) },
        ],
        payload: d.bytes.subarray(i * size, Math.min(d.bytes.length, (i + 1) * size)),
      };
      c.conn.send(encodeFrame(frame));
    }
  };

  /** Sends every queued delivery whose app has a connection. */
  const pump = () => {
    for (const d of [...queue]) {
      const options = [...live].filter((c) => c.alive && c.ready && c.appId === d.appId);
      if (!options.length) continue;
      const c = options[Math.floor(Math.random() * options.length)]!;
      queue.splice(queue.indexOf(d), 1);
      d.attempts += 1;
      d.on = c;
      inflight.set(d.messageId, d);
      stats.deliveries += 1;
      if (d.attempts > 1) stats.redeliveries += 1;
      sendFrames(c, d);
      if (d.type === "event") watchAnswer(d, c);
    }
  };

  const requeue = (d: Delivery, delayMs: number) => {
    inflight.delete(d.messageId);
    d.on = undefined;
    if (d.type === "card") {
      // Card callbacks are synchronous: a lost one is an error on the user's screen, not a retry.
      d.resolve({ code: 0, attempts: d.attempts });
      return;
    }
    if (delayMs <= 0) {
      queue.push(d);
      pump();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      queue.push(d);
      pump();
    }, delayMs);
    timers.add(timer);
  };

  /** An event nobody answers is pushed again, as Lark retries an unanswered delivery. */
  const watchAnswer = (d: Delivery, c: LiveConnection) => {
    const attempt = d.attempts;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (inflight.get(d.messageId) === d && d.on === c && d.attempts === attempt) {
        stats.unanswered += 1;
        requeue(d, 0);
      }
    }, unansweredAfterMs);
    timers.add(timer);
  };

  const disconnect = (c: LiveConnection) => {
    if (!c.alive) return;
    c.alive = false;
    live.delete(c);
    for (const d of [...inflight.values()]) if (d.on === c) requeue(d, 0);
  };

  const onAnswer = (c: LiveConnection, frame: Frame) => {
    const d = inflight.get(headerOf(frame, HeaderKey.messageId) ?? "");
    if (!d || d.on !== c) return;
    if (loseAnswers > 0) {
      // The answer is lost on the way (the link dies just then): Lark never saw it, so it delivers again.
      loseAnswers -= 1;
      stats.lostAnswers += 1;
      disconnect(c);
      c.conn.terminate();
      return;
    }
    stats.answers += 1;
    let answer: { code?: number; data?: string } = {};
    try {
      answer = JSON.parse(fromUtf8.decode(frame.payload ?? new Uint8Array())) as typeof answer;
    } catch {
      answer = { code: 500 };
    }
    const code = answer.code ?? 0;
    if (code !== 200 && d.type === "event") return requeue(d, redeliverAfterMs);
    inflight.delete(d.messageId);
    let data: unknown;
    if (answer.data) data = JSON.parse(fromUtf8.decode(base64Decode(answer.data)));
    d.resolve({ code, data, attempts: d.attempts });
  };

  return {
    stats,
    get clientConfig() {
      return clientConfig;
    },
    /** What the endpoint tells clients (seconds); tests make reconnecting quick. */
    setClientConfig(next: Partial<ClientConfig>) {
      clientConfig = { ...clientConfig, ...next };
    },
    issueTicket(appId: string) {
      const ticket = randomHex(16);
      const serviceId = 33554678 + nextId;
      tickets.set(ticket, { appId, serviceId });
      return { ticket, serviceId, deviceId: randomHex(8) };
    },
    /** Takes a ticket (once): the app it was issued to, or undefined. */
    redeem(ticket: string | null) {
      const t = ticket ? tickets.get(ticket) : undefined;
      if (ticket) tickets.delete(ticket);
      return t && opts.appExists(t.appId) ? t : undefined;
    },
    /** A socket opened with a redeemed ticket; returns what to call on its messages and its close. */
    attach(ticket: { appId: string; serviceId: number }, conn: HubConnection) {
      const c: LiveConnection = {
        id: nextId++,
        appId: ticket.appId,
        serviceId: ticket.serviceId,
        conn,
        alive: true,
        ready: false,
      };
      live.add(c);
      stats.connections += 1;
      return {
        message(bytes: Uint8Array) {
          let frame: Frame;
          try {
            frame = decodeFrame(bytes);
          } catch {
            return; // Lark ignores what it cannot read
          }
          if (frame.method === FrameMethod.control && headerOf(frame, HeaderKey.type) === MessageType.ping) {
            stats.pings += 1;
            conn.send(
              encodeFrame({
                ...frame,
                headers: [{ key: HeaderKey.type, value: MessageType.pong }],
                payload: utf8.encode(JSON.stringify(clientConfig)),
              }),
            );
            if (!c.ready) {
              c.ready = true;
              pump();
            }
          } else if (frame.method === FrameMethod.data) onAnswer(c, frame);
        },
        close: () => disconnect(c),
      };
    },
    /**
     * Delivers a payload (an event envelope) as Lark does; resolves with the client's answer.
     * With no connection it waits for one, and a lost delivery of an event is sent again.
     */
    push(payload: unknown, o: PushOptions = {}): Promise<DeliveryAnswer> {
      const appId = o.appId ?? opts.firstApp();
      if (!appId) return Promise.reject(new Error("mock-lark long connection: no app registered"));
      const bytes = utf8.encode(JSON.stringify(payload));
      return new Promise((resolve) => {
        queue.push({
          messageId: `${randomHex(8)}-${randomHex(4)}`,
          appId,
          type: o.type ?? "event",
          bytes,
          parts: Math.max(1, o.parts ?? 1),
          attempts: 0,
          resolve,
        });
        pump();
      });
    },
    /** Kills every open socket at once, as a network drop does; unanswered deliveries wait for the next connection. */
    dropConnections() {
      for (const c of [...live]) {
        disconnect(c);
        c.conn.terminate();
      }
    },
    /** The next `count` answers from clients are lost (and the socket with them), after the client has acted. */
    loseNextAnswers(count = 1) {
      loseAnswers += count;
    },
    /** Connections that are open and have pinged (so deliveries go to them). */
    connectedClients: () => [...live].filter((c) => c.ready).length,
    /** Deliveries not answered yet (queued or sent). */
    pending: () => queue.length + inflight.size,
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      this.dropConnections();
    },
  };
}

export type LongConnectionHub = ReturnType<typeof createLongConnectionHub>;
