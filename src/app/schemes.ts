import { DataError } from "../domain/data-error";
import { and, desc, eq, lte, max } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { newId } from "../db/ids";
import { groups, members, schemeProposals, schemes, tenantAdmins, type Group, type Member } from "../db/schema";
import { isAdmin, listAdmins } from "./roles";
import { endOfLocalMonth, localDate, monthOf, type IsoMonth } from "../domain/dates";
import {
  checkSchemeSize,
  LEGACY_DEFAULT_TEMPLATE,
  parseScheme,
  withRules,
  schemeTemplates,
  type FieldError,
  type Scheme,
  type SchemeJson,
} from "../domain/scheme";
import { auditWrite } from "./audit";

/** A group that has chosen nothing is scored with 单位干部 (联村 40 / 业务 40 / 管理学习作风 20). */
export const DEFAULT_TEMPLATE_ID = "unit-staff";

export interface SchemeInForce {
  /** 0 for the default template, which is never stored. */
  version: number;
  scheme: Scheme;
  json: SchemeJson;
  source: string;
  isDefault: boolean;
  createdAt?: Date;
  createdBy?: string | null;
  /** The office admin who set or approved it, and when; null on versions saved before approval existed. */
  approvedBy?: string | null;
  approvedAt?: Date | null;
}

function defaultScheme(): SchemeInForce {
  // Issue 13: the default stays the template as it was (rules 1), so a group that never chose a scheme keeps the
  // figures it was published with; the templates people choose follow the seeds (rules 2).
  const template = LEGACY_DEFAULT_TEMPLATE;
  const parsed = parseScheme(template.scheme);
  if (!parsed.ok) throw new Error(`template ${template.id} is invalid`);
  return {
    version: 0,
    scheme: parsed.scheme,
    json: template.scheme,
    source: `template:${template.id}`,
    isDefault: true,
  };
}

/** The version in force at an instant (the latest created by then), or the newest. */
export async function schemeInForce(db: Database, groupId: string, at?: Date): Promise<SchemeInForce> {
  const [row] = await db
    .select()
    .from(schemes)
    .where(at ? and(eq(schemes.groupId, groupId), lte(schemes.createdAt, at)) : eq(schemes.groupId, groupId))
    .orderBy(desc(schemes.version))
    .limit(1);
  return inForceFrom(row);
}

/** A stored version as in force (the default template where there is none). */
export function inForceFrom(row: typeof schemes.$inferSelect | undefined): SchemeInForce {
  if (!row) return defaultScheme();
  const parsed = parseScheme(row.json);
  // Stored versions were validated when saved; a later, stricter validator must not lose them.
  if (!parsed.ok)
    throw new DataError(
      row.groupId,
      `scheme v${row.version}`,
      `scheme ${row.id} no longer validates: ${parsed.errors[0]?.path ?? ""} ${parsed.errors[0]?.en}`,
    );
  return {
    version: row.version,
    scheme: parsed.scheme,
    json: row.json,
    source: row.source,
    isDefault: false,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt,
  };
}

/**
 * The scheme a month is scored with: the current one for the running month,
 * and for a finished month the version in force when it ended, so a later
 * change of weights never rewrites a past result.
 */
export async function schemeForMonth(db: Database, group: Group, month: IsoMonth, now: Date): Promise<SchemeInForce> {
  const current = monthOf(localDate(now, group.timezone));
  return month >= current
    ? schemeInForce(db, group.id)
    : schemeInForce(db, group.id, endOfLocalMonth(month, group.timezone));
}

export function findTemplate(query: string) {
  const q = query.trim().toLowerCase();
  return (
    schemeTemplates.find((t) => t.name === query.trim() || t.id === q) ??
    schemeTemplates.find((t) => t.name.includes(query.trim()) && query.trim() !== "")
  );
}

export type SaveSchemeResult =
  | { ok: true; version: number; scheme: Scheme; writes: ReturnType<typeof saveWrites> }
  | { ok: false; errors: FieldError[] };

