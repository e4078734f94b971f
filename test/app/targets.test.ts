import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { addMember, registerGroup } from "../../src/app/groups";
import { matchTarget, resolveTarget, resolveTargets, splitTargets } from "../../src/app/targets";
import { targetProblemText, targetProblemsText } from "../../cards/targets";
import type { BatchItem } from "../../src/db/database";
import { groups, members, type Group, type Member } from "../../src/db/schema";
import { eq } from "drizzle-orm";
import { openTestDatabase } from "../support/db";
import { larkChatId, larkOpenId } from "../support/ids";
import { groupIdFor, memberIdFor } from "../../src/db/ids";

const GROUP_ID = groupIdFor("lark", larkChatId("office"));

const person = (userId: string, name: string): Member => ({
  id: memberIdFor(GROUP_ID, userId),
  groupId: GROUP_ID,
  userId,
  name,
  role: "staff",
  coefficient: 1,
  position: null,
  active: true,
  leftOn: null,
  movedTo: null,
  joinedOn: null,
  createdAt: new Date(0),
});

describe("matchTarget (pure)", () => {
  const people = [
    person(larkOpenId("1"), "张三"),
    person(larkOpenId("2"), "张三丰"),
    person(larkOpenId("3"), "李四"),
    person(larkOpenId("4"), "李四"),
    person(larkOpenId("5"), "王小明"),
  ];

  test("a mention is matched by id, whatever the names look like", () => {
    const r = matchTarget(people, "李四", [{ userId: larkOpenId("4"), name: "李四" }]);
    expect(r).toMatchObject({ ok: true, member: { userId: larkOpenId("4") } });
  });

  test("a mention of someone outside the group is refused by name", () => {
    const r = matchTarget(people, "王五", [{ userId: larkOpenId("9"), name: "王五" }]);
    expect(r).toEqual({ ok: false, problem: { code: "not-member", name: "王五" } });
    expect(!r.ok && targetProblemText(r.problem, "zh")).toBe("王五 不是本群的考核成员");
  });

  test("two people with one display name, both mentioned, are two people", () => {
    const mentions = [
      { userId: larkOpenId("3"), name: "李四" },
      { userId: larkOpenId("4"), name: "李四" },
    ];
    const used = new Set<(typeof mentions)[number]>();
    const a = matchTarget(people, "李四", mentions, used);
    const b = matchTarget(people, "李四", mentions, used);
    expect([a, b].map((r) => (r.ok ? r.member.userId : r.problem.code))).toEqual([larkOpenId("3"), larkOpenId("4")]);
  });

  test("typed: the exact name wins over longer names it begins", () => {
    expect(matchTarget(people, "张三", [])).toMatchObject({ ok: true, member: { userId: larkOpenId("1") } });
  });

  test("typed: a unique prefix is enough", () => {
    expect(matchTarget(people, "王小", [])).toMatchObject({ ok: true, member: { userId: larkOpenId("5") } });
  });

  test("typed: a shared name or prefix lists the candidates", () => {
    const dup = matchTarget(people, "李四", []);
    expect(dup.ok).toBe(false);
    expect(!dup.ok && dup.problem).toEqual({ code: "namesake", name: "李四", count: 2 });
    expect(!dup.ok && targetProblemText(dup.problem, "zh")).toBe("群里有 2 位「李四」，请 @ 要找的那一位");
    const prefix = matchTarget(people, "张", []);
    expect(!prefix.ok && prefix.problem).toEqual({ code: "ambiguous", name: "张", candidates: ["张三", "张三丰"] });
    expect(!prefix.ok && targetProblemText(prefix.problem, "en")).toBe(
      "“张” matches several people: 张三, 张三丰. Please @mention one",
    );
  });

  test("typed: nobody by that name", () => {
    const r = matchTarget(people, "赵六", []);
    expect(r).toEqual({ ok: false, problem: { code: "not-found", name: "赵六" } });
    expect(!r.ok && targetProblemText(r.problem, "zh")).toBe("群里没有「赵六」。请 @ 要打分的人");
  });

  test("splitTargets takes only the leading @names, half- or full-width", () => {
    expect(splitTargets("@张三 ＠李四 联村 2 原因 @王五")).toEqual({
      names: ["张三", "李四"],
      words: ["联村", "2", "原因", "@王五"],
    });
    expect(splitTargets("  ")).toEqual({ names: [], words: [] });
  });
});

describe("resolveTargets (database)", () => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let group: Group;
  const now = new Date("2026-11-01T00:00:00Z");

  beforeEach(async () => {
    t = await openTestDatabase();
    const reg = registerGroup(
      t.db,
      { platform: "lark", tenantKey: "t", chatId: "oc" },
      { timezone: "Asia/Shanghai", now },
    );
    const writes: BatchItem[] = [reg.write];
    for (const [userId, name] of [
      [larkOpenId("zhang"), "张三"],
      [larkOpenId("li"), "李四"],
      [larkOpenId("gone"), "钱七"],
    ] as const) {
      const m = addMember(t.db, reg.id, userId, now);
      writes.push(m.write, t.db.update(members).set({ name }).where(eq(members.id, m.id)));
    }
    await t.db.batch(writes as [BatchItem, ...BatchItem[]]);
    await t.db
      .update(members)
      .set({ active: false })
      .where(eq(members.userId, larkOpenId("gone")));
    group = (await t.db.select().from(groups))[0]!;
  });
  afterEach(() => t.dispose());

  test("every name resolves, the same person named twice counts once", async () => {
    const r = await resolveTargets(
      t.db,
      group,
      ["张三", "李四", "张三"],
      [{ userId: larkOpenId("zhang"), name: "张三" }],
    );
    expect(r.ok && r.members.map((m) => m.userId)).toEqual([larkOpenId("zhang"), larkOpenId("li")]);
  });

  test("all or nothing: every failing name is listed", async () => {
    const r = await resolveTargets(t.db, group, ["张三", "王五", "赵六"], [{ userId: larkOpenId("x"), name: "王五" }]);
    expect(!r.ok && targetProblemsText(r.problems, "zh")).toBe(
      "王五 不是本群的考核成员\n群里没有「赵六」。请 @ 要打分的人",
    );
  });

  test("someone who has left the group is no longer found", async () => {
    expect((await resolveTarget(t.db, group, "钱七", [])).ok).toBe(false);
    expect((await resolveTarget(t.db, group, "钱七", [{ userId: larkOpenId("gone"), name: "钱七" }])).ok).toBe(false);
  });
});
