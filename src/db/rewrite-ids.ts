import { sql } from "drizzle-orm";
import type { BatchItem, Database } from "./database";
import { groupIdFor, memberIdFor } from "./ids";

/** The data step of migration 0009 (its row in data_migrations). */
export const BOUNDED_IDS = "0009_bounded_ids";

/** Every column that holds a group id or a member id (src/db/schema.ts). */
const GROUP_COLUMNS = [
  ["members", "group_id"],
  ["records", "group_id"],
  ["schemes", "group_id"],
  ["ratings", "group_id"],
  ["adjustments", "group_id"],
  ["awards", "group_id"],
  ["claims", "group_id"],
  ["leaves", "group_id"],
  ["publications", "group_id"],
  ["department_scores", "group_id"],
  ["goals", "group_id"],
  ["chat_links", "group_id"],
  ["link_codes", "group_id"],
  ["audit_log", "group_id"],
  // Created by 0010, after 0009: empty on a database that runs both at once, but a database
  // migrated by drizzle alone may have run jobs before this step caught up.
  ["job_failures", "group_id"],
  // Created by 0014 (issue 13 items 6 and 10): the same holds.
  ["scheme_proposals", "group_id"],
] as const;

const MEMBER_COLUMNS = [
  ["records", "member_id"],
  ["ratings", "member_id"],
  ["adjustments", "member_id"],
  ["awards", "member_id"],
  ["claims", "member_id"],
  ["leaves", "member_id"],
  ["appeals", "member_id"],
  ["goals", "member_id"],
  ["chat_links", "member_id"],
  ["link_codes", "member_id"],
  // 0014 copies each member's coefficient into member_terms before this step may have run.
  ["member_terms", "member_id"],
  // Created by 0022: empty until someone comes back to a group.
  ["member_absences", "member_id"],
] as const;

/**
 * Text that embeds ids: outbox keys (the idempotency that stops a job's second
 * run sending again: `ranking:2026-11:<member id>`), queued cards (button values
 * carry group and member ids) and audit details (`member`, read by the export).
 * Ids sit there between quotes or colons, so a token is what follows grp_/mem_ up to one.
 */
const EMBEDDED_ID = /\b(?:grp|mem)_[^\s:"\\,{}[\]]+/g;

type IdMap = Map<string, string>;

/** Old id → new id for every group and member whose id is not yet the digest. */
async function idMap(db: Database): Promise<{ groups: IdMap; members: IdMap }> {
  const groupRows = await db.all<{ id: string; platform: string; chat_id: string }>(
    sql`select id, platform, chat_id from groups`,
  );
  const memberRows = await db.all<{ id: string; group_id: string; user_id: string }>(
    sql`select id, group_id, user_id from members`,
  );
  const newGroup = new Map(groupRows.map((g) => [g.id, groupIdFor(g.platform, g.chat_id)]));
  const groups: IdMap = new Map([...newGroup].filter(([from, to]) => from !== to));
  const members: IdMap = new Map();
  for (const m of memberRows) {
    const to = memberIdFor(newGroup.get(m.group_id) ?? m.group_id, m.user_id);
    if (to !== m.id) members.set(m.id, to);
  }
  return { groups, members };
}

function replaceEmbedded(text: string, map: IdMap): string {
  return text.replace(EMBEDDED_ID, (token) => map.get(token) ?? token);
}

/** Rows of `table` whose text columns name an old id, rewritten; matched on their old text so a second run changes nothing. */
async function rewriteText(
  db: Database,
  table: "outbox" | "audit_log",
  columns: string[],
  map: IdMap,
): Promise<BatchItem[]> {
  const like = columns
    .map((c) => `"${c}" like '%grp\\_%' escape '\\' or "${c}" like '%mem\\_%' escape '\\'`)
    .join(" or ");
  const rows = await db.all<Record<string, string | null>>(
    sql.raw(`select id, ${columns.map((c) => `"${c}"`).join(", ")} from ${table} where ${like}`),
  );
  const writes: BatchItem[] = [];
  for (const row of rows) {
    const changed = columns.filter((c) => row[c] !== null && replaceEmbedded(row[c]!, map) !== row[c]);
    if (!changed.length) continue;
    const set = sql.join(
      changed.map((c) => sql`${sql.identifier(c)} = ${replaceEmbedded(row[c]!, map)}`),
      sql`, `,
    );
    const same = sql.join(
      changed.map((c) => sql`${sql.identifier(c)} = ${row[c]}`),
      sql` and `,
    );
    writes.push(db.run(sql`update ${sql.identifier(table)} set ${set} where id = ${row.id} and ${same}`));
  }
  return writes;
}

/**
 * Migration 0009 in code: group ids become groupIdFor(platform, chat), member
 * ids memberIdFor(group, user), in every table and in the text that embeds
 * them, in one write batch (one transaction), together with marking the step
 * done. Foreign keys are checked at commit, when parents and children agree
 * again. Running it twice changes nothing: the second run finds no old ids.
 */
export async function rewriteIds(db: Database, now: Date): Promise<{ groups: number; members: number }> {
  const { groups, members } = await idMap(db);
  const all: IdMap = new Map([...groups, ...members]);
  const writes: BatchItem[] = [
    db.run(sql`pragma defer_foreign_keys = on`),
    db.run(
      sql`create table if not exists _id_map (kind text not null, old text not null, new text not null, primary key (kind, old))`,
    ),
    db.run(sql`delete from _id_map`),
  ];
  const pairs = [...[...groups].map(([o, n]) => ["group", o, n]), ...[...members].map(([o, n]) => ["member", o, n])];
  for (let i = 0; i < pairs.length; i += 200) {
    const values = sql.join(
      pairs.slice(i, i + 200).map(([k, o, n]) => sql`(${k}, ${o}, ${n})`),
      sql`, `,
    );
    writes.push(db.run(sql`insert into _id_map (kind, old, new) values ${values}`));
  }
  const remap = (table: string, column: string, kind: "group" | "member") => {
    const [t, c] = [sql.identifier(table), sql.identifier(column)];
    return db.run(
      sql`update ${t} set ${c} = (select new from _id_map where kind = ${kind} and old = ${t}.${c}) where ${c} in (select old from _id_map where kind = ${kind})`,
    );
  };
  if (pairs.length) {
    writes.push(remap("groups", "id", "group"), remap("members", "id", "member"));
    for (const [table, column] of GROUP_COLUMNS) writes.push(remap(table, column, "group"));
    for (const [table, column] of MEMBER_COLUMNS) writes.push(remap(table, column, "member"));
    // The audit log's subject is a group (organisation scores) or a member (roster changes).
    writes.push(remap("audit_log", "subject_id", "group"), remap("audit_log", "subject_id", "member"));
    writes.push(...(await rewriteText(db, "outbox", ["key", "content"], all)));
    writes.push(...(await rewriteText(db, "audit_log", ["detail"], all)));
  }
  writes.push(db.run(sql`drop table _id_map`));
  writes.push(
    db.run(sql`update data_migrations set done_at = ${now.getTime()} where name = ${BOUNDED_IDS} and done_at is null`),
  );
  await db.batch(writes as [BatchItem, ...BatchItem[]]);
  return { groups: groups.size, members: members.size };
}

/** Runs the data steps migrations left pending (see data_migrations in schema.ts). */
export async function runDataMigrations(db: Database, now: Date): Promise<void> {
  const pending = await db.all<{ name: string }>(sql`select name from data_migrations where done_at is null`);
  if (pending.some((p) => p.name === BOUNDED_IDS)) await rewriteIds(db, now);
}
