import { z } from "zod";
import { isValidTimeZone } from "./domain/dates";

/**
 * Configuration, exactly the variables ../shared/DESIGN.md lists. Validated
 * once at start: a bad value stops the server with one line naming it.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const urlText = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => URL.canParse(v), { message: `${what} must be a URL` });

export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    DATABASE_URL: z
      .string()
      .trim()
      .default("file:data/appraisal.db")
      .refine((v) => /^(file:|libsql:|https?:|wss?:)/.test(v), {
        message: "DATABASE_URL must start with file:, libsql:, https: or http:",
      }),
    DATABASE_AUTH_TOKEN: optionalText,
    LARK_APP_ID: optionalText,
    LARK_APP_SECRET: optionalText,
    LARK_VERIFICATION_TOKEN: optionalText,
    LARK_ENCRYPT_KEY: optionalText,
    LARK_DOMAIN: urlText("LARK_DOMAIN").default("https://open.feishu.cn"),
    /**
     * How Lark's events and card callbacks reach the bot: `webhook` (Lark POSTs to /lark/events,
     * which needs a public URL) or `ws` (the long connection the bot dials out, Node only).
     */
    LARK_EVENT_MODE: z
      .string()
      .trim()
      .toLowerCase()
      .default("webhook")
      .refine((v): v is "webhook" | "ws" => v === "webhook" || v === "ws", {
        message: "LARK_EVENT_MODE must be webhook or ws",
      })
      .transform((v) => v as "webhook" | "ws"),
    APPRAISAL_TZ: z
      .string()
      .trim()
      .default("Asia/Shanghai")
      .refine(isValidTimeZone, { message: "APPRAISAL_TZ must be an IANA time zone such as Asia/Shanghai" }),
    ADMIN_TOKEN: optionalText,
    /** Where people outside the chat reach the bot's pages (survey links, QR codes): https://bot.example.org */
    PUBLIC_URL: urlText("PUBLIC_URL").optional(),
    /**
     * The app-wide send limits the pacer keeps to, as "50/s,1000/min" (Lark's published limits, the
     * default). Only for an Open API with other limits, such as a test double; never raise it for Lark.
     */
    LARK_SEND_LIMITS: z
      .string()
      .trim()
      .regex(/^\d+\/(s|min)(,\d+\/(s|min))*$/, { message: 'LARK_SEND_LIMITS must look like "50/s,1000/min"' })
      .transform((v) =>
        v
          .split(",")
          .map((part) => ({ limit: Number(part.split("/")[0]), windowMs: part.endsWith("/s") ? 1000 : 60_000 })),
      )
      .optional(),
    /** WeChat bridge: at most one message per this many ms from the account (ban risk; see README). */
    WECHAT_SEND_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(1000, {
        message: "WECHAT_SEND_INTERVAL_MS must be at least 1000 (WeChat restricts accounts that send in bursts)",
      })
      .max(600_000)
      .default(3000),
    /** Where the WeChat login session is kept (Wechaty memory card), so a restart needs no new scan. */
    WECHATY_NAME: z.string().trim().default("data/wechat-session"),
    WECHATY_PUPPET: optionalText,
  })
  .superRefine((c, ctx) => {
    if (c.LARK_APP_ID && !c.LARK_APP_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["LARK_APP_SECRET"],
        message: "LARK_APP_SECRET is required when LARK_APP_ID is set",
      });
    }
    // Over the long connection the bot authenticates itself when it connects; only the webhook needs the token.
    if (c.LARK_APP_ID && c.LARK_EVENT_MODE === "webhook" && !c.LARK_VERIFICATION_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["LARK_VERIFICATION_TOKEN"],
        message:
          "LARK_VERIFICATION_TOKEN is required when LARK_APP_ID is set and events come to the webhook (Lark console → Events & Callbacks → Encryption strategy), or set LARK_EVENT_MODE=ws",
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; throws ConfigError whose message is one line per bad variable. */
export function loadConfig(env: Record<string, unknown>): Config {
  // An empty variable means "not set", as in a .env file with `KEY=`. On Workers, env
  // also holds non-string bindings; only strings are configuration.
  const picked = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === "string" && v.trim() !== ""));
  const result = configSchema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `Invalid configuration: ${i.path.join(".") || "(env)"}: ${i.message}`);
  throw new ConfigError(lines.join("\n"));
}

/** Local mode: no real Lark app configured, so the bot runs against its own mock. */
export function isLocalMode(config: Config): boolean {
  return !config.LARK_APP_ID;
}
