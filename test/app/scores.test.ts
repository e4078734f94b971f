import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, test } from "vitest";
import { addMember, registerGroup } from "../../src/app/groups";
import { prepareScheme, schemeForMonth, schemeInForce } from "../../src/app/schemes";
import { computeMonth, monthInputs, rateWrites } from "../../src/app/scores";
import type { BatchItem } from "../../src/db/database";
import { groups, members, type Group, type Member } from "../../src/db/schema";
import { schemeTemplates } from "../../src/domain/scheme";
import { openTestDatabase } from "../support/db";
import { larkOpenId } from "../support/ids";

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let group: Group;
let zhang: Member;
const at = (iso: string) => new Date(iso);
const template = (id: string) => schemeTemplates.find((x) => x.id === id)!.scheme;
const run = (items: unknown[]) => t.db.batch(items as [BatchItem, ...BatchItem[]]);

beforeEach(async () => {
  t = await openTestDatabase();
  const reg = registerGroup(
    t.db,
    { platform: "lark", tenantKey: "t", chatId: "oc" },
    { timezone: "Asia/Shanghai", now: at("2026-10-01T00:00:00Z") },
  );
  const m = addMember(t.db, reg.id, larkOpenId("zhang"), at("2026-10-01T00:00:00Z"));
  await run([reg.write, m.write]);
  group = (await t.db.select().from(groups))[0]!;
  await t.db.update(members).set({ name: "张三" });
  zhang = (await t.db.select().from(members).where(eq(members.id, m.id)))[0]!;
});
afterEach(() => t.dispose());

async function save(id: string, iso: string) {
  const p = await prepareScheme(t.db, group, template(id), `template:${id}`, larkOpenId("leader"), at(iso));
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  await run(p.writes);
  return p.version;
}

test("versions count up; a finished month uses the version in force at its end (in the group's zone)", async () => {
  expect((await schemeInForce(t.db, group.id)).isDefault).toBe(true);
  expect(await save("unit-staff", "2026-10-10T00:00:00Z")).toBe(1);
  // 30 November 23:30 in Shanghai is still November there.
  expect(await save("section-leader", "2026-11-30T15:30:00Z")).toBe(2);
  expect(await save("village", "2026-11-30T16:30:00Z")).toBe(3); // 00:30 on 1 December, Shanghai
  const now = at("2026-12-05T00:00:00Z");
  expect((await schemeForMonth(t.db, group, "2026-10", now)).version).toBe(1);
  expect((await schemeForMonth(t.db, group, "2026-11", now)).version).toBe(2);
  expect((await schemeForMonth(t.db, group, "2026-12", now)).version).toBe(3);
  expect((await schemeForMonth(t.db, group, "2026-09", now)).isDefault).toBe(true);
});

test("two leaders saving at the same moment: one version wins, the other fails cleanly", async () => {
  const a = await prepareScheme(t.db, group, template("unit-staff"), "x", larkOpenId("a"), at("2026-11-01T00:00:00Z"));
  const b = await prepareScheme(t.db, group, template("village"), "x", larkOpenId("b"), at("2026-11-01T00:00:00Z"));
  if (!a.ok || !b.ok) throw new Error("templates must validate");
  await run(a.writes);
  await expect(run(b.writes)).rejects.toThrow(/UNIQUE/);
  expect((await schemeInForce(t.db, group.id)).scheme.name).toBe("单位干部");
});

test("a re-rating supersedes; items gone from a later scheme are left out of that month", async () => {
  await save("unit-staff", "2026-11-01T00:00:00Z");
  const { scheme } = await schemeInForce(t.db, group.id);
  const leaf = scheme.dimensions[0]!.key;
  await run(
    rateWrites(t.db, {
      group,
      month: "2026-11",
      member: zhang,
      leaves: [leaf],
      score: 70,
      raterGroup: "leader",
      by: larkOpenId("l"),
      now: at("2026-11-02T00:00:00Z"),
    }),
  );
  await run(
    rateWrites(t.db, {
      group,
      month: "2026-11",
      member: zhang,
      leaves: [leaf],
      score: 90,
      raterGroup: "leader",
      by: larkOpenId("l"),
      now: at("2026-11-03T00:00:00Z"),
    }),
  );
  await run(
    rateWrites(t.db, {
      group,
      month: "2026-11",
      member: zhang,
      leaves: ["no_such_item"],
      score: 50,
      raterGroup: "leader",
      by: larkOpenId("l"),
      now: at("2026-11-03T00:00:00Z"),
    }),
  );
  const inputs = await monthInputs(t.db, group, "2026-11", scheme);
  expect(inputs.ratings).toEqual([
    { member: zhang.id, dimension: leaf, rater: "leader", score: 90, by: larkOpenId("l") },
  ]);
  const { result } = await computeMonth(t.db, group, "2026-11", at("2026-11-20T00:00:00Z"));
  expect(result.members[0]!.dimensions[leaf]!.score).toBe(90);
});
