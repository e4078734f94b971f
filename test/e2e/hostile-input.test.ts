import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { botAddedEvent } from "../../src/channels/local/lark-events";
import type { MockMessage } from "../../src/channels/local/mock-lark";
import { adjustments, appeals, leaves, records } from "../../src/db/schema";
import { APP, startHarness, TENANT, TOKEN, type Harness } from "../support/bot-harness";
import { larkChatId, larkOpenId } from "../support/ids";

/**
 * Hostile and careless input through the real webhook, in a group whose ids
 * have the shapes Lark documents (ou_/oc_/om_ + 32 hex): out-of-range dates,
 * twenty mentions, huge arguments, control characters, and plain text that
 * is no command.
 */

// Two-character names: none is a prefix of another, so "@name" is one person.
const NAMES =
  "赵一 钱二 孙三 李四 周五 吴六 郑七 王八 冯九 陈十 褚甲 卫乙 蒋丙 沈丁 韩戊 杨己 朱庚 秦辛 尤壬 许癸 何子".split(" ");

let h: Harness;
const chatId = larkChatId("hostile-group");
const leader = { openId: larkOpenId("hostile-leader"), name: "周主任" };
const staff = NAMES.map((name, i) => ({ openId: larkOpenId(`hostile-staff-${i}`), name }));

beforeAll(async () => {
  h = await startHarness();
  h.lark.mock.addChat({ chatId, name: "业务二科", ownerOpenId: leader.openId, members: [leader, ...staff] });
  const res = await h.post(
    botAddedEvent({ token: TOKEN, appId: APP.appId, tenantKey: TENANT, chatId, operatorOpenId: leader.openId }),
  );
  expect(res.status).toBe(200);
  await h.bot.idle();
}, 60_000);
afterAll(() => h.close());

/** Says something in the group (or privately) and returns the bot's reply to it, as Lark shows it. */
async function ask(
  who: { openId: string },
  text: string,
  o: { p2p?: boolean; mentions?: { openId: string; name: string }[] } = {},
): Promise<MockMessage> {
  const chat = o.p2p ? h.lark.mock.store.p2pChat(APP.appId, who.openId).chatId : chatId;
  const messageId = h.userMessage(who.openId, text, chat);
  const res = await h.say(who.openId, text, {
    chatId: chat,
    chatType: o.p2p ? "p2p" : "group",
    messageId,
    mentions: o.mentions,
  });
  expect(res.status).toBe(200);
  await h.bot.idle();
  const reply = h.lark.mock.sentMessages({ chatId: chat }).find((m) => m.parentId === messageId);
  expect(reply, `a reply to ${text.slice(0, 40)}`).toBeDefined();
  return reply!;
}

const shown = (m: MockMessage) => JSON.stringify(m.parsed);
const title = (m: MockMessage) => (m.parsed as { header: { title: { content: string } } }).header.title.content;

describe("out-of-range dates get their own answer", () => {
  const cases: [string, RegExp][] = [
    ["补报 13-45 整理了档案", /没有 13 月/],
    ["请假 13-45", /没有 13 月/],
    ["请假 00-00", /没有 0 月/],
    ["补报 9999-99-99 整理了档案", /年份不对/],
    ["补报 2026-12-32 整理了档案", /2026 年 12 月只有 31 天/],
    ["补报 2026-02-30 整理了档案", /2026 年 2 月只有 28 天/],
    ["请假 11-31", /11 月只有 30 天/],
    ["撤回 02-30", /2 月只有 28 天/],
    ["补报 2026-12-25 整理了档案", /还没到/],
  ];
  for (const [text, expected] of cases) {
    test(text, async () => {
      const reply = await ask(staff[0]!, text);
      expect(title(reply)).not.toContain("出错了");
      expect(shown(reply)).toMatch(expected);
    });
  }

  test("设置 上班 13-45 (a leader): the date is refused and nothing is saved", async () => {
    const reply = await ask(leader, "设置 上班 13-45");
    expect(title(reply)).toBe("看不懂日期");
    expect(shown(reply)).toMatch(/没有 13 月/);
    const far = await ask(leader, "设置 放假 2031-01-01");
    expect(title(far)).toBe("年份太远");
  });

  test("no leave was stored by any of them", async () => {
    expect(await h.bot.db.select().from(leaves)).toEqual([]);
  });
});

