import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import { memberAbsences, members, memberTerms, type Group, type Member } from "../db/schema";
import { firstDayOfMonth, localDate, monthOf, type IsoDate } from "../domain/dates";
import { termOn, type Absence, type RosterParse, type RosterProblem, type Term } from "../domain/roster";
import { excerpt } from "../domain/text";
import { tenantGroups } from "./groups";
import { displayName } from "./scores";
import { auditWrite, type Writes } from "./audit";
import { absenceWrite } from "./membership";

/**
 * 花名册导入, all or nothing: every row is checked (the sheet itself, then
 * each group by name within the tenant and each person by name within the
 * group) and the writes are returned only when no row has a problem. The
 * office fixes the file and sends it again; a half-applied roster would leave
 * it guessing which rows took effect.
 *
 * 岗变酬变 (篇9 line 218): a row's coefficient and post take effect from its
 * 生效日期, or from the day of the import, never earlier than the current
 * month: months already past (and any published period) keep the values they
 * were scored with; changing those is a 更正, which is logged.
 */

export interface RosterPlan {
  problems: RosterProblem[];
  /** New terms (and the latest values on the member) of people whose post or coefficient changes, each audited. */
  writes: Writes;
  changed: number;
  unchanged: number;
  groups: number;
  /** The distinct dates the changes take effect from, earliest first. */
  effective: IsoDate[];
  /**
   * People the file lists in a group they had left (gone from the chat, or moved away by an earlier
   * roster): active there again on their old row from `from`, the time away remembered (member_absences).
   */
  back: { name: string; group: string; from: IsoDate }[];
}

const listed = (names: string[]) =>
  names.length > 6 ? `${names.slice(0, 6).join("、")} 等 ${names.length} 个` : names.join("、");

export async function planRosterImport(
  db: Database,
  input: {
    platform: Group["platform"];
    tenantKey: string;
    parsed: RosterParse;
    by: string;
    now: Date;
    /** The importer's date: the default 生效日期, and its month the earliest allowed. */
    today: IsoDate;
  },
): Promise<RosterPlan> {
  const { parsed, now, today } = input;
  const earliest = firstDayOfMonth(monthOf(today));
  const problems = [...parsed.problems];
  const list = await tenantGroups(db, input);
  const groupsByName = new Map<string, Group[]>();
  for (const g of list) groupsByName.set(g.name, [...(groupsByName.get(g.name) ?? []), g]);
  const everyone = list.length
    ? await db
        .select()
        .from(members)
        .where(
          inArray(
            members.groupId,
            list.map((g) => g.id),
          ),
        )
    : [];
  const people = everyone.filter((m) => m.active);
  const terms = await termsOf(
    db,
    list.map((g) => g.id),
  );
  const byGroupAndName = new Map<string, Member[]>();
  // Those who left a group (the chat, or a move): found by name there only when nobody active has it.
  const formerByGroupAndName = new Map<string, Member[]>();
  for (const m of everyone) {
    const key = `${m.groupId}|${displayName(m)}`;
    const map = m.active ? byGroupAndName : formerByGroupAndName;
    map.set(key, [...(map.get(key) ?? []), m]);
  }
  const lookUp = (groupId: string, name: string): Member[] => {
    const key = `${groupId}|${name}`;
    return byGroupAndName.get(key) ?? formerByGroupAndName.get(key) ?? [];
  };

  // Who the file lists where (by user): a person listed in two groups is in both, not moved.
  const listedIn = new Set<string>();
  for (const row of parsed.rows) {
    const only = groupsByName.get(row.group);
    if (only?.length !== 1) continue;
    for (const m of lookUp(only[0]!.id, row.name)) listedIn.add(`${m.groupId}|${m.userId}`);
  }

  const writes: Writes = [];
  const touchedGroups = new Set<string>();
  let changed = 0;
  let unchanged = 0;
  const effective = new Set<IsoDate>();
  const back: RosterPlan["back"] = [];
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
    const found = lookUp(group.id, row.name);
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
        message: found[0]!.active
          ? `「${row.group}」里有 ${found.length} 个「${row.name}」，无法区分`
          : `「${row.group}」以前有 ${found.length} 个「${row.name}」（都已离开），无法区分`,
      });
      continue;
    }
    const member = found[0]!;
    const from = row.effectiveFrom ?? today;
    if (from < earliest) {
      problems.push({
        row: row.row,
        column: "生效日期",
        message: `生效日期 ${from} 早于本月：岗位和系数只从本月起向后生效，已过去的月份要改请用「更正」`,
      });
      continue;
    }
    touchedGroups.add(group.id);
    // Listed again in a group they left: the same row active again from `from`, as a 用户进群 event
    // makes it (src/app/membership.ts); the months wholly inside the time away are scored without them.
    const returning = !member.active;
    if (returning) {
      effective.add(from);
      back.push({ name: row.name, group: group.name, from });
      writes.push(
        db.update(members).set({ active: true, leftOn: null, movedTo: null }).where(eq(members.id, member.id)),
        ...absenceWrite(db, member.id, member.leftOn, from, now),
        auditWrite(db, {
          groupId: group.id,
          by: input.by,
          action: "roster.move",
          subjectId: member.id,
          detail: { member: member.id, to: group.id, back: true, leftOn: member.leftOn, effectiveFrom: from },
          now,
        }),
      );
    }
    // A department move (部门 = group): the person's staff membership in another group the file does not
    // list them in ends the day before `from`; that group's earlier months keep them, this one has them from `from`.
    const away = people.filter(
      (m) =>
        m.userId === member.userId &&
        m.groupId !== group.id &&
        m.role === "staff" &&
        !listedIn.has(`${m.groupId}|${m.userId}`),
    );
    if (away.length) {
      changed++;
      effective.add(from);
      const newHere = monthOf(localDate(member.createdAt, group.timezone)) >= monthOf(from);
      for (const m of away) {
        touchedGroups.add(m.groupId);
        writes.push(
          db.update(members).set({ active: false, leftOn: from, movedTo: group.id }).where(eq(members.id, m.id)),
          auditWrite(db, {
            groupId: m.groupId,
            by: input.by,
            action: "roster.move",
            subjectId: m.id,
            detail: { member: m.id, to: group.id, toMember: member.id, effectiveFrom: from },
            now,
          }),
        );
      }
      // Only someone new here gets a start date: months this group already scored them in stay as they were.
      if (newHere && !returning)
        writes.push(db.update(members).set({ joinedOn: from }).where(eq(members.id, member.id)));
    }
    const own = terms.get(member.id) ?? [];
    const inForce = termOn(own, from) ?? member;
    if (inForce.position === row.position && inForce.coefficient === row.coefficient) {
      if (returning && !away.length) changed++;
      else if (!away.length) unchanged++;
      continue;
    }
    if (!away.length) changed++;
    effective.add(from);
    writes.push(
      // A member with no term yet keeps, before this one, the values they had.
      ...(own.length ? [] : [termWrite(db, member, "0001-01-01", member, "upgrade", input.by, now)]),
      termWrite(db, member, from, row, "roster", input.by, now),
      db.update(members).set({ position: row.position, coefficient: row.coefficient }).where(eq(members.id, member.id)),
      auditWrite(db, {
        groupId: group.id,
        by: input.by,
        action: "roster.import",
        subjectId: member.id,
        detail: {
          member: member.id,
          position: row.position,
          coefficient: row.coefficient,
          effectiveFrom: from,
          before: { position: inForce.position, coefficient: inForce.coefficient },
        },
        now,
      }),
    );
  }
  problems.sort((a, b) => a.row - b.row);
  return problems.length
    ? { problems, writes: [], changed: 0, unchanged: 0, groups: 0, effective: [], back: [] }
    : { problems, writes, changed, unchanged, groups: touchedGroups.size, effective: [...effective].sort(), back };
}

