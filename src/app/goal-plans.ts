import { and, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { BatchItem, Database } from "../db/database";
import { newId } from "../db/ids";
import { goalPlans, goals, groups, members, type Goal, type GoalPlan, type Group, type Member } from "../db/schema";
import { daysInMonth } from "../domain/dates";
import { monthsOfGoalPeriod, type GoalPeriod } from "../domain/goals";
import { indexScheme } from "../domain/scheme";
import { boundLeaves } from "../domain/targets/bound";
import type { TargetCurve, TargetDirection } from "../domain/targets/curve";
import { auditWrite } from "./audit";
import { goalOwners, goalsCovering } from "./goals";
import { isAdmin, listAdmins } from "./roles";
import { schemeInForce } from "./schemes";
import { displayName } from "./scores";

/**
 * 目标计划书 (issue 14 item 1; 篇9 line 192 「目标审核要严」, 篇8 line 165 「明确了责任主体，完成时效，和考核标准」):
 * a group leader submits the group's targets for a period, the office (an admin) approves them once, and the
 * plan is published to the group. Only targets in an approved plan score an indicator bound to them.
 */

/** One line of a plan: who answers for what, by when, judged how. */
export interface PlanRow {
  seq: number;
  /** 责任主体: a person's name, or null for the whole group. */
  owner: string | null;
  /** The indicator it is bound to (its name), if any. */
  indicator: string | null;
  title: string;
  direction: TargetDirection;
  planned: number;
  unit: string;
  /** 完成时效: the day given, or the last day of the target's period. */
  deadline: string;
  /** 考核标准 as written; null where the bound indicator's curve is the standard. */
  standard: string | null;
  /** The curve of the bound indicator (null: the target is tracked, not scored). */
  curve: TargetCurve | null;
}

export interface PlanView {
  plan: GoalPlan;
  group: Group;
  rows: PlanRow[];
  proposer: string;
  decider: string | null;
}

/** The last day a period covers (a month, a quarter or a year). */
export function periodEnd(period: GoalPeriod): string {
  const last = monthsOfGoalPeriod(period).at(-1)!;
  return `${last}-${String(daysInMonth(last)).padStart(2, "0")}`;
}

/** The rows of a plan: its targets as they stand, in number order. */
export async function planRows(db: Database, group: Group, list: readonly Goal[]): Promise<PlanRow[]> {
  const [{ scheme }, owners] = await Promise.all([schemeInForce(db, group.id), goalOwners(db, list)]);
  const names = new Map(indexScheme(scheme).nodes.map((n) => [n.node.key, n.node.name]));
  const curves = new Map(boundLeaves(scheme).map((l) => [l.key, l.curve]));
  return [...list]
    .sort((a, b) => a.seq - b.seq)
    .map((g) => ({
      seq: g.seq,
      owner: g.memberId ? (owners.get(g.memberId) ?? "—") : null,
      indicator: g.dimension ? (names.get(g.dimension) ?? g.dimension) : null,
      title: g.title,
      direction: g.direction,
      planned: g.planned,
      unit: g.unit,
      deadline: g.deadline ?? periodEnd(g.period),
      standard: g.standard,
      curve: g.dimension ? (curves.get(g.dimension) ?? null) : null,
    }));
}

/** Targets of a period not yet in an approved plan: what a new plan submits. */
async function unplanned(db: Database, group: Group, period: GoalPeriod): Promise<Goal[]> {
  const inside = new Set(monthsOfGoalPeriod(period));
  const list = await goalsCovering(db, group, monthsOfGoalPeriod(period));
  return list.filter((g) => !g.planId && monthsOfGoalPeriod(g.period).every((m) => inside.has(m)));
}

export type ProposePlanResult =
  | { ok: false; code: "not-leader" | "nothing" }
  | { ok: true; code: "proposed"; view: PlanView; admins: { userId: string; name: string }[]; writes: BatchItem[] }
  /** Proposed by an admin, or in an organisation without one (nobody else to approve): approved at once. */
  | { ok: true; code: "approved"; view: PlanView; noOffice: boolean; writes: BatchItem[] };

/** 目标计划书 [period]: a leader submits the period's unplanned targets; the office approves. */
export async function proposeGoalPlan(
  db: Database,
  input: { group: Group; member: Member; period: GoalPeriod; now: Date },
): Promise<ProposePlanResult> {
  const { group, member, period, now } = input;
  const admins = await listAdmins(db, group);
  const admin = admins.some((a) => a.userId === member.userId);
  if (!admin && member.role !== "leader") return { ok: false, code: "not-leader" };
  const list = await unplanned(db, group, period);
  if (!list.length) return { ok: false, code: "nothing" };
  const [last] = await db
    .select({ no: max(goalPlans.no) })
    .from(goalPlans)
    .where(eq(goalPlans.groupId, group.id));
  const plan: GoalPlan = {
    id: newId("gpl", now.getTime()),
    groupId: group.id,
    no: (last?.no ?? 0) + 1,
    period,
    goalIds: list.map((g) => g.id),
    proposedBy: member.userId,
    status: "pending",
    decidedBy: null,
    decidedAt: null,
    createdAt: now,
  };
  const writes: BatchItem[] = [
    db.insert(goalPlans).values(plan),
    auditWrite(db, {
      groupId: group.id,
      by: member.userId,
      action: "goal.plan.propose",
      subjectId: plan.id,
      detail: { no: plan.no, period, goals: list.map((g) => g.seq) },
      now,
    }),
  ];
  const rows = await planRows(db, group, list);
  const proposer = displayName(member);
  if (admin || admins.length === 0) {
    const approved = { ...plan, status: "approved" as const, decidedBy: member.userId, decidedAt: now };
    writes[0] = db.insert(goalPlans).values(approved);
    writes.push(...approveWrites(db, group, approved, member.userId, now));
    const view = { plan: approved, group, rows, proposer, decider: proposer };
    return { ok: true, code: "approved", view, noOffice: !admin, writes };
  }
  const view = { plan, group, rows, proposer, decider: null };
  return { ok: true, code: "proposed", view, admins: admins.map((a) => ({ userId: a.userId, name: a.name })), writes };
}

function approveWrites(db: Database, group: Group, plan: GoalPlan, by: string, now: Date): BatchItem[] {
  return [
    // A target cancelled meanwhile stays out; one already in another approved plan keeps that one.
    db
      .update(goals)
      .set({ planId: plan.id })
      .where(and(inArray(goals.id, plan.goalIds), isNull(goals.cancelledAt), isNull(goals.planId))),
    auditWrite(db, {
      groupId: group.id,
      by,
      action: "goal.plan.approve",
      subjectId: plan.id,
      detail: { no: plan.no, period: plan.period },
      now,
    }),
  ];
}

export type PlanDecisionCase =
  | { ok: false; code: "not-found" }
  | { ok: false; code: "not-office" | "already-decided"; view: PlanView }
  | { ok: true; code: "approved" | "rejected"; view: PlanView; writes: BatchItem[] };

/** 批准 / 驳回 on a plan card: only an admin of the plan's own organisation, once. */
export async function decideGoalPlan(
  db: Database,
  input: {
    planId: string;
    tenant: Pick<Group, "platform" | "tenantKey">;
    by: string;
    decision: "approve" | "reject";
    now: Date;
  },
): Promise<PlanDecisionCase> {
  const [plan] = await db.select().from(goalPlans).where(eq(goalPlans.id, input.planId)).limit(1);
  const [group] = plan ? await db.select().from(groups).where(eq(groups.id, plan.groupId)).limit(1) : [];
  // Another organisation's plan is as good as none: nothing about it is told.
  if (!plan || !group || group.platform !== input.tenant.platform || group.tenantKey !== input.tenant.tenantKey)
    return { ok: false, code: "not-found" };
  const list = plan.goalIds.length ? await db.select().from(goals).where(inArray(goals.id, plan.goalIds)) : [];
  const rows = await planRows(
    db,
    group,
    list.filter((g) => !g.cancelledAt),
  );
  const names = await peopleNames(db, group, [plan.proposedBy, plan.decidedBy ?? input.by]);
  const base = { plan, group, rows, proposer: names[0]!, decider: plan.decidedBy ? names[1]! : null };
  if (!(await isAdmin(db, group, input.by))) return { ok: false, code: "not-office", view: base };
  if (plan.status !== "pending") return { ok: false, code: "already-decided", view: base };
  const status = input.decision === "approve" ? ("approved" as const) : ("rejected" as const);
  const decided = { ...plan, status, decidedBy: input.by, decidedAt: input.now };
  const view = { ...base, plan: decided, decider: names[1]! };
  const mark = decideOnce(db, plan.id, status, input.by, input.now);
  if (status === "rejected") {
    const audit = auditWrite(db, {
      groupId: group.id,
      by: input.by,
      action: "goal.plan.reject",
      subjectId: plan.id,
      detail: { no: plan.no, period: plan.period },
      now: input.now,
    });
    return { ok: true, code: "rejected", view, writes: [mark, audit] };
  }
  return {
    ok: true,
    code: "approved",
    view,
    writes: [mark, ...approveWrites(db, group, decided, input.by, input.now)],
  };
}

/**
 * The decision as one conditional update, first in the batch: it moves the plan out of 待批 only. Two admins
 * clicking at once both read "pending"; the batches commit one after the other, and in the later one the plan is
 * decided already, so the status would become NULL — the column is NOT NULL, the statement fails and the whole
 * batch (its audit entry, the targets' plan, the publication or the rejection notice) is rolled back. The card
 * action's onConflict then answers who decided it (「已由 X 批准」). A plain `where status = 'pending'` would
 * update nothing there but let the rest of the batch through: two audit entries, the plan published twice.
 */
function decideOnce(db: Database, id: string, status: "approved" | "rejected", by: string, now: Date): BatchItem {
  return db
    .update(goalPlans)
    .set({
      status: sql`case when ${goalPlans.status} = 'pending' then ${status} end`,
      decidedBy: by,
      decidedAt: now,
    })
    .where(eq(goalPlans.id, id));
}

/** People's names in a group, or an admin's, or their id's tail. */
async function peopleNames(db: Database, group: Group, userIds: readonly string[]): Promise<string[]> {
  const admins = await listAdmins(db, group);
  const rows = await db
    .select()
    .from(members)
    .where(and(eq(members.groupId, group.id), inArray(members.userId, [...userIds])));
  return userIds.map(
    (id) =>
      (rows.find((m) => m.userId === id)?.name || admins.find((a) => a.userId === id)?.name) ?? `成员${id.slice(-4)}`,
  );
}

/** The group a plan belongs to (card buttons name the plan only). */
export async function planGroupId(db: Database, planId: string): Promise<string | undefined> {
  const [row] = await db.select({ groupId: goalPlans.groupId }).from(goalPlans).where(eq(goalPlans.id, planId));
  return row?.groupId;
}
