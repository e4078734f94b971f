/**
 * Delayed card update: `POST /open-apis/interactive/v1/card/update {token, card}`.
 * The token comes from a `card.action.trigger` callback; the mock mints them with `issueCardToken`.
 */
import { Hono } from "hono";
import { badRequest, LarkApiError, LarkCode } from "../errors";
import { guard, readJsonRequest, type MockEnv } from "../context";
import { CARD_MAX_BYTES, checkCard } from "../message-input";
import { randomHex, type MockStore } from "../state";

/** delay-update-message-card: "token 有效期为 30 分钟 … 同一个 token 只能使用 2 次". */
export const CARD_TOKEN_TTL_MS = 30 * 60 * 1000;
export const CARD_TOKEN_MAX_USES = 2;
const CARD_TOKEN_FORMAT = /^c-[0-9a-zA-Z]+$/;

/** Mints the `token` Lark puts in a card callback for the card in `messageId`. */
export const issueCardToken = (store: MockStore, messageId: string): string => {
  if (!store.messagesById.has(messageId))
    throw new Error(`mock-lark: no message ${messageId} to issue a card token for`);
  const token = `c-${randomHex(40)}`;
  store.cardTokens.set(token, { messageId, issuedAt: store.now(), uses: 0 });
  return token;
};

// Lark's documentation lists these codes without an HTTP status; the mock answers 400 like the IM APIs.
const cardError = (code: number, msg: string) => new LarkApiError(400, code, msg);

export const cardRoutes = (store: MockStore) => {
  const app = new Hono<MockEnv>();

  app.post("/open-apis/interactive/v1/card/update", guard(store, "interactive.card.update"), async (c) => {
    const bot = c.get("app");
    const { body, bytes } = await readJsonRequest(c);
    const token = body.token;
    const card = body.card;
    if (typeof token !== "string" || !CARD_TOKEN_FORMAT.test(token)) {
      throw cardError(LarkCode.CARD_TOKEN_MALFORMED, "token format error, expected c-xxxx");
    }
    if (!card || typeof card !== "object" || Array.isArray(card))
      throw cardError(LarkCode.CARD_INVALID, "card is required");

    const issued = store.cardTokens.get(token);
    if (!issued || store.now() - issued.issuedAt >= CARD_TOKEN_TTL_MS) {
      throw cardError(LarkCode.CARD_TOKEN_EXPIRED, "token expired or unknown");
    }
    if (issued.uses >= CARD_TOKEN_MAX_USES) throw cardError(LarkCode.CARD_TOKEN_USED_UP, "token usage exceeds limit");
    const message = store.messagesById.get(issued.messageId);
    if (!message) throw cardError(LarkCode.CARD_TOKEN_EXPIRED, "the card of this token is gone");
    if (message.sender.type !== "app" || message.sender.appId !== bot.appId) {
      throw cardError(LarkCode.CARD_OTHER_APP, "cannot update a card sent by another app");
    }

    const { open_ids: openIds, ...cardJson } = card as { open_ids?: unknown } & Record<string, unknown>;
    const config = cardJson.config as { update_multi?: unknown } | undefined;
    // JSON 2.0 cards are always shared; a 1.0 card is per-user unless config.update_multi is true.
    const shared = cardJson.schema === "2.0" || config?.update_multi === true;
    if (!shared && (!Array.isArray(openIds) || openIds.length === 0)) {
      throw cardError(LarkCode.CARD_OPEN_IDS_REQUIRED, "a card without update_multi:true needs open_ids");
    }
    const content = JSON.stringify(cardJson);
    // The request body is measured here too (the card is an object in it, not an escaped string).
    if (bytes > CARD_MAX_BYTES)
      throw badRequest(LarkCode.CARD_TOO_LARGE, `card is over 30 KB (request body ${bytes} bytes)`);
    checkCard(cardJson);

    issued.uses += 1;
    store.recordEdit(message, {
      via: "card_update",
      content,
      ...(Array.isArray(openIds) && openIds.length ? { openIds: openIds.map(String) } : {}),
    });
    return c.json({ code: LarkCode.OK, msg: "ok" });
  });

  return app;
};
