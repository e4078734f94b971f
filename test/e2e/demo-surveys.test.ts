import { and, eq, isNotNull } from "drizzle-orm";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { silentLogger } from "../../src/bot/deps";
import { DEMO_GROUPS, DEMO_SURVEY, DEMO_TENANT, LOCAL_APP } from "../../src/channels/local/demo";
import { textMessageEvent } from "../../src/channels/local/lark-events";
import { loadConfig } from "../../src/config";
import { groups, surveyCodes, surveys } from "../../src/db/schema";
import { localDate, monthOf } from "../../src/domain/dates";
import { startNodeBot, type NodeBot } from "../../src/node/start";
import { docSeal } from "../support/lark-seal";

/**
 * The playground's demo history (issue 14: 「The playground demo includes … a survey with answers」): after the real
 * seeding, 综合办公室's survey of 单位管理学习作风 was opened by its leader, answered on the survey page with 26 printed
 * codes (19 满意, 6 基本满意, 1 不满意), and closed, so each member's 成绩 this month shows the 群众评价 and its sample.
 */
let dir: string;
let bot: NodeBot;
const g1 = DEMO_GROUPS[0]!;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "appraisal-demo-surveys-"));
  bot = await startNodeBot(loadConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "demo.db")}` }), {
    log: silentLogger,
  });
}, 120_000);
afterAll(async () => {
  await bot?.close();
  await rm(dir, { recursive: true, force: true });
});

test("综合办公室's survey was opened by its leader, answered once per code on the page, and closed", async () => {
  const [group] = await bot.db.select().from(groups).where(eq(groups.chatId, g1.chatId));
  const list = await bot.db.select().from(surveys).where(eq(surveys.groupId, group!.id));
  expect(list).toHaveLength(1);
  const survey = list[0]!;
  // Hand-worked: (19 × 100 + 6 × 60 + 1 × 0) ÷ 26 = 86.923… → 86.92.
  expect(survey).toMatchObject({
    seq: 1,
    source: "page",
    status: "closed",
    dimension: "conduct",
    memberId: null,
    minSample: DEMO_SURVEY.minSample,
    sample: 26,
    score: 86.92,
    byUserId: g1.owner.openId,
    period: monthOf(localDate(new Date(), group!.timezone)),
  });
  const codes = await bot.db.select().from(surveyCodes).where(eq(surveyCodes.surveyId, survey.id));
  expect(codes).toHaveLength(DEMO_SURVEY.codes);
  const answered = await bot.db
    .select()
    .from(surveyCodes)
    .where(and(eq(surveyCodes.surveyId, survey.id), isNotNull(surveyCodes.answeredAt)));
  expect(answered).toHaveLength(26);
  expect(new Set(answered.map((a) => a.code)).size).toBe(26);
  const tally = (k: string) => answered.filter((a) => a.choice === k).length;
  expect([tally("good"), tally("fair"), tally("poor")]).toEqual([19, 6, 1]);
  expect(answered.filter((a) => a.comment).map((a) => a.comment)).toEqual(
    expect.arrayContaining(Object.values(DEMO_SURVEY.comments)),
  );
}, 60_000);

test("张三's 成绩 this month shows the 群众评价 of 单位管理学习作风 with its sample size", async () => {
  const mock = bot.local!.mock;
  const zhang = g1.members[0]!;
  const text = "@_user_1 成绩";
  const messageId = mock.addUserMessage({
    chatId: g1.chatId,
    openId: zhang.openId,
    content: JSON.stringify({ text }),
  }).messageId;
  const event = textMessageEvent({
    token: LOCAL_APP.verificationToken,
    appId: LOCAL_APP.appId,
    tenantKey: DEMO_TENANT,
    chatId: g1.chatId,
    chatType: "group",
    senderOpenId: zhang.openId,
    text: `@${LOCAL_APP.botName} 成绩`,
    messageId,
    mentions: [{ openId: LOCAL_APP.botOpenId, name: LOCAL_APP.botName }],
  });
  const sealed = docSeal(event, { encryptKey: LOCAL_APP.encryptKey, timestamp: Math.floor(Date.now() / 1000) });
  const res = await fetch(`${bot.url}/lark/events`, { method: "POST", headers: sealed.headers, body: sealed.body });
  expect(res.status).toBe(200);
  const [reply] = await mock.waitForMessages((m) => m.parentId === messageId, { timeoutMs: 30_000 });
  expect(JSON.stringify(reply!.parsed)).toContain("单位管理学习作风：群众评价 86.92 分（样本 26 份）");
  // The item's explanation counts the 26 answers, not one rater (review defect: it said 「1 人平均」).
  expect(JSON.stringify(reply!.parsed)).toContain("群众 86.92（问卷，样本 26 份）");
  expect(JSON.stringify(reply!.parsed)).not.toContain("人平均");
}, 60_000);
