import type { z } from "zod";
import type { Lang } from "./kit";

/** The key that names a button's action, and the one that carries a non-Chinese language. */
const ACTION_KEY = "action";
const LANG_KEY = "lang";
/** Buttons sent before the readable keys (December 2026) wrote these; they stay clickable for good. */
const OLD_ACTION_KEY = "a";
const OLD_LANG_KEY = "l";

/**
 * A card button's callback, declared once beside the card that shows it: its id, the
 * value the button carries (a zod schema) and the builder the card calls. The handler
 * (commands/) reads the value with `read`, so both sides agree on one definition.
 */
export interface ButtonAction<V> {
  id: string;
  /** The button's value: the action's id, the fields, and the language when it is not Chinese. */
  value(fields: V, lang: Lang): Record<string, unknown>;
  /** A clicked button's fields, whether it carries today's keys or the one-letter keys of before. */
  read(raw: Record<string, unknown>): z.ZodSafeParseResult<V>;
}

/**
 * `legacy` maps the one-letter keys that buttons already sent in chats carry ("d") to
 * today's names ("decision"); a button lives 14 days in Lark and longer in a chat's history.
 */
export function defineButtonAction<V extends Record<string, unknown>>(def: {
  id: string;
  schema: z.ZodType<V>;
  legacy?: Record<string, keyof V & string>;
}): ButtonAction<V> {
  const legacy: Record<string, string> = def.legacy ?? {};
  return {
    id: def.id,
    value: (fields, lang) => ({ [ACTION_KEY]: def.id, ...fields, ...(lang === "en" ? { [LANG_KEY]: "en" } : {}) }),
    read(raw) {
      const fields: Record<string, unknown> = {};
      // Old keys first, so a value that somehow carries both reads today's.
      for (const [key, v] of Object.entries(raw)) if (legacy[key]) fields[legacy[key]] = v;
      for (const [key, v] of Object.entries(raw))
        if (!legacy[key] && key !== ACTION_KEY && key !== LANG_KEY && key !== OLD_ACTION_KEY && key !== OLD_LANG_KEY)
          fields[key] = v;
      return def.schema.safeParse(fields);
    },
  };
}

/** Which action a clicked button names (today's key or the old `a`). */
export function buttonActionId(raw: Record<string, unknown>): string | undefined {
  const id = raw[ACTION_KEY] ?? raw[OLD_ACTION_KEY];
  return typeof id === "string" ? id : undefined;
}

/** The language a clicked button was written in (today's key or the old `l`). */
export function buttonLang(raw: Record<string, unknown>): Lang {
  return (raw[LANG_KEY] ?? raw[OLD_LANG_KEY]) === "en" ? "en" : "zh";
}
