import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-26T02:00:00Z" });
  await h.addBotToOffice();
});
afterAll(() => h.close());

const LEADER = OFFICE.owner;
const ZHANG = OFFICE.members[0]!;
const leaderCards = () => h.lark.mock.sentMessages({ openId: LEADER.openId }).map((m) => JSON.stringify(m.parsed));

describe("scheduled jobs, in the group's time zone, once per period", () => {
  test("the morning digest reaches leaders with pending claims, once a day, not at night or on weekends", async () => {
    await h.say(ZHANG.openId, "申报 加分 联村 2 牵头完成秋收调度");
    await h.bot.idle();
    const before = leaderCards().length;
    expect((await h.bot.runJobs(new Date("2026-11-26T22:00:00Z"))).filter((r) => r.kind === "pending-digest")).toEqual(
      [],
    ); // 06:00
    const first = await h.bot.runJobs(new Date("2026-11-27T01:05:00Z")); // Friday 09:05 in Shanghai
    expect(first.find((r) => r.kind === "pending-digest")).toMatchObject({ period: "2026-11-27", queued: 1 });
    await h.bot.idle();
    expect(leaderCards().length).toBe(before + 1);
    expect(leaderCards().at(-1)).toContain("待审批 1 项");
    expect(
      (await h.bot.runJobs(new Date("2026-11-27T01:35:00Z"))).find((r) => r.kind === "pending-digest")?.queued,
    ).toBe(0);
    expect((await h.bot.runJobs(new Date("2026-11-28T01:05:00Z"))).some((r) => r.kind === "pending-digest")).toBe(
      false,
    ); // Saturday
  });

  test("月评议 cards go out on the month's last workday afternoon, once", async () => {
    const runs = await h.bot.runJobs(new Date("2026-11-30T07:10:00Z")); // Monday 30 November, 15:10
    const review = runs.find((r) => r.kind === "monthly-review");
    expect(review).toMatchObject({ period: "2026-11" });
    // The leader rates 张三 and 李四; the default scheme has self and peer groups, so 3 + 3 more.
    expect(review!.queued).toBe(2 + 3 + 3);
    await h.bot.idle();
    expect(leaderCards().filter((c) => c.includes("月度评议 · 2026-11"))).toHaveLength(2);
    expect(
      (await h.bot.runJobs(new Date("2026-11-30T09:00:00Z"))).find((r) => r.kind === "monthly-review")?.queued,
    ).toBe(0);
  });
});
