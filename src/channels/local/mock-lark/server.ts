/** Serves a mock on 127.0.0.1 on a free port with @hono/node-server, for tests and benchmarks. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createMockLark, type MockLark } from "./app";
import { attachLongConnectionServer } from "./long-connection/server";
import type { MockLarkOptions } from "./types";

export interface MockLarkServer {
  /** Base URL to give the Lark SDK as `domain`, e.g. `http://127.0.0.1:54321`. */
  url: string;
  mock: MockLark;
  close(): Promise<void>;
}

export interface MockLarkServerOptions extends MockLarkOptions {
  /** Serve an existing mock instead of creating one from the options. */
  mock?: MockLark;
  /** Default 0: the OS picks a free port. */
  port?: number;
}

export const startMockLarkServer = (options: MockLarkServerOptions = {}): Promise<MockLarkServer> => {
  const { mock: given, port = 0, ...mockOptions } = options;
  const mock = given ?? createMockLark(mockOptions);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: mock.app.fetch, port, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      // The long connection's sockets, on the same port as the endpoint that hands out their URLs.
      const sockets = attachLongConnectionServer(server as Server, mock.longConnection);
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        mock,
        close: () =>
          new Promise<void>((done, fail) => {
            mock.releaseHeld();
            sockets.close();
            server.close((err) => (err ? fail(err) : done()));
            // Keep-alive sockets (the SDK's axios, undici) would otherwise hold close() open.
            (server as Server).closeAllConnections?.();
          }),
      });
    });
    server.once("error", reject);
  });
};