function termWrite(
  db: Database,
  member: Member,
  effectiveFrom: IsoDate,
  values: Pick<Term, "coefficient" | "position">,
  source: string,
  by: string,
  now: Date,
) {
  return db.insert(memberTerms).values({
    id: newId("trm", now.getTime()),
    memberId: member.id,
    effectiveFrom,
    coefficient: values.coefficient,
    position: values.position,
    source,
    createdBy: by,
    createdAt: now,
  });
}

/** Each member's terms in these groups, in the order written (what termOn expects). */
export async function termsOf(db: Database, groupIds: readonly string[]): Promise<Map<string, Term[]>> {
  const out = new Map<string, Term[]>();
  if (!groupIds.length) return out;
  const rows = await db
    .select({
      memberId: memberTerms.memberId,
      effectiveFrom: memberTerms.effectiveFrom,
      coefficient: memberTerms.coefficient,
      position: memberTerms.position,
    })
    .from(memberTerms)
    .innerJoin(members, eq(members.id, memberTerms.memberId))
    .where(inArray(members.groupId, [...groupIds]))
    .orderBy(asc(memberTerms.createdAt), asc(memberTerms.id));
  for (const { memberId, ...term } of rows) {
    const list = out.get(memberId);
    if (list) list.push(term);
    else out.set(memberId, [term]);
  }
  return out;
}

/** A member with the spans they were away before coming back, where there are any. */
export type Stay<M extends Member = Member> = M & { absences?: readonly Absence[] };

/** Each member's spans away (member_absences) in these groups, earliest first; most have none. */
export async function absencesOf(db: Database, groupIds: readonly string[]): Promise<Map<string, Absence[]>> {
  const out = new Map<string, Absence[]>();
  if (!groupIds.length) return out;
  const rows = await db
    .select({ memberId: memberAbsences.memberId, from: memberAbsences.fromDay, until: memberAbsences.untilDay })
    .from(memberAbsences)
    .innerJoin(members, eq(members.id, memberAbsences.memberId))
    .where(inArray(members.groupId, [...groupIds]))
    .orderBy(asc(memberAbsences.fromDay), asc(memberAbsences.id));
  for (const { memberId, ...span } of rows) {
    const list = out.get(memberId);
    if (list) list.push(span);
    else out.set(memberId, [span]);
  }
  return out;
}

/** The people with their spans away attached; the rows of those never away are returned as they are. */
export const withAbsences = <M extends Member>(people: M[], absences: ReadonlyMap<string, Absence[]>): Stay<M>[] =>
  absences.size ? people.map((p) => (absences.has(p.id) ? { ...p, absences: absences.get(p.id)! } : p)) : people;
