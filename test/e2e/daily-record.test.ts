import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { members, records } from "../../src/db/schema";
import type { MockMessage } from "../../src/channels/local/mock-lark";
import { OFFICE, startHarness, type Harness } from "../support/bot-harness";
import { larkOpenId } from "../support/ids";

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ memberCount: 230 });
});
afterEach(async () => {
  await h.close();
});

const cardOf = (m: MockMessage) =>
  m.parsed as { header: { title: { content: string } }; body: { elements: Record<string, unknown>[] } };
const cardText = (m: MockMessage) => JSON.stringify(m.parsed);

describe("a group's day, end to end", () => {
  test("bot added → members read (paged) → record → receipt → 撤回 → record gone", async () => {
    await h.addBotToOffice();

    // Welcome card in the group.
    const welcome = h.lark.mock.sentMessages({ chatId: OFFICE.chatId });
    expect(welcome).toHaveLength(1);
    expect(cardText(welcome[0]!)).toContain("日报");

    // Members read from the Open API, through several pages (233 people, pages of 100).
    const people = await h.bot.db.select().from(members);
    expect(people).toHaveLength(233);
    const leader = people.find((p) => p.userId === OFFICE.owner.openId);
    expect(leader?.role).toBe("leader");
    expect(leader?.name).toBe("李主任");
    expect(people.filter((p) => p.role === "leader")).toHaveLength(1);

    // 张三 records his day in the group.
    const asked = h.userMessage(larkOpenId("zhang"), "@绩效考核机器人 日报 今天完成了季度报表初稿");
    const res = await h.say(larkOpenId("zhang"), "日报 今天完成了季度报表初稿", { messageId: asked });
    expect(res.status).toBe(200);
    await h.bot.idle();
    const stored = await h.bot.db.select().from(records);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ text: "今天完成了季度报表初稿", date: "2026-11-27" });

    const [receipt] = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).slice(1);
    expect(receipt?.msgType).toBe("interactive");
    expect(receipt?.parentId).toBe(asked); // a reply to his message, not just to some message
    const card = cardOf(receipt!);
    expect(card.header.title.content).toContain("已记录");
    expect(cardText(receipt!)).toContain("今天完成了季度报表初稿");
    expect(cardText(receipt!)).toContain("本月第 1 条记录");
    const undo = card.body.elements.find((e) => e.tag === "button") as {
      behaviors: { value: Record<string, unknown> }[];
    };
    expect(undo.behaviors[0]!.value).toEqual({ action: "record.withdraw", id: stored[0]!.id });

    // Someone else cannot withdraw it.
    const theft = await h.click(larkOpenId("li"), undo.behaviors[0]!.value, receipt!.messageId);
    expect(await theft.json()).toMatchObject({ toast: { type: "error" } });

    // He clicks 撤回: the answer carries a toast and the updated card; the record no longer counts.
    const click = await h.click(larkOpenId("zhang"), undo.behaviors[0]!.value, receipt!.messageId);
    expect(click.status).toBe(200);
    const answer = (await click.json()) as {
      toast: { type: string };
      card: { type: string; data: { header: { title: { content: string } } } };
    };
    expect(answer.toast.type).toBe("success");
    expect(answer.card.type).toBe("raw");
    expect(answer.card.data.header.title.content).toContain("撤回");
    const [after] = await h.bot.db.select().from(records).where(eq(records.id, stored[0]!.id));
    expect(after?.withdrawnAt).toBeInstanceOf(Date);

    // 我的 now shows no records this month.
    await h.say(larkOpenId("zhang"), "我的");
    await h.bot.idle();
    const mine = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!;
    expect(cardText(mine)).toContain("本月还没有记录");
  });

  test("private chat: plain text is today's record, in the group's time zone", async () => {
    await h.addBotToOffice();
    h.clock.set("2026-11-27T16:30:00Z"); // 00:30 on Saturday the 28th in Shanghai
    await h.say(larkOpenId("li"), "整理了档案室", { chatType: "p2p" });
    await h.bot.idle();
    const [r] = await h.bot.db.select().from(records);
    expect(r).toMatchObject({ text: "整理了档案室", date: "2026-11-28" });
    const reply = h.lark.mock.sentMessages({ openId: larkOpenId("li") });
    expect(reply).toHaveLength(1);
    expect(cardText(reply[0]!)).toContain("综合办公室"); // says which group it went to
  });

  test("several records a day, aliases and full-width punctuation", async () => {
    await h.addBotToOffice();
    for (const text of ["日报：上午开会", "记录　下午走访两户", "/report visited the archive", "日报今天写了总结"]) {
      expect((await h.say(larkOpenId("zhang"), text)).status).toBe(200);
    }
    await h.bot.idle();
    const texts = (await h.bot.db.select().from(records)).map((r) => r.text).sort();
    expect(texts).toEqual(["上午开会", "下午走访两户", "今天写了总结", "visited the archive"].sort());
    const replies = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).slice(1);
    expect(cardText(replies[2]!)).toContain("Record no. 3 this month"); // English in, English out
    expect(cardText(replies[3]!)).toContain("本月第 4 条记录");
  });

  test("我的 lists the workdays without a record", async () => {
    await h.addBotToOffice();
    h.clock.set("2026-11-04T03:00:00Z");
    await h.say(larkOpenId("zhang"), "日报 周二的工作");
    h.clock.set("2026-11-05T03:00:00Z");
    await h.say(larkOpenId("zhang"), "我的");
    await h.bot.idle();
    const text = cardText(h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).at(-1)!);
    expect(text).toContain("共 1 条");
    expect(text).toContain("11-02、11-03、11-05"); // Mon, Tue, Thu missing; Wed the 4th recorded
  });

  test("帮助, unknown commands and empty mentions get friendly answers", async () => {
    await h.addBotToOffice();
    await h.say(larkOpenId("zhang"), "帮助");
    await h.say(larkOpenId("zhang"), "日保 写错了命令");
    await h.say(larkOpenId("zhang"), "");
    await h.say(larkOpenId("zhang"), "日报");
    await h.bot.idle();
    const [help, unknown, empty, missing] = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).slice(1).map(cardText);
    expect(help).toContain("我的");
    expect(help).toContain("日报 今天完成了季度报表初稿");
    expect(unknown).toContain("你是想用 **日报** 吗");
    expect(empty).toContain("使用帮助");
    expect(missing).toContain("请在「日报」后写上今天完成的工作");
    expect(await h.bot.db.select().from(records)).toHaveLength(0);
  });

  test("a message from a group the bot never saw registers it on the spot", async () => {
    const res = await h.say(larkOpenId("zhang"), "日报 先发了一条");
    expect(res.status).toBe(200);
    await h.bot.idle();
    expect(await h.bot.db.select().from(records)).toHaveLength(1);
    const people = await h.bot.db.select().from(members);
    expect(people.find((p) => p.userId === larkOpenId("zhang"))?.name).toBe("张三"); // filled in by the sync
    expect(people.find((p) => p.userId === OFFICE.owner.openId)?.role).toBe("leader");
  });
});