function saveWrites(
  db: Database,
  group: Group,
  version: number,
  scheme: Scheme,
  json: SchemeJson,
  source: string,
  by: { proposedBy: string; approvedBy: string | null },
  now: Date,
) {
  const id = newId("sch", now.getTime());
  return [
    db.insert(schemes).values({
      id,
      groupId: group.id,
      version,
      name: scheme.name,
      json,
      source,
      createdBy: by.proposedBy,
      createdAt: now,
      approvedBy: by.approvedBy,
      approvedAt: by.approvedBy ? now : null,
    }),
    auditWrite(db, {
      groupId: group.id,
      by: by.approvedBy ?? by.proposedBy,
      action: "scheme.set",
      subjectId: id,
      detail: { version, name: scheme.name, source, proposedBy: by.proposedBy },
      now,
    }),
  ];
}

/** A scheme as sent, validated (fields, then size), or every problem found. */
function validScheme(json: unknown): { ok: true; scheme: Scheme } | { ok: false; errors: FieldError[] } {
  const parsed = parseScheme(json);
  if (!parsed.ok) return parsed;
  const tooLarge = checkSchemeSize(parsed.scheme.dimensions);
  return tooLarge.length ? { ok: false, errors: tooLarge } : parsed;
}

/**
 * Validates a scheme the office sets (an admin, 篇5 line 89: the 考评委员会
 * 「全面负责全镇的绩效管理工作」) and prepares its new version, approved by
 * that admin. Two saving at the same moment both pick the same number; the
 * unique index lets one win.
 */
export async function prepareScheme(
  db: Database,
  group: Group,
  json: unknown,
  source: string,
  by: string,
  now: Date,
  /** False where the organisation has no admin yet: nobody approved it. */
  approved = true,
): Promise<SaveSchemeResult> {
  // Issue 13: a scheme saved from now on is computed by the seeds' rules unless it names its own; the rules are
  // written into the stored JSON, so a stored scheme never changes rules when it is read back.
  const stored = withRules(json);
  const valid = validScheme(stored);
  if (!valid.ok) return valid;
  const current = await schemeInForce(db, group.id);
  const version = current.version + 1;
  return {
    ok: true,
    version,
    scheme: valid.scheme,
    writes: saveWrites(
      db,
      group,
      version,
      valid.scheme,
      stored as SchemeJson,
      source,
      { proposedBy: by, approvedBy: approved ? by : null },
      now,
    ),
  };
}

export type SchemeProposal = typeof schemeProposals.$inferSelect;

export type ProposeResult =
  | { ok: true; proposal: SchemeProposal; scheme: Scheme; writes: BatchItem[] }
  | { ok: false; errors: FieldError[] };

/**
 * A group leader's 方案 change is a proposal the office approves (issue 13
 * item 10; 篇5 line 89, 篇9 line 192 「目标审核要严…市绩考办在严格把关」): it is
 * validated now, so the office only ever sees a scheme that would work.
 */
export async function proposeScheme(
  db: Database,
  group: Group,
  json: unknown,
  source: string,
  by: string,
  now: Date,
): Promise<ProposeResult> {
  const stored = withRules(json);
  const valid = validScheme(stored);
  if (!valid.ok) return valid;
  const [last] = await db
    .select({ no: max(schemeProposals.no) })
    .from(schemeProposals)
    .where(eq(schemeProposals.groupId, group.id));
  const proposal: SchemeProposal = {
    id: newId("spr", now.getTime()),
    groupId: group.id,
    no: (last?.no ?? 0) + 1,
    name: valid.scheme.name,
    json: stored as SchemeJson,
    source,
    proposedBy: by,
    status: "pending",
    decidedBy: null,
    decidedAt: null,
    createdAt: now,
  };
  return {
    ok: true,
    proposal,
    scheme: valid.scheme,
    writes: [
      db.insert(schemeProposals).values(proposal),
      auditWrite(db, {
        groupId: group.id,
        by: by,
        action: "scheme.propose",
        subjectId: proposal.id,
        detail: { no: proposal.no, name: proposal.name, source },
        now,
      }),
    ],
  };
}

