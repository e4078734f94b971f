import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { records } from "../../../src/db/schema";
import { WX, type TestDatabase, type WechatWorld, useWechatWorld } from "../../support/wechat-harness";

let database: TestDatabase;
let world: WechatWorld;
const saidTo = (id: string) => world.sent.filter((m) => m.to === id);

useWechatWorld((w) => ({ database, world } = w));

describe("hostile input in WeChat", () => {
  test("control characters are dropped at the bridge: 整理\\0档案 is stored and read back whole", async () => {
    await world.inRoom("zhang", "日报 核对\u0000台账\u001b", { mentionBot: true });
    // The room registers 张三 first: his private text is then today's record in that group.
    await world.settle();
    await world.privately("zhang", "整理\u0000档案\u0007");
    await world.settle();
    expect(await database.db.select().from(records).where(eq(records.text, "核对台账"))).toHaveLength(1);
    const [stored] = await database.db.select().from(records).where(eq(records.text, "整理档案"));
    expect(stored).toBeDefined();
    expect(saidTo(WX.zhang.id).at(-1)!.text).toContain("整理档案");
  });

  test("a 100 KB message in the room is ignored without an @, and answered as too long with one", async () => {
    const before = world.sent.length;
    await world.inRoom("li", `日报 ${"长".repeat(100_000)}`);
    await world.settle();
    expect(world.sent.length).toBe(before);
    await world.inRoom("li", `排名 ${"长".repeat(60_000)}`, { mentionBot: true });
    await world.settle();
    const answer = saidTo(WX.room.id).at(-1)!.text;
    expect(answer).toContain("消息太长");
    expect(answer.length).toBeLessThan(200);
  });

  test("plain text addressed to the bot in a room: a record suggestion as text, and 你好 a pointer to 帮助", async () => {
    await world.inRoom("li", "今天整理了档案", { mentionBot: true });
    await world.settle();
    expect(saidTo(WX.room.id).at(-1)!.text).toContain("日报 今天整理了档案");
    await world.inRoom("li", "你好", { mentionBot: true });
    await world.settle();
    const hello = saidTo(WX.room.id).at(-1)!.text;
    expect(hello).toContain("帮助");
    expect(hello).not.toContain("日报 你好");
  });
});
