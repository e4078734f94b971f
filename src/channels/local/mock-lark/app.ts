/**
 * `createMockLark`: a Lark-compatible Open API as a Hono app, plus the handles tests and the
 * playground use to seed it, watch it and break it. Mount `mock.app` anywhere (`app.route("/", mock.app)`)
 * or serve it alone with `startMockLarkServer`.
 */
import { Hono } from "hono";
import { LarkApiError, LarkCode, renderLarkError } from "./errors";
import { createFaults, faultMiddleware, type FaultSpec } from "./faults";
import { authRoutes } from "./routes/auth";
import { cardRoutes, issueCardToken } from "./routes/cards";
import { chatRoutes } from "./routes/chats";
import { fileRoutes, storeFile } from "./routes/files";
import { addUserMessage, inspectRoutes, type UserMessageInput } from "./routes/inspect";
import { messageRoutes } from "./routes/messages";
import { longConnectionRoutes } from "./routes/long-connection";
import { createLongConnectionHub, type LongConnectionHub } from "./long-connection/hub";
import { createMockStore, type MockStore } from "./state";
import type {
  MockApp,
  MockAppInput,
  MockChat,
  MockChatInput,
  MockLarkOptions,
  MockMessage,
  MockStats,
  MockUser,
  MockUserInput,
} from "./types";

export interface SentFilter {
  chatId?: string;
  /** Messages in the p2p chat with this user. */
  openId?: string;
  appId?: string;
}

export interface WaitOptions {
  count?: number;
  timeoutMs?: number;
}

export interface MockLark {
  /** The Hono app: `/open-apis/...` as Lark, `/mock/...` for inspection. */
  readonly app: Hono;
  /**
   * Lark's long connection: the endpoint is served by `app`; the sockets need a Node server
   * (`startMockLarkServer` attaches them). Push events and card callbacks here, drop the link.
   */
  readonly longConnection: LongConnectionHub;
  /** The raw in-memory state, for assertions the helpers below do not cover. */
  readonly store: MockStore;
  addApp(input: MockAppInput): MockApp;
  addUser(input: MockUserInput): MockUser;
  addChat(input: MockChatInput): MockChat;
  setBotInChat(chatId: string, inChat: boolean, appId?: string): void;
  /** The registered bot (the first app unless `appId` is given): app id, secret, open_id, name. */
  bot(appId?: string): MockApp;
  /** A message a person sent, so the bot can reply to its message_id. */
  addUserMessage(input: UserMessageInput): MockMessage;
  /** A file a person sent in a chat (a `file` message whose resource the bot can download). */
  addUserFile(input: { chatId: string; openId: string; fileName: string; bytes: Uint8Array }): MockMessage;
  /** Messages bots sent, oldest first, optionally in one chat / to one user / from one app. */
  sentMessages(filter?: SentFilter): MockMessage[];
  message(messageId: string): MockMessage | undefined;
  /** Resolves with the first `count` (default 1) messages matching `predicate` (default: sent by a bot). */
  waitForMessages(predicate?: (m: MockMessage) => boolean, options?: WaitOptions): Promise<MockMessage[]>;
  /** The `token` a card callback carries: 30 minutes, 2 uses, on `interactive/v1/card/update`. */
  issueCardToken(messageId: string): string;
  failNext(spec: FaultSpec): void;
  /**
   * Lark stops honouring the tenant tokens issued so far (expired early, app secret reset): the
   * next call with one is answered 99991663, and the token endpoint issues a new one.
   */
  revokeTokens(): void;
  /** Lets requests held open by a `drop`, `hold` or `inFlight` fault finish (the server's `close()` does this). */
  releaseHeld(): void;
  /** How many requests a `hold` fault is holding right now. */
  heldRequests(): number;
  /** Forgets messages, uuids, card tokens, rate windows, faults and stats; keeps apps, users, chats, tokens. */
  reset(): void;
  stats(): MockStats;
}

