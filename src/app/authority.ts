import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import type { Writes } from "./audit";
import { addAdminWrites, isAdmin, listAdmins, type TenantRef } from "./roles";
import { displayName } from "./scores";

/**
 * Who may do what: 负责人 (leader) of a group, 管理员 (the appraisal office) of a tenant.
 * The one place these are decided, so a door cannot forget a condition another checks.
 */

/** A leader of their group. */
export function isLeader(member: Pick<Member, "role"> | null | undefined): boolean {
  return member?.role === "leader";
}

/** A leader who is still in the group: only they may decide (approve, settle an appeal). */
export function isActiveLeader<M extends Pick<Member, "role" | "active">>(member: M | null | undefined): member is M {
  return isLeader(member) && member!.active;
}

export interface Authority {
  leader: boolean;
  admin: boolean;
}

/** What a person may do in a group: lead it (their member row), run the tenant's office (an admin row). */
export async function authorityOf(
  db: Database,
  tenant: TenantRef,
  member: Pick<Member, "role">,
  userId: string,
): Promise<Authority> {
  return { leader: isLeader(member), admin: await isAdmin(db, tenant, userId) };
}

/**
 * The first person to configure the bot in a tenant becomes its admin: a leader (a group
 * owner, at first) while the tenant has none. The writes that make them so, or null.
 */
export async function firstAdminWrites(
  db: Database,
  input: { group: Group; member: Member; by: string; now: Date },
): Promise<Writes | null> {
  if (!isLeader(input.member)) return null;
  if ((await listAdmins(db, input.group)).length > 0) return null;
  return addAdminWrites(db, {
    group: input.group,
    by: input.by,
    target: { userId: input.member.userId, name: displayName(input.member) },
    now: input.now,
    reason: "first",
  });
}

/** Admins appoint admins; leaders of this group (or admins) appoint its leaders. */
export function mayAppoint(role: "admin" | "leader", who: Authority): boolean {
  return role === "admin" ? who.admin : who.admin || who.leader;
}
