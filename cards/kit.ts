/**
 * Builders for Lark Card JSON 2.0 — plain data, so tests compare data.
 * Shape: {"schema":"2.0","config":{…},"header":{…},"body":{"elements":[…]}}.
 * Lark rejects unknown properties, so builders emit only documented ones.
 */

import { t, type Lang } from "../src/domain/lang";

// The language pick lives in src/domain (use cases below the cards pick text too); cards take it from here.
export { t, type Lang };

export type HeaderColour =
  | "blue"
  | "wathet"
  | "turquoise"
  | "green"
  | "yellow"
  | "orange"
  | "red"
  | "carmine"
  | "violet"
  | "purple"
  | "indigo"
  | "grey";

export type Element = Record<string, unknown>;

export interface Card {
  schema: "2.0";
  config: { update_multi: true; summary?: { content: string } };
  header: {
    title: { tag: "plain_text"; content: string };
    subtitle?: { tag: "plain_text"; content: string };
    template: HeaderColour;
  };
  body: { elements: Element[] };
}

/** A card with its plain-text rendering, for channels without cards (WeChat) and for search. */
export interface Rendered {
  card: Card;
  text: string;
}

/**
 * Lark's limits for a card message. Elements: "一张卡片最多支持 200 个元素（如 tag 为
 * plain_text 的文本元素）或组件" (cardkit error 300305; im/v1 answers 230099 / 11310), so
 * every object with a `tag` counts, text objects included. Size: "卡片消息、富文本消息请求体
 * 最大不能超过 30 KB" (im/v1/message/create, 230025): the request body, the card escaped
 * inside it. 30 KB is read as 30,000 bytes, the stricter of the two readings of "KB".
 */
export const MAX_ELEMENTS = 200;
export const MAX_CARD_BYTES = 30_000;
/** "卡片中最多可添加 5 个表格" (11310 "card table number over limit"). */
export const MAX_TABLES = 5;

export function card(opts: {
  title: string;
  subtitle?: string;
  colour?: HeaderColour;
  summary?: string;
  elements: Element[];
}): Card {
  return {
    schema: "2.0",
    // update_multi: a card sent to a group is one shared card that updates for everyone.
    config: { update_multi: true, ...(opts.summary ? { summary: { content: opts.summary } } : {}) },
    header: {
      title: { tag: "plain_text", content: opts.title },
      ...(opts.subtitle ? { subtitle: { tag: "plain_text" as const, content: opts.subtitle } } : {}),
      template: opts.colour ?? "blue",
    },
    // Never cut here: a card that would pass Lark's limits is the builder's to split (see pages.ts).
    body: { elements: opts.elements },
  };
}

/** Lark markdown treats these as syntax; user text must not become links or formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_~[\]()<>])/g, "\\$1").replace(/^(\s*)([#>+-]|\d+\.)(?=\s)/gm, "$1\\$2");
}

/**
 * Markdown as plain text for channels without it (WeChat): no bold marks, no
 * code backticks, no escaping backslashes.
 */
export function plainText(md: string): string {
  return md
    .replace(/\*\*/g, "")
    .replace(/`/g, "")
    .replace(/\\([\\`*_~[\]()<>#+-])/g, "$1");
}

export function markdown(
  content: string,
  opts: { size?: "normal" | "notation"; align?: "left" | "center" | "right" } = {},
): Element {
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
    // As wide as its text, as Feishu's own cards draw buttons ("fill" would stretch it across the card).
    width: "default",
    behaviors: [{ type: "callback", value: opts.value }],
    ...(opts.confirm
      ? {
          confirm: {
            title: { tag: "plain_text", content: opts.confirm.title },
            text: { tag: "plain_text", content: opts.confirm.text },
          },
        }
      : {}),
  };
}

/**
 * Buttons side by side, each as wide as its text (columns of width "auto"), as
 * Feishu lays out a card's actions; weighted columns would share the card's
 * whole width between them.
 */
export function buttonRow(buttons: Element[]): Element {
  return {
    tag: "column_set",
    flex_mode: "none",
    columns: buttons.map((b) => ({ tag: "column", width: "auto", elements: [b] })),
  };
}

