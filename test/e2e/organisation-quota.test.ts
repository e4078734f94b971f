import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { addGroup, ask as askIn, type Person } from "../support/tenant-groups";
import { larkChatId, larkOpenId } from "../support/ids";

/**
 * Issue 13 item 3, through the real bot: five groups of 3 people, one rules-2 scheme whose 优秀 is "20%".
 * Worked by hand: each group alone gives 20% × 3 = 0.6 against 2.4 for the rest, so 1 优秀 each, 5 in all,
 * where the organisation's 15 people support 20% × 15 = 3. In the office's 全员排名 the quota is counted once:
 * 3 places, shared among the groups by the largest remainder (0.6 each, all equal; equal remainders go to the
 * group whose next person scores higher: 甲 95, 乙 94, 丙 93 against 丁 92, 戊 91), each group giving its place to its
 * own first. The groups' own 排名
 * keep their 1 优秀 each: a group's published result does not change.
 */
const LEADER = OFFICE.owner;
const NAMES = ["甲", "乙", "丙", "丁", "戊"];
const groups = NAMES.map((n, k) =>
  k === 0
    ? { chatId: OFFICE.chatId, name: OFFICE.name, owner: LEADER, members: [...OFFICE.members.slice(0, 2)] }
    : {
        chatId: larkChatId(`quota_${k}`),
        name: `${n}科`,
        owner: { openId: larkOpenId(`quota_lead_${k}`), name: `${n}科长` },
        members: [0, 1, 2].map((j) => ({ openId: larkOpenId(`quota_${k}_${j}`), name: `${n}科员${j}` })),
      },
);
const WANG = { openId: larkOpenId("extra_0"), name: "成员0" };
groups[0]!.members.push(WANG);
const PEOPLE: Person[] = groups.flatMap((g) => [g.owner, ...g.members]);
const SCHEME = {
  name: "比例方案",
  rules: 2,
  dimensions: [{ key: "work", name: "业务", weight: 100 }],
  grades: [{ name: "优秀", quota: "20%" }],
  rankingVisibility: "full",
};
// Group k's people score 95 − k, 85 − k, 75 − k: every group's first beats every group's second.
const score = (k: number, j: number) => 95 - k - 10 * j;

let h: Harness;
const ask = (from: Person, text: string, chatId = OFFICE.chatId) => askIn(h, PEOPLE, from, text, chatId);

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-20T02:00:00Z", memberCount: 1 });
  await h.addBotToOffice();
  for (const g of groups.slice(1)) await addGroup(h, g);
  for (const [k, g] of groups.entries()) {
    expect(await ask(g.owner, `方案 导入 ${JSON.stringify(SCHEME)}`, g.chatId)).not.toContain("错误");
    for (const [j, who] of g.members.entries()) await ask(g.owner, `评分 @${who.name} 业务 ${score(k, j)}`, g.chatId);
  }
  // The office leader configuring first becomes the organisation's admin (the scheme does not calibrate).
  expect(await ask(LEADER, "设置 部门绩效 88")).toContain("已成为本组织的管理员");
});
afterAll(() => h.close());

describe("organisation-wide quota in 全员排名", () => {
  test("篇5「优秀5名，良好5名，以分数高低确定」: five groups of 3 at 20% get 3 优秀 organisation-wide, not 5", async () => {
    const card = await ask(LEADER, "全员排名");
    const rows = [
      ...card.matchAll(/\{"rank":(\d+),"name":"([^"]+)","group":"([^"]+)","total":([\d.]+),"grade":"([^"]+)"\}/g),
    ].map((m) => ({ rank: Number(m[1]), name: m[2]!, group: m[3]!, total: Number(m[4]), grade: m[5]! }));
    expect(rows).toHaveLength(15);
    // Equal remainders (0.6 each): by score (篇5 「以分数高低确定」) 甲 95, 乙 94 and 丙 93 take the three places.
    const lucky = groups
      .slice(0, 3)
      .map((g) => g.members[0]!.name)
      .sort();
    expect(
      rows
        .filter((r) => r.grade === "优秀")
        .map((r) => r.name)
        .sort(),
    ).toEqual(lucky);
    expect(rows.filter((r) => r.grade === "—")).toHaveLength(12);
    expect(card).toContain("全单位优秀：20% × 15 人 = 3 名，按最大余数法分到 5 个群，群内按分数高低确定");
    expect(card).toContain("共 15 人，5 个部门");
  });

  test("each group's own 排名 is unchanged: 20% × 3 = 0.6 still gives its first 优秀", async () => {
    for (const g of groups.slice(1)) {
      const card = await ask(g.members[1]!, "排名", g.chatId);
      expect(card).toContain(
        `{"rank":1,"name":"${g.members[0]!.name}","total":${score(groups.indexOf(g), 0)},"grade":"优秀"}`,
      );
    }
  });
});
