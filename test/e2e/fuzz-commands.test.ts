import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { commands } from "../../commands";
import { botAddedEvent } from "../../src/channels/local/lark-events";
import { like } from "drizzle-orm";
import { claims, leaves, outbox, records } from "../../src/db/schema";
import { charCount } from "../../src/domain/text";
import { APP, startHarness, TENANT, TOKEN, type Harness } from "../support/bot-harness";
import { larkChatId, larkOpenId } from "../support/ids";

/**
 * Generated input through the real webhook: every command word (Chinese and
 * English, with or without "/") × argument shapes people and accidents
 * produce — dates in and out of range, odd numbers, huge text, control
 * characters, many mentions, full-width punctuation — from a leader and from
 * staff, in the group and privately, with ids of the shapes Lark documents.
 * Every message must be answered, and no answer may be an apology (「出错了」,
 * a crash), a 5xx, or a validator's raw English.
 */

const NAMES =
  "赵一 钱二 孙三 李四 周五 吴六 郑七 王八 冯九 陈十 褚甲 卫乙 蒋丙 沈丁 韩戊 杨己 朱庚 秦辛 尤壬 许癸 何子 吕丑".split(
    " ",
  );

let h: Harness;
const chatId = larkChatId("fuzz-group");
const leader = { openId: larkOpenId("fuzz-leader"), name: "周主任" };
const staff = NAMES.map((name, i) => ({ openId: larkOpenId(`fuzz-staff-${i}`), name }));

beforeAll(async () => {
  h = await startHarness();
  h.lark.mock.addChat({ chatId, name: "业务三科", ownerOpenId: leader.openId, members: [leader, ...staff] });
  const res = await h.post(
    botAddedEvent({ token: TOKEN, appId: APP.appId, tenantKey: TENANT, chatId, operatorOpenId: leader.openId }),
  );
  expect(res.status).toBe(200);
  await h.bot.idle();
}, 60_000);
afterAll(() => h.close());

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The words that invoke a command: its name, Chinese aliases, English aliases bare, with "/" and full-width. */
const wordsOf = (c: (typeof commands)[number]) => [
  c.name,
  ...c.aliases.flatMap((a) => (/^[a-z]/i.test(a) ? [a, `/${a}`, `／${a.toUpperCase()}`] : [a])),
];

const date = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([m, d]) => `${pad(m)}-${pad(d)}`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([m, d]) => `${m}-${d}`),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
  fc.tuple(fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 32 })).map(([m, d]) => `${m}月${d}日`),
  fc.constantFrom(
    "11-27",
    "11-26",
    "2026-11-20",
    "12-31",
    "01-05",
    "02-29",
    "2026-02-30",
    "２０２６－１１－２０",
    "明天",
    "上周五",
  ),
);
const period = fc.constantFrom(
  "上月",
  "本月",
  "10月",
  "13月",
  "2026-10",
  "2026-13",
  "2026-Q4",
  "2026-Q5",
  "2026q3",
  "2026",
  "9999",
  "last month",
  "",
);
const number = fc.oneof(
  fc.integer({ min: -1_000, max: 1_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom("0", "-0", "1e309", "0x10", "NaN", "Infinity", "２", "1.005", "20.01", "100", "101", "9".repeat(40)),
);
const dimension = fc.constantFrom(
  "业务",
  "联村",
  "作风",
  "单位业务",
  "出勤",
  "village",
  "不存在",
  "市级",
  "省级",
  "国家级",
  "加分",
);
const control = fc.constantFrom("\u0000", "\u0007", "\u001b", "\u007f", "\u202e", "\u200b", "\ud800", "\t", "\n");
const text = fc.oneof(
  fc.string({ maxLength: 40, unit: "grapheme" }),
  fc.constantFrom(
    "牵头完成秋收调度",
    "整理了档案",
    "酌情扣分",
    "表现一般",
    "drafted the quarterly report",
    "获市级先进个人",
  ),
  fc.tuple(fc.string({ maxLength: 10 }), control, fc.string({ maxLength: 10 })).map(([a, c, b]) => `${a}${c}${b}`),
);
const punctuation = fc.constantFrom(" ", "  ", "：", ":", "，", "　", "、", "；");

/** Some of the group, @mentioned: none, one, a team, or more than a command allows. */
const mentioned = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 },
  { arbitrary: fc.integer({ min: 10, max: NAMES.length }), weight: 1 },
);

