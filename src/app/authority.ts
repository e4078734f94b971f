import type { Database } from "../db/database";
import type { Member } from "../db/schema";
import { isAdmin, type TenantRef } from "./roles";

/**
 * Who may do what: 负责人 (leader) of a group, 管理员 (the appraisal office) of a tenant.
 * The one place these are decided, so a door cannot forget a condition another checks.
 */

/** A leader of their group. */
export function isLeader(member: Pick<Member, "role"> | null | undefined): boolean {
  return member?.role === "leader";
}

/** A leader who is still in the group: only they may decide (approve, settle an appeal). */
export function isActiveLeader(member: Pick<Member, "role" | "active"> | null | undefined): boolean {
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