/**
 * The largest envelope a card travels in: im/v1/messages {receive_id, msg_type, content, uuid}
 * (a reply carries less). Ids are padded past Lark's 35 characters, uuid to its 50.
 */
const ENVELOPE = { receive_id: "x".repeat(64), msg_type: "interactive", uuid: "x".repeat(50) };

/** Size of the card as Lark measures it: the bytes of the request body that carries it, the card escaped inside. */
export function cardBytes(c: Card | Record<string, unknown>): number {
  return new TextEncoder().encode(JSON.stringify({ ...ENVELOPE, content: JSON.stringify(c) })).length;
}

/** Elements as Lark counts them: every object with a `tag`, components and text objects alike, header included. */
export function countElements(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, child) => n + countElements(child), 0);
  if (!node || typeof node !== "object") return 0;
  const own = typeof (node as { tag?: unknown }).tag === "string" ? 1 : 0;
  return Object.values(node).reduce((n: number, child) => n + countElements(child), own);
}

/** Tables in a card: Lark takes at most five. */
export function countTables(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, child) => n + countTables(child), 0);
  if (!node || typeof node !== "object") return 0;
  const own = (node as { tag?: unknown }).tag === "table" ? 1 : 0;
  return Object.values(node).reduce((n: number, child) => n + countTables(child), own);
}

/** Whether Lark would take this card: size, elements and tables. */
export function fitsLark(c: Card): boolean {
  return cardBytes(c) <= MAX_CARD_BYTES && countElements(c) <= MAX_ELEMENTS && countTables(c) <= MAX_TABLES;
}

export interface TableColumn {
  name: string;
  title: string;
  type?: "text" | "number" | "lark_md";
  /** Digits after the point, for numbers. */
  precision?: number;
  width?: string;
  align?: "left" | "center" | "right";
}

/**
 * The Card JSON 2.0 table: rows are objects keyed by column name. Lark pages
 * it (page_size ≤ 10 rows per page) and counts it as one element, however
 * many rows it holds.
 */
export function table(
  columns: TableColumn[],
  rows: Record<string, string | number>[],
  opts: { pageSize?: number } = {},
): Element {
  return {
    tag: "table",
    page_size: Math.min(10, Math.max(1, opts.pageSize ?? 10)),
    row_height: "low",
    header_style: { text_align: "left", text_size: "normal", background_style: "grey", bold: true, lines: 1 },
    columns: columns.map((c) => ({
      name: c.name,
      display_name: c.title,
      data_type: c.type ?? "text",
      ...(c.type === "number" ? { format: { precision: c.precision ?? 2 } } : {}),
      width: c.width ?? "auto",
      horizontal_align: c.align ?? (c.type === "number" ? "right" : "left"),
    })),
    rows,
  };
}

/** Plain-text table for channels without cards: columns padded by display width (CJK counts 2). */
export function textTable(headers: string[], rows: (string | number)[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/u.test(ch) ? 2 : 1), 0);
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ""))));
  return cells
    .map((r) =>
      r
        .map((c, i) => c + " ".repeat(widths[i]! - width(c)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** A chart drawn by Lark from a VChart spec (Card JSON 2.0 `chart`). */
export function chart(
  spec: Record<string, unknown>,
  opts: { aspectRatio?: "1:1" | "2:1" | "4:3" | "16:9" } = {},
): Element {
  return { tag: "chart", aspect_ratio: opts.aspectRatio ?? "16:9", chart_spec: spec };
}

/** A request's state as its decision card shows it: "已批准 · 李主任 · 2026-11-03", or who it waits for. */
export function decisionStatus(
  state: { kind: "pending" } | { kind: "decided"; decision: "approved" | "rejected"; by: string; at: string },
  waiting: string,
  lang: Lang,
): string {
  if (state.kind === "pending") return waiting;
  const word = state.decision === "approved" ? t(lang, "已批准", "Approved") : t(lang, "已驳回", "Rejected");
  return `${word} · ${state.by} · ${state.at}`;
}
