import * as lark from "@larksuiteoapi/node-sdk";
import type { ChatDirectory, DirectoryMember } from "../../app/ports";
import type { OutgoingMessage, SendResult, MessageSender } from "../../outbox/sender";
import type { FileDownloader } from "../../app/ports";
import { createLarkFiles } from "./files";
import { createFetchHttpInstance, DEFAULT_TIMEOUT_MS, LarkHttpError } from "./http-instance";
import { createTokenCache } from "./token-cache";
import { classify, isTokenError, refusal } from "./errors";

export interface LarkOpenApiOptions {
  appId: string;
  appSecret: string;
  /** Open API base URL: https://open.feishu.cn, https://open.larksuite.com, or a mock. */
  domain: string;
  fetch?: typeof fetch;
  /** Per request; a send that times out is retried with the same uuid. */
  timeoutMs?: number;
}

export interface LarkOpenApi extends ChatDirectory, MessageSender, FileDownloader {
  /** One look-up of the bot's open_id (token + GET /open-apis/bot/v3/info); rejects on failure. Cached by `createBotIdentity`. */
  botOpenId(): Promise<string | undefined>;
}

/** Lark's `uuid` is at most 50 characters; longer idempotency keys are hashed down. */
async function larkUuid(key: string): Promise<string> {
  if (key.length <= 50) return key;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)));
  return Array.from(digest.subarray(0, 20), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function createLarkOpenApi(opts: LarkOpenApiOptions): LarkOpenApi {
  const tokens = createTokenCache();
  /** Runs a call; if Lark says the cached token is no longer valid, fetches a new one and tries once more. */
  const withFreshToken = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (!isTokenError(error)) throw error;
      tokens.clear();
      return call();
    }
  };
  const client = new lark.Client({
    cache: tokens.cache,
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.domain.replace(/\/+$/, ""),
    httpInstance: createFetchHttpInstance(opts.fetch, opts.timeoutMs),
    // The SDK would print every refused call; the outbox records them (lastError) and decides.
    // (A no-op logger: LoggerLevel.fatal is 0, which the SDK reads as "unset".)
    logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {} },
  });
  const files = createLarkFiles({
    domain: opts.domain,
    fetch: opts.fetch,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    token: () => (client.tokenManager as { getTenantAccessToken(): Promise<string> }).getTenantAccessToken(),
    clearToken: () => tokens.clear(),
  });

  return {
    uploadFile: files.uploadFile,
    download: files.download,
    async botOpenId() {
      const res = await withFreshToken(() =>
        client.request<{ code?: number; msg?: string; bot?: { open_id?: string } }>({
          method: "GET",
          url: "/open-apis/bot/v3/info",
        }),
      );
      if (res.code) throw new Error(`bot/v3/info: code ${res.code} ${res.msg ?? ""}`);
      return res.bot?.open_id;
    },

    async getChat(chatId) {
      const res = await withFreshToken(() =>
        client.im.chat.get({ path: { chat_id: chatId }, params: { user_id_type: "open_id" } }),
      );
      if (res.code !== 0) throw new Error(`im.chat.get ${chatId}: code ${res.code} ${res.msg}`);
      // Asked with user_id_type=open_id, so owner_id is an open_id.
      return { name: res.data?.name ?? "", ownerId: res.data?.owner_id || undefined };
    },

    async listMembers(chatId) {
      const out: DirectoryMember[] = [];
      let pageToken: string | undefined;
      // Bots are left out by Lark, so a page can be short: follow has_more, not the count.
      do {
        const params = {
          member_id_type: "open_id" as const,
          page_size: 100,
          ...(pageToken ? { page_token: pageToken } : {}),
        };
        const res = await withFreshToken(() => client.im.chatMembers.get({ path: { chat_id: chatId }, params }));
        if (res.code !== 0) throw new Error(`im.chatMembers.get ${chatId}: code ${res.code} ${res.msg}`);
        for (const item of res.data?.items ?? [])
          if (item.member_id) out.push({ userId: item.member_id, name: item.name ?? "" });
        pageToken = res.data?.has_more ? res.data.page_token : undefined;
      } while (pageToken);
      return out;
    },

    async prepare() {
      // The SDK's token manager fetches and caches the tenant token (tokenManager is untyped).
      await (client.tokenManager as { getTenantAccessToken(): Promise<string> }).getTenantAccessToken();
    },

    async send(message: OutgoingMessage): Promise<SendResult> {
      const uuid = await larkUuid(message.key);
      try {
        if (message.receiveIdType === "update") {
          // Card updates are idempotent by nature: the same content twice is the same card.
          const res = await withFreshToken(() =>
            client.im.message.patch({ path: { message_id: message.receiveId }, data: { content: message.content } }),
          );
          if (res.code !== 0) return { ok: false, retry: false, error: `code ${res.code}: ${res.msg}` };
          return { ok: true, messageId: message.receiveId };
        }
        const { receiveIdType } = message;
        const res = await withFreshToken(() =>
          receiveIdType === "reply"
            ? client.im.message.reply({
                path: { message_id: message.receiveId },
                data: { msg_type: message.msgType, content: message.content, uuid },
              })
            : client.im.message.create({
                params: { receive_id_type: receiveIdType },
                data: { receive_id: message.receiveId, msg_type: message.msgType, content: message.content, uuid },
              }),
        );
        if (res.code !== 0) return refusal(res.code, `code ${res.code}: ${res.msg}`);
        return { ok: true, messageId: res.data?.message_id ?? "" };
      } catch (error) {
        return classify(error);
      }
    },
  };
}
