/**
 * The long connection's WebSocket server, on the mock's own Node HTTP server:
 * upgrades to `…/ws/v2?ticket=…` with a ticket the endpoint issued; anything
 * else is refused before the handshake, as Lark refuses a stale URL.
 */
import type { IncomingMessage, Server } from "node:http";
import { createRequire } from "node:module";
import type { Duplex } from "node:stream";

// Node's own resolution: the Workers test project resolves "ws" with browser conditions, to a stub
// that throws, and its global setup (Node) serves this mock.
const { WebSocketServer } = createRequire(import.meta.url)("ws") as typeof import("ws");
import { LONG_CONNECTION_PATH } from "../routes/long-connection";
import type { LongConnectionHub } from "./hub";

export function attachLongConnectionServer(server: Server, hub: LongConnectionHub) {
  const wss = new WebSocketServer({ noServer: true });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.endsWith(LONG_CONNECTION_PATH)) return;
    const ticket = hub.redeem(url.searchParams.get("ticket"));
    if (!ticket) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const attached = hub.attach(ticket, {
        send: (bytes) => ws.send(bytes),
        terminate: () => ws.terminate(),
      });
      ws.on("message", (data) =>
        attached.message(new Uint8Array(Array.isArray(data) ? Buffer.concat(data) : (data as Buffer))),
      );
      ws.on("close", attached.close);
      ws.on("error", () => ws.terminate());
    });
  };
  server.on("upgrade", onUpgrade);
  return {
    close() {
      server.off("upgrade", onUpgrade);
      hub.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
