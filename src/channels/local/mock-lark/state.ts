/**
 * The mock's in-memory world: apps, users, chats, messages, tokens, and change notification.
 * Routes mutate it through these few functions so `seq`/`rev` and listeners stay consistent.
 */
import { createSlidingLimiter, LARK_LIMITS, type LarkLimits, type SlidingLimiter } from "./rate-limit";
import type {
  MockApp,
  MockAppInput,
  MockChat,
  MockChatInput,
  MockEdit,
  MockFile,
  MockLarkOptions,
  MockMessage,
  MockStats,
  MockUser,
  MockUserInput,
} from "./types";

export const DEFAULT_APP: MockAppInput = { appId: "cli_mock_app", appSecret: "mock_app_secret" };

/** The tenant_key when none is given: 16 hex, the example value in Lark's event documentation. */
export const MOCK_TENANT_KEY = "736588c9260f175d";

/** Random hex the length of Lark's ids (om_ + 32 hex, oc_ + 32 hex, t- + 40 hex...). */
export const randomHex = (chars: number): string => {
  let out = "";
  while (out.length < chars) out += crypto.randomUUID().replaceAll("-", "");
  return out.slice(0, chars);
};

export interface TenantToken {
  appId: string;
  expiresAt: number;
}

export interface CardToken {
  messageId: string;
  issuedAt: number;
  uses: number;
}

type NewMessage = Omit<MockMessage, "seq" | "rev" | "messageId" | "edits" | "updateTime" | "parsed"> & {
  messageId?: string;
};

export interface MockStore {
  readonly now: () => number;
  readonly tenantKey: string;
  readonly limits: LarkLimits;
  readonly limiter: SlidingLimiter;
  readonly apps: Map<string, MockApp>;
  readonly users: Map<string, MockUser>;
  readonly chats: Map<string, MockChat>;
  readonly messages: MockMessage[];
  readonly messagesById: Map<string, MockMessage>;
  /** `${appId}:${uuid}` → the message that uuid produced, for Lark's one-hour send dedupe. */
  readonly uuids: Map<string, { messageId: string; at: number }>;
  readonly tenantTokens: Map<string, TenantToken>;
  readonly cardTokens: Map<string, CardToken>;
  /** file_key → the file (uploads and files people sent). */
  readonly files: Map<string, MockFile>;
  stats: MockStats;
  addApp(input: MockAppInput): MockApp;
  addUser(input: MockUserInput): MockUser;
  addChat(input: MockChatInput): MockChat;
  /** The p2p chat between `openId` and the app's bot, created on first use as Lark does. */
  p2pChat(appId: string, openId: string): MockChat;
  findUser(idType: string, id: string): MockUser | undefined;
  recordMessage(input: NewMessage): MockMessage;
  recordEdit(message: MockMessage, edit: Omit<MockEdit, "parsed" | "at">): void;
  subscribe(listener: () => void): () => void;
  /** Forget messages, uuids, card tokens, rate windows and stats; keep apps, users, chats, tenant tokens. */
  resetRuntime(): void;
}

export const parseContent = (content: string): unknown => {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
};

const emptyStats = (): MockStats => ({ requests: 0, byRoute: {}, rateLimited: 0, frequencyLimited: 0, faults: 0 });

export const createMockStore = (options: MockLarkOptions = {}): MockStore => {
  const now = options.now ?? (() => Date.now());
  const listeners = new Set<() => void>();
  const p2pIndex = new Map<string, string>();
  let seq = 0;
  let rev = 0;

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  const store: MockStore = {
    now,
    tenantKey: options.tenantKey ?? MOCK_TENANT_KEY,
    limits: { ...LARK_LIMITS, ...options.limits },
    limiter: createSlidingLimiter(now),
    apps: new Map(),
    users: new Map(),
    chats: new Map(),
    messages: [],
    messagesById: new Map(),
    uuids: new Map(),
    tenantTokens: new Map(),
    cardTokens: new Map(),
    files: new Map(),
    stats: emptyStats(),

    addApp(input) {
      const app: MockApp = {
        appId: input.appId,
        appSecret: input.appSecret,
        botOpenId: input.botOpenId ?? `ou_${randomHex(32)}`,
        appName: input.appName ?? "Appraisal Bot",
      };
      store.apps.set(app.appId, app);
      return app;
    },

    addUser(input) {
      const user: MockUser = {
        openId: input.openId,
        name: input.name,
        userId: input.userId ?? `u_${input.openId.replace(/^ou_/, "").slice(0, 8)}`,
        unionId: input.unionId ?? `on_${input.openId.replace(/^ou_/, "")}`,
        available: input.available ?? true,
        ...(input.email ? { email: input.email } : {}),
      };
      store.users.set(user.openId, user);
      return user;
    },

    addChat(input) {
      for (const m of input.members) if (!store.users.has(m.openId)) store.addUser(m);
      const bots = input.bots ?? (input.botInChat === false ? [] : [...store.apps.keys()]);
      const chat: MockChat = {
        chatId: input.chatId,
        name: input.name,
        description: input.description ?? "",
        chatMode: "group",
        ownerOpenId: input.ownerOpenId,
        members: [...new Set(input.members.map((m) => m.openId))],
        bots: new Set(bots),
      };
      store.chats.set(chat.chatId, chat);
      notify();
      return chat;
    },

    p2pChat(appId, openId) {
      const key = `${appId}:${openId}`;
      const existing = p2pIndex.get(key);
      const found = existing ? store.chats.get(existing) : undefined;
      if (found) return found;
      const chat: MockChat = {
        chatId: `oc_${randomHex(32)}`,
        name: "",
        description: "",
        chatMode: "p2p",
        ownerOpenId: openId,
        members: [openId],
        bots: new Set([appId]),
        p2pOpenId: openId,
      };
      store.chats.set(chat.chatId, chat);
      p2pIndex.set(key, chat.chatId);
      return chat;
    },

    findUser(idType, id) {
      if (idType === "open_id") return store.users.get(id);
      for (const user of store.users.values()) {
        if (idType === "user_id" && user.userId === id) return user;
        if (idType === "union_id" && user.unionId === id) return user;
        if (idType === "email" && user.email === id) return user;
      }
      return undefined;
    },

    recordMessage(input) {
      const { messageId, ...rest } = input;
      const message: MockMessage = {
        ...rest,
        seq: ++seq,
        rev: ++rev,
        messageId: messageId ?? `om_${randomHex(32)}`,
        parsed: parseContent(input.content),
        updateTime: input.createTime,
        edits: [],
      };
      store.messages.push(message);
      store.messagesById.set(message.messageId, message);
      notify();
      return message;
    },

    recordEdit(message, edit) {
      const at = now();
      const parsed = parseContent(edit.content);
      message.edits.push({ ...edit, at, parsed });
      message.content = edit.content;
      message.parsed = parsed;
      message.updateTime = at;
      message.rev = ++rev;
      notify();
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    resetRuntime() {
      store.messages.length = 0;
      store.messagesById.clear();
      store.uuids.clear();
      store.cardTokens.clear();
      store.files.clear();
      store.limiter.clear();
      store.stats = emptyStats();
      notify();
    },
  };

  for (const app of options.apps?.length ? options.apps : [DEFAULT_APP]) store.addApp(app);
  for (const user of options.users ?? []) store.addUser(user);
  for (const chat of options.chats ?? []) store.addChat(chat);
  return store;
};
