import { createClient } from "@libsql/client/web";
import { exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { groupIdFor, memberIdFor, newId } from "../../src/db/ids";
import { readFirstSheet, type ReadCell } from "../../src/domain/xlsx/read";
import { WORKER_TEST as W } from "./constants";

/**
 * month_results on the Worker path: libSQL over HTTP (Hrana) runs the
 * triggers, and /admin/export inside workerd keeps finished months, reads
 * them back for the same workbook, and scores a month again after a write.
 * A group of its own in the test tenant, written straight to the database.
 */
const CHAT = "oc_6d0c2f9a4b7e1358c2a9f04d7e6b1c3a";
const GROUP = groupIdFor("lark", CHAT);
const GROUP_NAME = "缓存测试组";
const LEADER = "ou_2b7e9c4f1a6d3085e9c1b74a2f6d8e05";
const PEOPLE = ["ou_7a1c5e9b3d2f4068a1c7e5b9d3f20486", "ou_c3e8a1f6b9d2047e5c8a3f1b6d9e2a47"];
const db = createClient({ url: inject("hranaUrl") });

beforeAll(async () => {
  const at = Date.parse("2026-09-01T00:00:00Z");
  await db.execute({
    sql: "insert into groups (id, platform, tenant_key, chat_id, name, timezone, created_at) values (?, 'lark', ?, ?, ?, 'Asia/Shanghai', ?)",
    args: [GROUP, W.tenantKey, CHAT, GROUP_NAME, at],
  });
  for (const [i, openId] of [LEADER, ...PEOPLE].entries())
    await db.execute({
      sql: "insert into members (id, group_id, user_id, name, role, created_at) values (?, ?, ?, ?, ?, ?)",
      args: [memberIdFor(GROUP, openId), GROUP, openId, ["周主任", "吴一", "郑二"][i]!, i ? "staff" : "leader", at],
    });
  for (const [month, base] of [
    ["2026-10", 80],
    ["2026-11", 85],
  ] as const)
    for (const [i, openId] of PEOPLE.entries())
      for (const leaf of ["village", "business", "conduct"]) await rate(month, openId, leaf, base + i * 3);
});
afterAll(() => db.close());

/** A leader's score, as 评分 writes it: their earlier one on the item superseded, then the new one. */
async function rate(month: string, openId: string, leaf: string, score: number) {
  const member = memberIdFor(GROUP, openId);
  const at = Date.parse(`${month}-20T02:00:00Z`);
  await db.batch(
    [
      {
        sql: "update ratings set superseded_at = ? where group_id = ? and period = ? and member_id = ? and dimension = ? and rater_user_id = ? and superseded_at is null",
        args: [at, GROUP, month, member, leaf, LEADER],
      },
      {
        sql: "insert into ratings (id, group_id, period, member_id, dimension, rater_group, rater_user_id, score, created_at) values (?, ?, ?, ?, ?, 'leader', ?, ?, ?)",
        args: [newId("rat"), GROUP, month, member, leaf, LEADER, score, at],
      },
    ],
    "write",
  );
}

/**
 * The year's figures of this group from /admin/export (the results sheet's rows for it): other
 * tests write to the same tenant meanwhile, so the rest of the workbook is theirs to change.
 */
async function exportYear(): Promise<ReadCell[][]> {
  const res = await exports.default.fetch(
    new Request(`https://bot.example/admin/export?period=2026&tenant=${W.tenantKey}`, {
      headers: { authorization: `Bearer ${W.adminToken}` },
    }),
  );
  expect(res.status).toBe(200);
  const rows = readFirstSheet(new Uint8Array(await res.arrayBuffer()));
  const mine = rows.filter((r) => r[0] === GROUP_NAME);
  expect(mine).toHaveLength(PEOPLE.length);
  return [rows[0]!, ...mine];
}

async function kept(month: string) {
  const { rows } = await db.execute({
    sql: "select version, stamp, result is not null as kept from month_results where group_id = ? and period = ?",
    args: [GROUP, month],
  });
  return rows[0] ? { version: Number(rows[0].version), stamp: rows[0].stamp, kept: Boolean(rows[0].kept) } : undefined;
}

describe("kept months inside workerd, over libSQL's HTTP protocol", () => {
  test("a finished month is kept, read back for the same workbook, and scored again after a write", async () => {
    const cold = await exportYear();
    const october = await kept("2026-10");
    expect(october?.kept).toBe(true);
    expect(await exportYear()).toEqual(cold);
    expect(await kept("2026-10")).toEqual(october);

    // A new rating through the database alone: the triggers bump October's counter and drop its result.
    await rate("2026-10", PEOPLE[0]!, "business", 41);
    const bumped = await kept("2026-10");
    expect(bumped?.kept).toBe(false);
    expect(bumped!.version).toBeGreaterThan(october!.version);
    const warm = await exportYear();
    expect(warm).not.toEqual(cold);
    expect((await kept("2026-10"))?.kept).toBe(true);

    // The same workbook as one that scores every month afresh.
    await db.execute({ sql: "delete from month_results where group_id = ?", args: [GROUP] });
    expect(await exportYear()).toEqual(warm);

    // 岗变酬变 (member_terms, 0014) from November: the group's counter goes up, so no kept month counts.
    const before = await kept("");
    const stamped = await kept("2026-11");
    await db.execute({
      sql: "insert into member_terms (id, member_id, effective_from, coefficient, position, source, created_at) values (?, ?, ?, ?, ?, 'roster', ?)",
      args: [newId("trm"), memberIdFor(GROUP, PEOPLE[1]!), "2026-11-01", 1.083, "副主任", Date.parse("2026-11-02Z")],
    });
    expect((await kept(""))!.version).toBe((before?.version ?? 0) + 1);
    const moved = await exportYear();
    expect(moved).not.toEqual(warm);
    expect((await kept("2026-11"))!.stamp).not.toEqual(stamped!.stamp);
    await db.execute({ sql: "delete from month_results where group_id = ?", args: [GROUP] });
    expect(await exportYear()).toEqual(moved);
  }, 180_000);
});
