/**
 * The sizes the cards are built for are bounds the bot enforces where the data comes in, with a
 * clear answer: a scheme of more than 40 dimensions (sub-items included) and a group's 501st
 * target of a year are refused; up to the bound everything is shown, over as many cards as it
 * takes. Through the real webhook, ids of Lark's shapes.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MAX_GOALS_PER_YEAR } from "../../cards/goals";
import { goals, schemes } from "../../src/db/schema";
import { botAddedEvent, textMessageEvent } from "../../src/channels/local/lark-events";
import { MAX_DIMENSIONS } from "../../src/domain/scheme";
import { APP, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { larkChatId, larkOpenId, larkTenantKey } from "../support/ids";

const TENANT = larkTenantKey("bounds-tenant");
const CHAT = larkChatId("bounds-chat");
const LEADER = { openId: larkOpenId("bounds-leader"), name: "李主任" };
/** Eight at a time: with the bot that is nine mentions (ten garble today: issue 12 item 8, another branch). */
const PEOPLE = Array.from({ length: 8 }, (_, i) => ({
  openId: larkOpenId(`bounds-${i}`),
  name: `成员${"甲乙丙丁戊己庚辛"[i]}`,
}));

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-11-27T02:00:00Z" });
  for (const p of [LEADER, ...PEOPLE]) h.lark.mock.addUser(p);
  h.lark.mock.addChat({ chatId: CHAT, name: "综合办公室", ownerOpenId: LEADER.openId, members: [LEADER, ...PEOPLE] });
  await h.post(
    botAddedEvent({ token: TOKEN, appId: APP.appId, tenantKey: TENANT, chatId: CHAT, operatorOpenId: LEADER.openId }),
  );
  await h.bot.idle();
});
afterAll(() => h.close());

/** The leader says something in the group; returns the bot's replies to that message, as JSON text. */
async function say(text: string, mentions: typeof PEOPLE = []): Promise<string[]> {
  const messageId = h.lark.mock.addUserMessage({
    chatId: CHAT,
    openId: LEADER.openId,
    content: JSON.stringify({ text }),
  }).messageId;
  const res = await h.post(
    textMessageEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      chatId: CHAT,
      chatType: "group",
      senderOpenId: LEADER.openId,
      messageId,
      text: `@绩效考核机器人 ${text}`,
      mentions: [{ openId: APP.botOpenId, name: "绩效考核机器人" }, ...mentions],
    }),
  );
  expect(res.status).toBe(200);
  await h.bot.idle();
  return h.lark.mock
    .sentMessages({ chatId: CHAT })
    .filter((m) => m.parentId === messageId)
    .map((m) => JSON.stringify(m.parsed));
}

/** A scheme of `n` top-level dimensions whose weights add up to 100. */
const scheme = (n: number) => ({
  name: "大方案",
  dimensions: Array.from({ length: n }, (_, i) => ({
    key: `d${i}`,
    name: `维度${i}`,
    weight: i < n - 1 ? Math.floor(100 / n) : 100 - Math.floor(100 / n) * (n - 1),
  })),
});

describe("bounds with a clear answer", () => {
  test(`a scheme of ${MAX_DIMENSIONS + 1} dimensions is refused and nothing is saved; ${MAX_DIMENSIONS} are taken`, async () => {
    const [refused] = await say(`方案 导入 ${JSON.stringify(scheme(MAX_DIMENSIONS + 1))}`);
    expect(refused).toContain(`方案最多 ${MAX_DIMENSIONS} 个维度和指标（含子项），这份有 ${MAX_DIMENSIONS + 1} 个`);
    expect(await h.bot.db.select().from(schemes)).toEqual([]);
    const [taken] = await say(`方案 导入 ${JSON.stringify(scheme(MAX_DIMENSIONS))}`);
    expect(taken).toContain("方案已更新");
    expect(await h.bot.db.select().from(schemes)).toHaveLength(1);
    // And 方案 shows all of them, none cut.
    const [shown] = await say("方案");
    for (let i = 0; i < MAX_DIMENSIONS; i++) expect(shown).toContain(`维度${i}（d${i}）`);
  });

  test(`a group's targets stop at ${MAX_GOALS_PER_YEAR} a year with a clear answer; 目标 lists every one of them`, async () => {
    const at = PEOPLE.map((p) => `@${p.name}`).join(" ");
    while (true) {
      const [row] = await h.bot.db.all<{ n: number }>(sql`select count(*) as n from goals`);
      const left = MAX_GOALS_PER_YEAR - row!.n;
      if (left <= 0) break;
      const who = PEOPLE.slice(0, Math.min(PEOPLE.length, left));
      const [answer] = await say(`目标 ${who.map((p) => `@${p.name}`).join(" ")} 维度0 完成12个项目 本季`, who);
      expect(answer).toContain("已设目标");
    }
    expect(await h.bot.db.select().from(goals)).toHaveLength(MAX_GOALS_PER_YEAR);
    const [refused] = await say(`目标 ${at} 维度0 完成12个项目 本季`, PEOPLE);
    expect(refused).toContain(`本群 2026 年已有 ${MAX_GOALS_PER_YEAR} 个目标，每年最多 ${MAX_GOALS_PER_YEAR} 个`);
    expect(await h.bot.db.select().from(goals)).toHaveLength(MAX_GOALS_PER_YEAR);

    const cards = await say("目标 本季");
    expect(cards.length).toBeGreaterThan(1);
    const listed = cards.flatMap((c) =>
      (JSON.parse(c) as { body: { elements: { tag: string; rows?: { seq: string }[] }[] } }).body.elements
        .find((e) => e.tag === "table")!
        .rows!.map((r) => r.seq),
    );
    expect(listed).toEqual(Array.from({ length: MAX_GOALS_PER_YEAR }, (_, i) => `目标${i + 1}`));
  }, 300_000);
});
