/**
 * 方案 typed in chat: showing the scheme in force, and choosing a template or importing JSON.
 * Codes only; cards/scheme-reply.ts says them.
 */
import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import { localDate, type IsoDate } from "../domain/dates";
import { schemeTemplates, type Scheme } from "../domain/scheme";
import type { OutboundMessage } from "../outbox/message";
import { isLeader } from "./authority";
import type { MessageBody } from "./ports";
import { isAdmin } from "./roles";
import {
  approvalOf,
  changeScheme,
  findTemplate,
  schemeInForce,
  type SchemeChange,
  type SchemeInForce,
  type SchemeProposal,
} from "./schemes";

/** 方案 alone: the scheme in force, since when, and who approved it. */
export async function showScheme(
  db: Database,
  group: Group,
): Promise<{ inForce: SchemeInForce; since?: IsoDate; approval: Awaited<ReturnType<typeof approvalOf>> }> {
  const inForce = await schemeInForce(db, group.id);
  const since = inForce.createdAt ? localDate(inForce.createdAt, group.timezone) : undefined;
  const approval = await approvalOf(db, group, inForce);
  return { inForce, ...(since ? { since } : {}), approval };
}

/** What the leader chose: a template by name, or JSON they typed (already parsed, or why it is none). */
export type SchemeChoice =
  | { kind: "use"; name: string }
  | { kind: "import"; parsed: { ok: true; json: unknown } | { ok: false; text: string; error: unknown } };

export type SchemeFromChatResult =
  | { ok: false; code: "not-leader" }
  | { ok: false; code: "no-template"; names: string[] }
  | { ok: false; code: "bad-json"; text: string; error: unknown }
  | Exclude<SchemeChange, { code: "not-leader" }>
  | (Extract<SchemeChange, { code: "proposed" }> & { messages: OutboundMessage[] });

/**
 * 方案 使用 / 导入: staff are refused before their text is read (an admin who is not a leader
 * here may still set it); then the template or JSON is set, or proposed to the office, whose
 * admins each get the proposal card (`proposalCard`, in Chinese).
 */
export async function schemeFromChat(
  deps: { db: Database; proposalCard: (proposal: SchemeProposal, scheme: Scheme) => MessageBody },
  input: { group: Group; member: Member; userId: string; choice: SchemeChoice; now: Date },
): Promise<SchemeFromChatResult> {
  const { db } = deps;
  const { group, member, choice, now } = input;
  if (!isLeader(member) && !(await isAdmin(db, group, input.userId))) return { ok: false, code: "not-leader" };
  let json: unknown;
  let source: string;
  if (choice.kind === "use") {
    const template = findTemplate(choice.name);
    if (!template) return { ok: false, code: "no-template", names: schemeTemplates.map((x) => x.name) };
    json = template.scheme;
    source = `template:${template.id}`;
  } else {
    if (!choice.parsed.ok) return { ok: false, code: "bad-json", text: choice.parsed.text, error: choice.parsed.error };
    json = choice.parsed.json;
    source = "import";
  }
  const change = await changeScheme(db, { group, member, json, source, now });
  if (change.code !== "proposed") return change;
  const body = deps.proposalCard(change.proposal, change.scheme);
  const messages: OutboundMessage[] = change.admins.map((admin) => ({
    key: `scheme-proposal:${change.proposal.id}:${admin.userId}`,
    to: { type: "open_id", id: admin.userId },
    ...body,
  }));
  return { ...change, messages };
}