/** A proposal by its id (card buttons) or by its number in a group (reply commands). */
export async function findProposal(
  db: Database,
  ref: { id: string } | { groupId: string; no: number },
): Promise<SchemeProposal | undefined> {
  const [row] = await db
    .select()
    .from(schemeProposals)
    .where(
      "id" in ref
        ? eq(schemeProposals.id, ref.id)
        : and(eq(schemeProposals.groupId, ref.groupId), eq(schemeProposals.no, ref.no)),
    )
    .limit(1);
  return row;
}

export type ProposalDecision =
  | { ok: false; code: "not-office" | "already-decided"; proposal: SchemeProposal }
  | { ok: true; code: "approved"; proposal: SchemeProposal; version: number; writes: BatchItem[] }
  | { ok: true; code: "rejected"; proposal: SchemeProposal; writes: BatchItem[] };

/**
 * The office decides a proposal once. Approved, it becomes the group's next
 * version, proposed by the leader and approved by the admin, in force from
 * then on (finished months keep theirs, as with any version).
 */
export async function decideProposal(
  db: Database,
  input: {
    proposal: SchemeProposal;
    group: Group;
    decision: "approve" | "reject";
    by: string;
    byIsAdmin: boolean;
    now: Date;
  },
): Promise<ProposalDecision> {
  const { proposal, group, by, now } = input;
  if (!input.byIsAdmin) return { ok: false, code: "not-office", proposal };
  if (proposal.status !== "pending") return { ok: false, code: "already-decided", proposal };
  const status = input.decision === "approve" ? ("approved" as const) : ("rejected" as const);
  const decided = { ...proposal, status, decidedBy: by, decidedAt: now };
  const mark = db
    .update(schemeProposals)
    .set({ status, decidedBy: by, decidedAt: now })
    .where(and(eq(schemeProposals.id, proposal.id), eq(schemeProposals.status, "pending")));
  if (status === "rejected") {
    const audit = auditWrite(db, {
      groupId: group.id,
      by: by,
      action: "scheme.reject",
      subjectId: proposal.id,
      detail: { no: proposal.no, name: proposal.name },
      now,
    });
    return { ok: true, code: "rejected", proposal: decided, writes: [mark, audit] };
  }
  const parsed = parseScheme(proposal.json);
  // Validated when proposed; a later, stricter validator must not lose the proposal silently.
  if (!parsed.ok)
    throw new DataError(group.id, `scheme proposal ${proposal.no}`, "stored proposal no longer validates");
  const version = (await schemeInForce(db, group.id)).version + 1;
  const save = saveWrites(
    db,
    group,
    version,
    parsed.scheme,
    proposal.json,
    proposal.source,
    {
      proposedBy: proposal.proposedBy,
      approvedBy: by,
    },
    now,
  );
  return { ok: true, code: "approved", proposal: decided, version, writes: [mark, ...save] };
}

/** A person's name in a group (or their id's tail when unknown), for the proposal card. */
async function nameIn(db: Database, groupId: string, userId: string): Promise<string> {
  const [m] = await db
    .select({ name: members.name, userId: members.userId })
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.userId, userId)))
    .limit(1);
  if (m?.name) return m.name;
  const [a] = await db.select({ name: tenantAdmins.name }).from(tenantAdmins).where(eq(tenantAdmins.userId, userId));
  return a?.name || `成员${userId.slice(-4)}`;
}

export type SchemeDecisionCase =
  | { ok: false; code: "not-found" }
  | (ProposalDecision & { group: Group; proposer: string; decider: string; weights: string });

/**
 * 批准方案 / 驳回方案 from a card button or a reply: the proposal, found by
 * id or number; only an admin of the proposal's own organisation decides.
 */
