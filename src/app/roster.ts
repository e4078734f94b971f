import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import { auditLog, members, type Group, type Member } from "../db/schema";
import type { RosterParse, RosterProblem } from "../domain/roster";
import { excerpt } from "../domain/text";
import { tenantGroups } from "./groups";
import { displayName } from "./scores";

/**
 * 花名册导入, all or nothing: every row is checked (the sheet itself, then
 * each group by name within the tenant and each person by name within the
 * group) and the writes are returned only when no row has a problem. The
 * office fixes the file and sends it again; a half-applied roster would leave
 * it guessing which rows took effect.
 */

export interface RosterPlan {
  problems: RosterProblem[];
  /** Updates of people whose post or coefficient changes, each audited. */
  writes: unknown[];
  changed: number;
  unchanged: number;
  groups: number;
}

const listed = (names: string[]) =>
  names.length > 6 ? `${names.slice(0, 6).join("、")} 等 ${names.length} 个` : names.join("、");

export async function planRosterImport(
  db: Database,
  input: { platform: Group["platform"]; tenantKey: string; parsed: RosterParse; by: string; now: Date },
): Promise<RosterPlan> {
  const { parsed, now } = input;
  const problems = [...parsed.problems];
  const list = await tenantGroups(db, input);
  const groupsByName = new Map<string, Group[]>();
  for (const g of list) groupsByName.set(g.name, [...(groupsByName.get(g.name) ?? []), g]);
  const people = list.length
    ? await db
        .select()
        .from(members)
        .where(
          and(
            inArray(
              members.groupId,
              list.map((g) => g.id),
            ),
            eq(members.active, true),
          ),
        )
    : [];
  const byGroupAndName = new Map<string, Member[]>();
  for (const m of people) {
    const key = `${m.groupId}|${displayName(m)}`;
    byGroupAndName.set(key, [...(byGroupAndName.get(key) ?? []), m]);
  }

  const writes: unknown[] = [];
  const touchedGroups = new Set<string>();
  let changed = 0;
  let unchanged = 0;
  for (const row of parsed.rows) {
    const candidates = groupsByName.get(row.group) ?? [];
    if (!candidates.length) {
      problems.push({
        row: row.row,
        column: parsed.labels.group,
        message: `本单位没有叫「${excerpt(row.group)}」的群（现有：${listed(list.map((g) => g.name).filter(Boolean)) || "无"}）`,
      });
      continue;
    }
    if (candidates.length > 1) {
      problems.push({
        row: row.row,
        column: parsed.labels.group,
        message: `有 ${candidates.length} 个群都叫「${row.group}」，请先把群名改得不同`,
      });
      continue;
    }
    const group = candidates[0]!;
    const found = byGroupAndName.get(`${group.id}|${row.name}`) ?? [];
    if (!found.length) {
      problems.push({
        row: row.row,
        column: parsed.labels.name,
        message: `「${excerpt(row.group)}」里没有「${excerpt(row.name)}」（请先让他加入群，或核对姓名）`,
      });
      continue;
    }
    if (found.length > 1) {
      problems.push({
        row: row.row,
        column: parsed.labels.name,
        message: `「${row.group}」里有 ${found.length} 个「${row.name}」，无法区分`,
      });
      continue;
    }
    const member = found[0]!;
    touchedGroups.add(group.id);
    if (member.position === row.position && member.coefficient === row.coefficient) {
      unchanged++;
      continue;
    }
    changed++;
    writes.push(
      db.update(members).set({ position: row.position, coefficient: row.coefficient }).where(eq(members.id, member.id)),
      db.insert(auditLog).values({
        id: newId("aud", now.getTime()),
        groupId: group.id,
        actorUserId: input.by,
        action: "roster.import",
        subjectId: member.id,
        detail: {
          member: member.id,
          position: row.position,
          coefficient: row.coefficient,
          before: { position: member.position, coefficient: member.coefficient },
        },
        at: now,
      }),
    );
  }
  problems.sort((a, b) => a.row - b.row);
  return problems.length
    ? { problems, writes: [], changed: 0, unchanged: 0, groups: 0 }
    : { problems, writes, changed, unchanged, groups: touchedGroups.size };
}
