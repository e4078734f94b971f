import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { ratings, records } from "../../../src/db/schema";
import { WX, type TestDatabase, type WechatWorld, useWechatWorld } from "../../support/wechat-harness";
import { groupIdFor, memberIdFor } from "../../../src/db/ids";

let database: TestDatabase;
let world: WechatWorld;
const saidTo = (id: string) => world.sent.filter((m) => m.to === id);
const live = (text: string) =>
  database.db
    .select()
    .from(records)
    .where(and(eq(records.text, text), isNull(records.withdrawnAt)));

useWechatWorld((w) => ({ database, world } = w));

describe("a receipt's 撤回 as a reply", () => {
  test("the receipt tells how to withdraw, and 「撤回 11-27」 withdraws that day's latest record", async () => {
    await world.inRoom("zhang", "日报 整理档案 12 份", { mentionBot: true });
    await world.settle();
    const receipt = saidTo(WX.room.id).at(-1)!.text;
    expect(receipt).toContain("回复「撤回 11-27」");
    expect(await live("整理档案 12 份")).toHaveLength(1);
    await world.inRoom("zhang", "撤回 11-27", { mentionBot: true });
    await world.settle();
    expect(await live("整理档案 12 份")).toHaveLength(0);
    const answer = saidTo(WX.room.id).at(-1)!.text;
    expect(answer).toContain("记录已撤回");
    expect(answer).not.toContain("回复「撤回");
  });

  test("「撤回」 alone takes back one's own latest record, never someone else's", async () => {
    await world.privately("li", "上午接待来访群众");
    await world.privately("zhang", "下午核对报销单据");
    await world.settle();
    await world.privately("li", "撤回");
    await world.settle();
    expect(await live("上午接待来访群众")).toHaveLength(0);
    expect(await live("下午核对报销单据")).toHaveLength(1);
    await world.privately("li", "撤回");
    await world.settle();
    expect(saidTo(WX.li.id).at(-1)!.text).toContain("没有可撤回的记录");
  });

  test("a date it cannot read gets a Chinese answer, nothing is withdrawn", async () => {
    await world.privately("zhang", "撤回 昨天下午");
    await world.settle();
    expect(saidTo(WX.zhang.id).at(-1)!.text).toContain("「昨天下午」不是日期");
    expect(await live("下午核对报销单据")).toHaveLength(1);
  });
});

describe("the 月评议 card answered from WeChat", () => {
  test("the leader's review card says exactly what to type, and 「评议打分 …」 records the ratings", async () => {
    await world.inRoom("leader", "月评", { mentionBot: true });
    await world.settle();
    const card = saidTo(WX.leader.id).find((m) => m.text.includes("月度评议") && m.text.includes("张三"));
    expect(card).toBeDefined();
    const typed = /回复「(评议打分 2026-11 张三 [^」]+) 评语」/u.exec(card!.text);
    expect(typed).not.toBeNull();
    const reply = typed![1]!.replace(/分数/gu, "92");
    await world.privately("leader", `${reply} 工作扎实`);
    await world.settle();
    expect(saidTo(WX.leader.id).at(-1)!.text).toMatch(/已提交 \d+ 项评分/u);
    const rows = await database.db
      .select()
      .from(ratings)
      .where(
        and(
          eq(ratings.memberId, memberIdFor(groupIdFor("wechat", WX.room.id), WX.zhang.id)),
          eq(ratings.raterGroup, "leader"),
        ),
      );
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every(
        (r) => r.score === 92 && r.period === "2026-11" && r.comment === "工作扎实" && r.raterUserId === WX.leader.id,
      ),
    ).toBe(true);
  });

  test("a dimension the scheme does not have, or a score over 100, is refused in Chinese and nothing is stored", async () => {
    const before = (await database.db.select().from(ratings)).length;
    await world.privately("leader", "评议打分 李四 唱歌 90");
    await world.settle();
    expect(saidTo(WX.leader.id).at(-1)!.text).toContain("「唱歌」不是本方案的维度");
    const dimension = /评议打分 2026-11 张三 (\S+) 分数/u.exec(
      saidTo(WX.leader.id).find((m) => m.text.includes("月度评议") && m.text.includes("张三"))!.text,
    )![1]!;
    await world.privately("leader", `评议打分 李四 ${dimension} 120`);
    await world.settle();
    expect(saidTo(WX.leader.id).at(-1)!.text).toContain("须是 0–100 的数");
    expect(await database.db.select().from(ratings)).toHaveLength(before);
  });

  test("a colleague's rating typed in the room is refused: peer ratings are anonymous", async () => {
    const before = (await database.db.select().from(ratings)).length;
    await world.inRoom("li", "评议打分 张三 业务 90", { mentionBot: true });
    await world.settle();
    expect(saidTo(WX.room.id).at(-1)!.text).toContain("互评请私聊我发送");
    expect(await database.db.select().from(ratings)).toHaveLength(before);
  });
});

describe("the report card's 明细 as a reply", () => {
  test("「明细 2026-Q4」 sends the quarter's months", async () => {
    const before = saidTo(WX.zhang.id).length;
    await world.privately("zhang", "明细 2026-Q4");
    await world.settle();
    const got = saidTo(WX.zhang.id)
      .slice(before)
      .map((m) => m.text);
    expect(got).toHaveLength(3);
    expect(got.join("\n")).toMatch(/2026-10[\s\S]*2026-11[\s\S]*2026-12/u);
  });
});