export async function decideSchemeCase(
  db: Database,
  input: {
    ref: { id: string } | { groupId: string; no: number };
    tenant: Pick<Group, "platform" | "tenantKey">;
    by: string;
    decision: "approve" | "reject";
    now: Date;
  },
): Promise<SchemeDecisionCase> {
  const proposal = await findProposal(db, input.ref);
  const [group] = proposal ? await db.select().from(groups).where(eq(groups.id, proposal.groupId)).limit(1) : [];
  // Another organisation's proposal is as good as none: nothing about it is told.
  if (!proposal || !group || group.platform !== input.tenant.platform || group.tenantKey !== input.tenant.tenantKey)
    return { ok: false, code: "not-found" };
  const byIsAdmin = await isAdmin(db, group, input.by);
  const outcome = await decideProposal(db, {
    proposal,
    group,
    decision: input.decision,
    by: input.by,
    byIsAdmin,
    now: input.now,
  });
  const parsed = parseScheme(proposal.json);
  const weights = parsed.ok ? parsed.scheme.dimensions.map((d) => `${d.name} ${d.weight}%`).join(" / ") : "";
  return {
    ...outcome,
    group,
    weights,
    proposer: await nameIn(db, group.id, proposal.proposedBy),
    decider: await nameIn(db, group.id, proposal.decidedBy ?? outcome.proposal.decidedBy ?? input.by),
  };
}

/** A proposal's id from its number in a group (reply commands). */
export async function proposalIdByNo(db: Database, groupId: string, no: number): Promise<string | undefined> {
  return (await findProposal(db, { groupId, no }))?.id;
}

export type SchemeChange =
  | { ok: false; code: "invalid"; errors: FieldError[] }
  | { ok: false; code: "not-leader" }
  | {
      ok: true;
      code: "set";
      version: number;
      scheme: Scheme;
      writes: BatchItem[];
      /** The organisation has no admin (绩考办) yet: the leader's scheme applies unapproved. */
      noOffice: boolean;
    }
  | {
      ok: true;
      code: "proposed";
      proposal: SchemeProposal;
      scheme: Scheme;
      writes: BatchItem[];
      /** Who decides it: the organisation's admins (the proposer never decides their own). */
      admins: { userId: string; name: string }[];
    };

/**
 * 方案 使用 / 导入 (issue 13 item 10): the office sets the scheme; a group
 * leader who is not an admin proposes it for the office to approve. In an
 * organisation with no admin yet there is nobody to approve: the leader's
 * scheme applies, recorded as not approved (方案 says so).
 */
export async function changeScheme(
  db: Database,
  input: { group: Group; member: Member; json: unknown; source: string; now: Date },
): Promise<SchemeChange> {
  const { group, member, json, source, now } = input;
  const admins = await listAdmins(db, group);
  const admin = admins.some((a) => a.userId === member.userId);
  if (!admin && member.role !== "leader") return { ok: false, code: "not-leader" };
  if (admin || admins.length === 0) {
    const set = await prepareScheme(db, group, json, source, member.userId, now, admin);
    if (!set.ok) return { ok: false, code: "invalid", errors: set.errors };
    return { ...set, code: "set", noOffice: !admin };
  }
  const proposed = await proposeScheme(db, group, json, source, member.userId, now);
  if (!proposed.ok) return { ok: false, code: "invalid", errors: proposed.errors };
  return { ...proposed, code: "proposed", admins: admins.map((a) => ({ userId: a.userId, name: a.name })) };
}

/** Who approved the version in force and when (by name), or why nobody did. */
export async function approvalOf(
  db: Database,
  group: Group,
  inForce: SchemeInForce,
): Promise<{ kind: "approved"; by: string; at: Date } | { kind: "unapproved" } | { kind: "default" }> {
  if (inForce.isDefault) return { kind: "default" };
  if (!inForce.approvedBy || !inForce.approvedAt) return { kind: "unapproved" };
  return { kind: "approved", by: await nameIn(db, group.id, inForce.approvedBy), at: inForce.approvedAt };
}