describe("many mentions", () => {
  test("加分 for twelve people, each @mentioned: every one of them gets it", async () => {
    const team = staff.slice(0, 12);
    const text = `加分 ${team.map((p) => `@${p.name}`).join(" ")} 业务 1 联合完成专项检查`;
    const reply = await ask(leader, text, { mentions: team });
    expect(title(reply)).not.toBe("哪个维度？");
    expect(shown(reply)).toContain("共 12 人");
    const rows = await h.bot.db.select().from(adjustments).where(eq(adjustments.reason, "联合完成专项检查"));
    expect(rows).toHaveLength(12);
  });

  test("twenty, the most the README promises, and a twenty-first is refused as one too many", async () => {
    const team = staff.slice(0, 20);
    const reply = await ask(leader, `加分 ${team.map((p) => `@${p.name}`).join(" ")} 业务 1 牵头完成年度档案整理`, {
      mentions: team,
    });
    expect(shown(reply)).toContain("共 20 人");
    expect(
      await h.bot.db.select().from(adjustments).where(eq(adjustments.reason, "牵头完成年度档案整理")),
    ).toHaveLength(20);
    const over = await ask(leader, `加分 ${staff.map((p) => `@${p.name}`).join(" ")} 业务 1 参与年度档案整理`, {
      mentions: staff,
    });
    expect(shown(over)).toContain("一次最多 20 人");
  });
});

describe("huge arguments are quoted as an excerpt, in Chinese", () => {
  test("排名 followed by 60,000 characters: refused as too long, not echoed", async () => {
    const reply = await ask(staff[1]!, `排名 ${"长".repeat(60_000)}`);
    expect(title(reply)).toBe("消息太长");
    expect(reply.content.length).toBeLessThan(1_000);
  });

  test("排名 followed by 5,000 characters: the unknown month is quoted in twenty", async () => {
    const reply = await ask(staff[1]!, `排名 ${"长".repeat(5_000)}`);
    expect(shown(reply)).toContain(`看不懂月份「${"长".repeat(20)}…」`);
    expect(reply.content.length).toBeLessThan(1_000);
  });

  test("申诉 + 3,000 characters: the limit in Chinese, no validator English", async () => {
    const reply = await ask(staff[2]!, `申诉 ${"我认为九月联村工作的加分没有计入".repeat(200)}`);
    expect(shown(reply)).toContain("申诉理由最多 1000 字");
    expect(shown(reply)).not.toMatch(/Too big|expected|Invalid/);
    expect(await h.bot.db.select().from(appeals)).toEqual([]);
  });

  test("in English, the limit speaks English", async () => {
    const reply = await ask(staff[2]!, `/appeal ${"my september bonus is missing ".repeat(100)}`);
    expect(shown(reply)).toContain("At most 1000 characters");
    expect(shown(reply)).not.toMatch(/Too big|expected/);
  });

  test("a reason past 500 characters is refused with a count, not cut short", async () => {
    const reason = "协助完成专项检查".repeat(70);
    const reply = await ask(leader, `加分 @${staff[3]!.name} 业务 1 ${reason}`, { mentions: [staff[3]!] });
    expect(shown(reply)).toContain(`原因最多 500 字（这次 ${reason.length} 字）`);
  });

  test("reply decisions and targets: a reason or title past what their cards allow is refused with a count", async () => {
    const reject = await ask(leader, `驳回 1 ${"依据不足".repeat(60)}`);
    expect(shown(reject)).toContain("理由最多 200 字（这次 240 字）");
    const uphold = await ask(leader, `维持申诉 1 ${"加分已计入".repeat(70)}`);
    expect(shown(uphold)).toContain("理由最多 300 字（这次 350 字）");
    const goal = await ask(leader, `目标 @${staff[3]!.name} 业务 完成${"城北片区".repeat(30)}12个项目`, {
      mentions: [staff[3]!],
    });
    expect(shown(goal)).toContain("目标最多 100 字");
  });

  test("请假 with a 600-character reason: refused, nothing stored", async () => {
    const reply = await ask(staff[3]!, `请假 12-10 ${"年".repeat(600)}`);
    expect(shown(reply)).toContain("请假原因最多 500 字");
    expect(await h.bot.db.select().from(leaves)).toEqual([]);
  });
});

