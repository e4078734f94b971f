/**
 * Builders for Lark Card JSON 2.0 — plain data, so tests compare data.
 * Shape: {"schema":"2.0","config":{…},"header":{…},"body":{"elements":[…]}}.
 * Lark rejects unknown properties, so builders emit only documented ones.
 */

export type Lang = "zh" | "en";

/** Picks the user's language: Chinese first, English where the user wrote English. */
export const t = (lang: Lang, zh: string, en: string): string => (lang === "en" ? en : zh);

export type HeaderColour = "blue" | "wathet" | "turquoise" | "green" | "yellow" | "orange" | "red" | "carmine" | "violet" | "purple" | "indigo" | "grey";

export type Element = Record<string, unknown>;

export interface Card {
  schema: "2.0";
  config: { update_multi: true; summary?: { content: string } };
  header: { title: { tag: "plain_text"; content: string }; subtitle?: { tag: "plain_text"; content: string }; template: HeaderColour };
  body: { elements: Element[] };
}

/** A card with its plain-text rendering, for channels without cards (WeChat) and for search. */
export interface Rendered {
  card: Card;
  text: string;
}

/** Lark's limits: at most 200 elements and 30 KB per card message. */
export const MAX_ELEMENTS = 200;
export const MAX_CARD_BYTES = 30 * 1024;

export function card(opts: { title: string; subtitle?: string; colour?: HeaderColour; summary?: string; elements: Element[] }): Card {
  return {
    schema: "2.0",
    // update_multi: a card sent to a group is one shared card that updates for everyone.
    config: { update_multi: true, ...(opts.summary ? { summary: { content: opts.summary } } : {}) },
    header: {
      title: { tag: "plain_text", content: opts.title },
      ...(opts.subtitle ? { subtitle: { tag: "plain_text" as const, content: opts.subtitle } } : {}),
      template: opts.colour ?? "blue",
    },
    body: { elements: opts.elements.slice(0, MAX_ELEMENTS) },
  };
}

/** Lark markdown treats these as syntax; user text must not become links or formatting. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_~[\]()<>])/g, "\\$1")
    .replace(/^(\s*)([#>+-]|\d+\.)(?=\s)/gm, "$1\\$2");
}

export function markdown(content: string, opts: { size?: "normal" | "notation"; align?: "left" | "center" | "right" } = {}): Element {
  return {
    tag: "markdown",
    content,
    ...(opts.size ? { text_size: opts.size } : {}),
    ...(opts.align ? { text_align: opts.align } : {}),
  };
}

export function hr(): Element {
  return { tag: "hr" };
}

export function note(content: string): Element {
  return markdown(content, { size: "notation" });
}

export interface ButtonOptions {
  text: string;
  value: Record<string, unknown>;
  type?: "default" | "primary" | "danger" | "text" | "primary_filled" | "danger_filled";
  confirm?: { title: string; text: string };
}

export function button(opts: ButtonOptions): Element {
  return {
    tag: "button",
    text: { tag: "plain_text", content: opts.text },
    type: opts.type ?? "default",
    behaviors: [{ type: "callback", value: opts.value }],
    ...(opts.confirm
      ? { confirm: { title: { tag: "plain_text", content: opts.confirm.title }, text: { tag: "plain_text", content: opts.confirm.text } } }
      : {}),
  };
}

export function columns(cols: Element[][], opts: { flex?: "none" | "stretch" | "flow" | "bisect" | "trisect" } = {}): Element {
  return {
    tag: "column_set",
    flex_mode: opts.flex ?? "none",
    columns: cols.map((elements) => ({ tag: "column", width: "weighted", weight: 1, elements })),
  };
}

/** Size of the card as Lark measures it: the JSON message content in bytes. */
export function cardBytes(c: Card): number {
  return new TextEncoder().encode(JSON.stringify(c)).length;
}
