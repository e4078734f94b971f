import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { auditLog } from "../../../src/db/schema";
import { manualClock } from "../../support/bot-harness";
import { WX, type TestDatabase, type WechatWorld, useWechatWorld } from "../../support/wechat-harness";

let database: TestDatabase;
let world: WechatWorld;
const clock = manualClock("2026-11-27T02:00:00Z");
const saidTo = (id: string) => world.sent.filter((m) => m.to === id);

useWechatWorld((w) => ({ database, world } = w), { clock });

describe("绑定 codes cannot be guessed", () => {
  test("someone in no group yet hears that the code is wrong and how many tries are left", async () => {
    await world.privately("zhang", "绑定 000001");
    await world.settle();
    const said = saidTo(WX.zhang.id)
      .map((m) => m.text)
      .join("\n");
    expect(said).toContain("绑定码无效或已过期");
    expect(said).toContain("还可再试 4 次");
  });

  test("a room gets 5 wrong codes in 10 minutes, then must wait; other chats are not held up", async () => {
    for (let i = 1; i <= 5; i++) {
      await world.inRoom("li", `绑定 10000${i}`, { mentionBot: true });
      await world.settle();
      expect(saidTo(WX.room.id).at(-1)!.text).toContain(i < 5 ? `还可再试 ${5 - i} 次` : "10 分钟内不能再试了");
    }
    clock.set("2026-11-27T02:04:00Z");
    await world.inRoom("leader", "绑定 123456", { mentionBot: true });
    await world.settle();
    expect(saidTo(WX.room.id).at(-1)!.text).toMatch(/绑定码错误次数过多[\s\S]*请 6 分钟后再试/u);
    const failures = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "link.failed"), eq(auditLog.actorUserId, WX.room.id)));
    expect(failures).toHaveLength(5); // the refused try is not even looked up

    // The room's count is the room's: 李四 privately still has his own tries.
    await world.privately("li", "绑定 200000");
    await world.settle();
    expect(saidTo(WX.li.id).at(-1)!.text).toContain("还可再试 4 次");

    // Ten minutes after the first wrong codes, the room may try again.
    clock.set("2026-11-27T02:10:01Z");
    await world.inRoom("leader", "绑定 123457", { mentionBot: true });
    await world.settle();
    expect(saidTo(WX.room.id).at(-1)!.text).toContain("绑定码无效或已过期");
  });

  test("a person's wrong codes are counted once per message, in private chat too", async () => {
    // The first wrong code (at 02:00) has left the window: five new ones.
    for (let i = 1; i <= 5; i++) {
      await world.privately("zhang", `绑定 30000${i}`);
      await world.settle();
    }
    await world.privately("zhang", "绑定 300009");
    await world.settle();
    expect(saidTo(WX.zhang.id).at(-1)!.text).toContain("绑定码错误次数过多");
    const failures = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "link.failed"), eq(auditLog.actorUserId, WX.zhang.id)));
    expect(failures.filter((f) => f.at.getTime() > Date.parse("2026-11-27T02:00:00Z"))).toHaveLength(5);
  });
});
