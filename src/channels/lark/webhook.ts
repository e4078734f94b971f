import type { Context } from "hono";
import { z } from "zod";
import type { CardActionAnswer, Update } from "../../bot/update";
import { decryptEvent, DecryptError, sameSignature, signBody } from "./crypto";
import type { BotIdentity } from "./bot-identity";
import { envelopeSchema, EventShapeError } from "./events";
import { BotIdentityUnavailable, updateFromEvent } from "./update-from-event";

/** Lark refuses nothing older than this, and neither do we: a replayed request is stale. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface LarkWebhookOptions {
  verificationToken?: string;
  encryptKey?: string;
  now: () => number;
  /** The bot's open_id, to tell "@bot" from other mentions (asked only for messages with mentions). */
  identity: BotIdentity;
  /** Handles one update; for card actions returns the synchronous answer. */
  handle: (update: Update, c: Context) => Promise<CardActionAnswer | void>;
}

const outerSchema = z.union([
  z.object({ encrypt: z.string() }),
  z.object({ type: z.literal("url_verification"), challenge: z.string(), token: z.string().optional() }),
  envelopeSchema,
]);

/**
 * `outerSchema.safeParse`, without trying the branches that cannot match: a body with no `encrypt`
 * key fails the first (a required string) and one whose `type` is not "url_verification" the second
 * (a literal), so the union's answer is the envelope's. That is every event once decrypted, and a
 * failing union branch builds its issues for nothing (the hot path, docs/BENCHMARKS.md).
 */
function parseOuter(body: unknown) {
  if (typeof body === "object" && body !== null && !Array.isArray(body) && !("encrypt" in body)) {
    if ((body as { type?: unknown }).type !== "url_verification") return envelopeSchema.safeParse(body);
  }
  return outerSchema.safeParse(body);
}

function refuse(c: Context, status: 400 | 401, error: string) {
  return c.json({ error }, status);
}

/**
 * POST /lark/events: events and card callbacks on one URL. Verifies the raw
 * body (signature, timestamp), decrypts, checks the token, answers the URL
 * challenge, then hands a neutral Update to the bot. Never a 500 for a bad
 * request: bad JSON is 400, a bad signature 401.
 */
export function larkWebhook(opts: LarkWebhookOptions) {
  return async (c: Context) => {
    const raw = await c.req.text();

    if (opts.encryptKey) {
      const signature = c.req.header("x-lark-signature");
      const timestamp = c.req.header("x-lark-request-timestamp");
      const nonce = c.req.header("x-lark-request-nonce");
      if (signature || timestamp || nonce) {
        if (!signature || !timestamp || !nonce) return refuse(c, 401, "incomplete signature headers");
        const sentAt = Number(timestamp) * 1000;
        if (!Number.isFinite(sentAt) || Math.abs(opts.now() - sentAt) > MAX_CLOCK_SKEW_MS) {
          return refuse(c, 401, "stale or invalid timestamp");
        }
        const expected = await signBody(timestamp, nonce, opts.encryptKey, raw);
        if (!sameSignature(expected, signature.toLowerCase())) return refuse(c, 401, "bad signature");
      }
    }

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return refuse(c, 400, "malformed JSON");
    }
    let outer = parseOuter(body);
    if (!outer.success) return refuse(c, 400, "not a Lark event");

    const signed = Boolean(c.req.header("x-lark-signature"));
    if ("encrypt" in outer.data) {
      if (!opts.encryptKey) return refuse(c, 400, "encrypted event but LARK_ENCRYPT_KEY is not set");
      try {
        body = JSON.parse(await decryptEvent(outer.data.encrypt, opts.encryptKey));
      } catch (e) {
        return refuse(c, 400, e instanceof DecryptError ? e.message : "malformed encrypted JSON");
      }
      outer = parseOuter(body);
      if (!outer.success || "encrypt" in outer.data) return refuse(c, 400, "not a Lark event");
    } else if (opts.encryptKey) {
      // With an encrypt key configured Lark sends everything encrypted.
      return refuse(c, 401, "expected an encrypted event");
    }
    const data = outer.data;

    const token = "challenge" in data ? data.token : data.header.token;
    if (opts.verificationToken && token !== opts.verificationToken) return refuse(c, 401, "bad verification token");

    if ("challenge" in data) return c.json({ challenge: data.challenge });

    // Lark signs every event and callback when an encrypt key is set; only the
    // URL challenge (answered above) may come unsigned.
    if (opts.encryptKey && !signed) return refuse(c, 401, "missing signature");

    let update: Update;
    try {
      update = await updateFromEvent(data, opts.identity);
    } catch (e) {
      if (e instanceof EventShapeError) return refuse(c, 400, e.message);
      // Not the sender's fault and not lost: Lark retries a failed push (15 s, 5 min, 1 h, 6 h).
      if (e instanceof BotIdentityUnavailable) return c.json({ error: e.message }, 503);
      throw e;
    }
    const answer = await opts.handle(update, c);
    return c.json(update.kind === "card_action" ? (answer ?? {}) : {});
  };
}
