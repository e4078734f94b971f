import { and, eq } from "drizzle-orm";
import type { Database } from "../db/database";
import { members, tenantAdmins, type Group, type Member } from "../db/schema";
import { auditWrite, type Writes } from "./audit";
import { displayName } from "./scores";

/**
 * Roles: 管理员 (the appraisal office) per tenant, 负责人 (leader) per group,
 * everyone else staff. Every change writes an audit row with who and when.
 */
export type TenantRef = Pick<Group, "platform" | "tenantKey">;

const adminOf = (tenant: TenantRef, userId?: string) =>
  and(
    eq(tenantAdmins.platform, tenant.platform),
    eq(tenantAdmins.tenantKey, tenant.tenantKey),
    ...(userId ? [eq(tenantAdmins.userId, userId)] : []),
  );

export async function listAdmins(db: Database, tenant: TenantRef) {
  return db.select().from(tenantAdmins).where(adminOf(tenant)).orderBy(tenantAdmins.createdAt);
}

export async function isAdmin(db: Database, tenant: TenantRef, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: tenantAdmins.userId })
    .from(tenantAdmins)
    .where(adminOf(tenant, userId))
    .limit(1);
  return Boolean(row);
}

export type RoleAction = "admin.add" | "admin.remove" | "leader.add" | "leader.remove";

function auditRole(
  db: Database,
  input: {
    group: Group;
    by: string;
    action: RoleAction;
    target: Pick<Member, "userId" | "name">;
    now: Date;
    reason?: string;
  },
) {
  return auditWrite(db, {
    groupId: input.group.id,
    by: input.by,
    action: `role.${input.action}`,
    subjectId: input.target.userId,
    detail: {
      tenant: input.group.tenantKey,
      name: input.target.name,
      ...(input.reason ? { reason: input.reason } : {}),
    },
    now: input.now,
  });
}

/** Makes a person an admin of the group's tenant (a no-op if they already are, still logged). */
export function addAdminWrites(
  db: Database,
  input: { group: Group; by: string; target: Pick<Member, "userId" | "name">; now: Date; reason?: string },
) {
  return [
    db
      .insert(tenantAdmins)
      .values({
        platform: input.group.platform,
        tenantKey: input.group.tenantKey,
        userId: input.target.userId,
        name: input.target.name,
        addedBy: input.by,
        createdAt: input.now,
      })
      .onConflictDoNothing(),
    auditRole(db, { ...input, action: "admin.add" }),
  ];
}

export function removeAdminWrites(
  db: Database,
  input: { group: Group; by: string; target: Pick<Member, "userId" | "name">; now: Date },
) {
  return [
    db.delete(tenantAdmins).where(adminOf(input.group, input.target.userId)),
    auditRole(db, { ...input, action: "admin.remove" }),
  ];
}

/** A member becomes a leader of their group, or goes back to staff. */
export function setLeaderWrites(
  db: Database,
  input: { group: Group; by: string; target: Member; leader: boolean; now: Date },
) {
  return [
    db
      .update(members)
      .set({ role: input.leader ? "leader" : "staff" })
      .where(eq(members.id, input.target.id)),
    auditRole(db, { ...input, action: input.leader ? "leader.add" : "leader.remove" }),
  ];
}

export async function groupLeaders(db: Database, group: Group): Promise<Member[]> {
  return db
    .select()
    .from(members)
    .where(and(eq(members.groupId, group.id), eq(members.role, "leader"), eq(members.active, true)));
}

export type RoleChangeResult =
  | { ok: false; code: "last_admin" | "last_leader" }
  | { ok: true; code: "appointed" | "removed"; writes: Writes };

/**
 * 设置 管理员/负责人 (and 取消…): the writes that appoint or remove these people, each logged.
 * A tenant keeps at least one admin and a group at least one leader (who approves and rates).
 */
export async function changeRoles(
  deps: { db: Database },
  input: { group: Group; role: "admin" | "leader"; add: boolean; people: Member[]; by: string; now: Date },
): Promise<RoleChangeResult> {
  const { db } = deps;
  const { group, people, by, now } = input;
  const writes: Writes = [];
  if (input.role === "admin") {
    if (!input.add) {
      const admins = await listAdmins(db, group);
      if (admins.every((a) => people.some((p) => p.userId === a.userId))) return { ok: false, code: "last_admin" };
    }
    for (const p of people) {
      const target = { userId: p.userId, name: displayName(p) };
      writes.push(
        ...(input.add
          ? addAdminWrites(db, { group, by, target, now })
          : removeAdminWrites(db, { group, by, target, now })),
      );
    }
  } else {
    if (!input.add) {
      const leaders = await groupLeaders(db, group);
      if (leaders.every((l) => people.some((p) => p.id === l.id))) return { ok: false, code: "last_leader" };
    }
    for (const p of people) writes.push(...setLeaderWrites(db, { group, by, target: p, leader: input.add, now }));
  }
  return { ok: true, code: input.add ? "appointed" : "removed", writes };
}