const huge = fc
  .tuple(fc.constantFrom("长", "a ", "😀", "档案"), fc.constantFrom(1_001, 2_001, 5_000, 31_000))
  .map(([c, n]) => c.repeat(n));

/** Arguments in the shapes commands take (a date first, dimension and points, a period…), filled with good and bad values. */
const argument = fc
  .oneof(
    fc.tuple(date, fc.option(text, { nil: undefined })).map(([d, t]) => [d, t]),
    fc.tuple(date, date, fc.option(text, { nil: undefined })).map(([a, b, t]) => [a, b, t]),
    fc.tuple(dimension, number, text).map((a) => [...a]),
    fc.tuple(period).map((a) => [...a]),
    fc.tuple(number, text).map((a) => [...a]),
    huge.map((t) => [t]),
    fc.array(fc.oneof(date, period, number, dimension, text), { maxLength: 5 }),
  )
  .map((args) => args.filter((a): a is string => a !== undefined));

interface Input {
  leader: boolean;
  p2p: boolean;
  text: string;
  mentions: { openId: string; name: string }[];
}

const input: fc.Arbitrary<Input> = fc
  .record({
    word: fc.constantFrom(...commands).chain((c) => fc.constantFrom(...wordsOf(c))),
    sep: punctuation,
    args: argument,
    people: mentioned,
    leader: fc.boolean(),
    p2p: fc.boolean(),
  })
  .map(({ word, sep, args, people, leader: asLeader, p2p }) => {
    const team = p2p ? [] : staff.slice(0, people);
    const text = [word, ...team.map((p) => `@${p.name}`), ...args].join(sep);
    return { leader: asLeader, p2p, text, mentions: team };
  });

/** zod's English defaults, and its zh-CN locale's type names: a person must never read these. */
const RAW_VALIDATOR =
  /Too big|Too small|expected [a-z]+|Invalid input|Invalid (string|number|option|format|element|key)|invalid_type|invalid_value|期望 (string|number)/;

let sent = 0;

async function sendAll(batch: Input[]) {
  const asked = await Promise.all(
    batch.map(async (i) => {
      const who = i.leader ? leader : staff[(sent++ % 5) + 15]!;
      const chat = i.p2p ? h.lark.mock.store.p2pChat(APP.appId, who.openId).chatId : chatId;
      const messageId = h.userMessage(who.openId, i.text, chat);
      const res = await h.say(who.openId, i.text, {
        chatId: chat,
        chatType: i.p2p ? "p2p" : "group",
        messageId,
        mentions: i.mentions,
      });
      return { i, chat, messageId, status: res.status };
    }),
  );
  await h.bot.idle();
  for (const a of asked) {
    const where = `${a.i.leader ? "leader" : "staff"} ${a.i.p2p ? "p2p" : "group"}: ${JSON.stringify(a.i.text.slice(0, 120))}`;
    expect(a.status, where).toBe(200);
    // What the bot queued in answer (keys "m:<message_id>:n"); delivery is paced at Lark's 5/s per chat, and the clock here stands still.
    const replies = await h.bot.db
      .select()
      .from(outbox)
      .where(like(outbox.key, `m:${a.messageId}:%`));
    expect(replies.length, `${where}: answered`).toBeGreaterThan(0);
    for (const r of replies) {
      expect(r.content, where).not.toContain("出错了");
      expect(r.content, where).not.toMatch(RAW_VALIDATOR);
      // A reply quotes what it must, never a wall of what was typed (receipts of a 2,000-character record are the longest).
      expect(r.content.length, where).toBeLessThan(20_000);
    }
  }
}

test("generated commands × arguments through the webhook: every one answered, none with 出错了, a 5xx or validator English", async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261202);
  await fc.assert(
    fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 8 }), async (batch) => {
      await sendAll(batch);
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 70), seed, endOnFailure: true },
  );
  // Whatever was stored holds no control characters, and no record outgrew its limit.
  const stored = [
    ...(await h.bot.db.select().from(records)).map((r) => ({ what: "record", text: r.text })),
    ...(await h.bot.db.select().from(claims)).map((c) => ({ what: `claim ${c.kind}`, text: c.evidence })),
    ...(await h.bot.db.select().from(leaves)).map((l) => ({ what: "leave", text: l.reason ?? "" })),
  ];
  expect(stored.length).toBeGreaterThan(10);
  for (const { what, text } of stored) {
    expect(text, what).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/);
    expect(charCount(text), `${what}: ${text.slice(0, 60)}`).toBeLessThanOrEqual(what === "leave" ? 500 : 2_000);
  }
}, 180_000);