describe("control characters are dropped on the way in", () => {
  test("整理\\0档案 is stored and read back whole, privately and in the group", async () => {
    await ask(staff[4]!, "整理\u0000档案\u0007室", { p2p: true });
    await ask(staff[4]!, "日报 核对\u0000\u001b台账\t和\n报表");
    const texts = (await h.bot.db.select().from(records)).map((r) => r.text);
    expect(texts).toContain("整理档案室");
    expect(texts).toContain("核对台账 和 报表");
    expect(texts.join("")).not.toMatch(/[\u0000-\u0008\u001b]/);
    const reply = await ask(staff[4]!, "我的", { p2p: true });
    expect(shown(reply)).toContain("整理档案室");
  });
});

describe("plain text in a group", () => {
  test("text that reads like work: did you mean 日报 …? Only the sender's click files it, once", async () => {
    const writer = staff[5]!;
    const reply = await ask(writer, "今天整理了档案");
    expect(title(reply)).toBe("要记为日报吗？");
    expect(shown(reply)).toContain("日报 今天整理了档案");
    const card = reply.parsed as {
      body: { elements: { tag: string; behaviors?: { value: Record<string, unknown> }[] }[] };
    };
    const value = card.body.elements.find((e) => e.tag === "button")!.behaviors![0]!.value;

    // Someone else clicks: a toast, no record.
    const other = await h.click(staff[6]!.openId, value, reply.messageId, chatId);
    expect(await other.json()).toMatchObject({
      toast: { type: "warning", content: "只有发这条消息的人可以把它记为日报" },
    });
    expect(await h.bot.db.select().from(records).where(eq(records.text, "今天整理了档案"))).toEqual([]);

    // The writer clicks: filed as today's record, and the card becomes its receipt.
    const mine = await h.click(writer.openId, value, reply.messageId, chatId);
    const answer = (await mine.json()) as {
      toast: { type: string };
      card: { data: { header: { title: { content: string } } } };
    };
    expect(answer.toast.type).toBe("success");
    expect(answer.card.data.header.title.content).toBe("已记录 ✓");
    const filed = await h.bot.db.select().from(records).where(eq(records.text, "今天整理了档案"));
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ date: "2026-11-27", sourceMessageId: value.message });

    // A second click finds it there.
    const again = await h.click(writer.openId, value, reply.messageId, chatId);
    expect(await again.json()).toMatchObject({ toast: { type: "info", content: "这条已经记为日报了" } });
    expect(await h.bot.db.select().from(records).where(eq(records.text, "今天整理了档案"))).toHaveLength(1);
  });

  test("a click on another day does not file it as that day's work", async () => {
    const writer = staff[7]!;
    const reply = await ask(writer, "上午参加了全市档案工作会议");
    const card = reply.parsed as {
      body: { elements: { tag: string; behaviors?: { value: Record<string, unknown> }[] }[] };
    };
    const value = card.body.elements.find((e) => e.tag === "button")!.behaviors![0]!.value;
    h.clock.set("2026-11-28T02:00:00Z");
    try {
      const late = await h.click(writer.openId, value, reply.messageId, chatId);
      expect(await late.json()).toMatchObject({ toast: { type: "warning" } });
      expect(await h.bot.db.select().from(records).where(eq(records.text, "上午参加了全市档案工作会议"))).toEqual([]);
    } finally {
      h.clock.set("2026-11-27T02:00:00Z");
    }
  });

  test("你好 gets a friendly pointer, not a record suggestion", async () => {
    for (const text of ["你好", "大家好！", "谢谢", "hello"]) {
      const reply = await ask(staff[8]!, text);
      expect(shown(reply), text).not.toContain("record.suggested");
      expect(shown(reply), text).toMatch(/帮助|\/help/);
    }
    expect(title(await ask(staff[8]!, "你好"))).toBe("你好 👋");
  });

  test("a question or a near-miss command is not offered as a record", async () => {
    const question = await ask(staff[8]!, "排名什么时候出来？");
    expect(shown(question)).not.toContain("record.suggested");
    const typo = await ask(staff[8]!, "日保 今天整理了档案");
    expect(shown(typo)).toContain("你是想用 **日报** 吗");
  });
});