const bySentFilter =
  (store: MockStore, f: SentFilter) =>
  (m: MockMessage): boolean => {
    if (m.sender.type !== "app") return false;
    if (f.appId && m.sender.appId !== f.appId) return false;
    if (f.chatId && m.chatId !== f.chatId) return false;
    if (f.openId && store.chats.get(m.chatId)?.p2pOpenId !== f.openId) return false;
    return true;
  };

export const createMockLark = (options: MockLarkOptions = {}): MockLark => {
  const store = createMockStore(options);
  const faults = createFaults();
  const app = new Hono();

  app.onError((err) =>
    renderLarkError(
      err instanceof LarkApiError ? err : new LarkApiError(500, 500, `mock-lark internal error: ${String(err)}`),
    ),
  );
  app.notFound((c) =>
    c.req.path.startsWith("/open-apis/")
      ? renderLarkError(new LarkApiError(404, LarkCode.NOT_FOUND))
      : c.json({ error: "not found" }, 404),
  );
  const longConnection = createLongConnectionHub({
    appExists: (appId) => store.apps.has(appId),
    firstApp: () => store.apps.keys().next().value,
  });
  app.use("/open-apis/*", faultMiddleware(store, faults));
  app.use("/callback/*", faultMiddleware(store, faults));
  app.route("/", longConnectionRoutes(store, longConnection));
  app.route("/", authRoutes(store));
  app.route("/", chatRoutes(store));
  app.route("/", messageRoutes(store));
  app.route("/", fileRoutes(store));
  app.route("/", cardRoutes(store));
  app.route("/", inspectRoutes(store));

  const firstApp = (): MockApp => {
    const first = store.apps.values().next().value;
    if (!first) throw new Error("mock-lark: no app registered");
    return first;
  };

  const botFor = (appId?: string): MockApp => {
    if (!appId) return firstApp();
    const found = store.apps.get(appId);
    if (!found) throw new Error(`mock-lark: no app ${appId}`);
    return found;
  };

  return {
    app,
    longConnection,
    store,
    addApp: (input) => store.addApp(input),
    addUser: (input) => store.addUser(input),
    addChat: (input) => store.addChat(input),
    setBotInChat(chatId, inChat, appId) {
      const chat = store.chats.get(chatId);
      if (!chat) throw new Error(`mock-lark: no chat ${chatId}`);
      const id = botFor(appId).appId;
      if (inChat) chat.bots.add(id);
      else chat.bots.delete(id);
    },
    bot: botFor,
    addUserMessage: (input) => addUserMessage(store, input),
    addUserFile({ chatId, openId, fileName, bytes }) {
      const file = storeFile(store, { fileName, fileType: "stream", bytes, owner: { type: "user", openId } });
      return addUserMessage(store, {
        chatId,
        openId,
        msgType: "file",
        content: JSON.stringify({ file_key: file.fileKey, file_name: fileName }),
      });
    },
    sentMessages: (filter = {}) => store.messages.filter(bySentFilter(store, filter)),
    message: (messageId) => store.messagesById.get(messageId),
    waitForMessages(predicate = (m) => m.sender.type === "app", { count = 1, timeoutMs = 5000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = store.messages.filter(predicate);
          if (found.length < count) return false;
          done();
          resolve(found.slice(0, count));
          return true;
        };
        // Event-driven: re-check whenever the store changes, no polling.
        const unsubscribe = store.subscribe(check);
        const timer = setTimeout(() => {
          done();
          const have = store.messages.filter(predicate).length;
          reject(new Error(`mock-lark: waited ${timeoutMs} ms for ${count} matching message(s), have ${have}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          unsubscribe();
        };
        check();
      });
    },
    issueCardToken: (messageId) => issueCardToken(store, messageId),
    failNext: (spec) => faults.add(spec),
    revokeTokens: () => store.tenantTokens.clear(),
    releaseHeld: () => faults.release(),
    heldRequests: () => faults.held(),
    reset() {
      faults.clear();
      store.resetRuntime();
    },
    stats: () => structuredClone(store.stats),
  };
};
