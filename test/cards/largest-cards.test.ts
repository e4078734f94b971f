/**
 * Every card the bot sends, at the largest sizes it allows (200 members, 40 dimensions,
 * 100 colleagues in a review form, 500 targets, names and texts at their length limits),
 * sent through the project's Lark mock over real HTTP by the production Open API client:
 * the request body Lark measures is the one our client really builds, and the mock refuses
 * it as Lark does (230025 over 30 KB, 230099 over 200 elements or 5 tables).
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appealCard } from "../../cards/appeal";
import { approvalCard } from "../../cards/approval";
import { claimNoticeCard } from "../../cards/claim-notice";
import { detailCard } from "../../cards/detail";
import { digestCard } from "../../cards/digest";
import { goalsCards, MAX_GOALS_PER_YEAR } from "../../cards/goals";
import { helpCard } from "../../cards/help";
import {
  cardBytes,
  countElements,
  countTables,
  MAX_CARD_BYTES,
  MAX_ELEMENTS,
  MAX_TABLES,
  type Rendered,
} from "../../cards/kit";
import { myMonthCard } from "../../cards/my-month";
import { myScoreCard } from "../../cards/my-score";
import { noticeCard, unknownCommandCard } from "../../cards/notice";
import { departmentRankingCard, organisationPeopleCard } from "../../cards/organisation-ranking";
import { rankingCards } from "../../cards/ranking";
import { myPlaceCard, rankingBroadcastCard, rankingBroadcastCards } from "../../cards/ranking-broadcast";
import { receiptCard } from "../../cards/receipt";
import { reminderCard } from "../../cards/reminder";
import { reportCard, reportSummaryCard } from "../../cards/report-card";
import { MAX_COLLEAGUES, reviewCard, reviewCards } from "../../cards/review";
import { schemeCard, templatesCard } from "../../cards/scheme";
import { scoreChangeCard } from "../../cards/score-change";
import { welcomeCard } from "../../cards/welcome";
import { commands } from "../../commands";
import { MAX_RECORD_CHARS } from "../../src/app/records";
import { MAX_TARGETS } from "../../src/app/targets";
import { createLarkOpenApi, type LarkOpenApi } from "../../src/channels/lark/open-api";
import { startMockLarkServer, type MockLarkServer } from "../../src/channels/local/mock-lark";
import { MAX_DIMENSIONS, parseScheme, schemeTemplates, type Dimension } from "../../src/domain/scheme";

/** Ids of the shapes Lark documents: a prefix and 32 lowercase hex characters. */
const larkId = (prefix: "ou_" | "oc_" | "om_", seed: string) =>
  prefix + createHash("sha256").update(seed).digest("hex").slice(0, 32);

/** The sizes the bot allows at most (each bound is enforced where the data comes in). */
const MEMBERS = 200;
/** Names: the roster takes up to 40 characters; Chinese is 3 bytes a character. */
const NAME = 40;
const name = (i: number) => `${"欧阳".repeat(NAME / 2 - 2)}${String(i).padStart(4, "0")}`;
const longGroup = "示范单位综合办公室".repeat(4).slice(0, NAME);

const APP = { appId: "cli_a1b2c3d4e5f6a7b8", appSecret: "largest-cards-secret" };
const LEADER = { openId: larkId("ou_", "leader"), name: name(0) };
const CHAT = larkId("oc_", "office");

let server: MockLarkServer;
let api: LarkOpenApi;
beforeAll(async () => {
  server = await startMockLarkServer({ apps: [APP], tenantKey: "2ed263bf32cf1651" });
  server.mock.addUser(LEADER);
  server.mock.addChat({ chatId: CHAT, name: longGroup, ownerOpenId: LEADER.openId, members: [LEADER] });
  api = createLarkOpenApi({ appId: APP.appId, appSecret: APP.appSecret, domain: server.url });
});
afterAll(() => server.close());

let sent = 0;
/** Sends each card as the outbox does (content = the card as a JSON string) and returns what Lark answered. */
async function sendAll(rendered: readonly Rendered[], to: "chat" | "person" = "chat") {
  const results = [];
  for (const r of rendered) {
    // Fresh time for each send: the mock's 5-per-second limit per chat must not be what refuses.
    server.mock.reset();
    results.push(
      await api.send({
        key: `largest:${sent++}`,
        receiveIdType: to === "chat" ? "chat_id" : "open_id",
        receiveId: to === "chat" ? CHAT : LEADER.openId,
        msgType: "interactive",
        content: JSON.stringify(r.card),
      }),
    );
  }
  return results;
}

/** Lark takes every card, and each is inside the limits with the figures we compute ourselves. */
async function accepted(rendered: readonly Rendered[], to: "chat" | "person" = "chat") {
  for (const r of rendered) {
    const what = r.card.header.title.content;
    expect(cardBytes(r.card), what).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(countElements(r.card), what).toBeLessThanOrEqual(MAX_ELEMENTS);
    expect(countTables(r.card), what).toBeLessThanOrEqual(MAX_TABLES);
  }
  const results = await sendAll(rendered, to);
  expect(results).toEqual(rendered.map(() => expect.objectContaining({ ok: true })));
}

const rows = Array.from({ length: MEMBERS }, (_, i) => ({
  rank: i + 1,
  name: name(i + 1),
  total: 99.99 - i / 100,
  grade: "基本称职",
}));

/** A scheme at MAX_DIMENSIONS nodes, names and keys at their limits. */
function dimensions(topLevel: number): Dimension[] {
  const children = MAX_DIMENSIONS / topLevel - 1;
  const weight = (n: number, i: number) => (i < n - 1 ? Math.floor(100 / n) : 100 - Math.floor(100 / n) * (n - 1));
  return Array.from({ length: topLevel }, (_, i) => ({
    key: `d${i}_${"k".repeat(36)}`.slice(0, 40),
    name: `维度${i}${"考核".repeat(19)}`.slice(0, 40),
    weight: weight(topLevel, i),
    bonusCapPct: 10,
    ...(children
      ? {
          children: Array.from({ length: children }, (_, j) => ({
            key: `d${i}c${j}_${"k".repeat(34)}`.slice(0, 40),
            name: `指标${i}-${j}${"考核".repeat(19)}`.slice(0, 40),
            weight: weight(children, j),
          })),
        }
      : {}),
  }));
}
const dims40 = dimensions(MAX_DIMENSIONS).map((d) => ({ key: d.key, name: d.name, weight: d.weight }));

describe("the ranking, at 200 members with 40-character names", () => {
  test("排名 (leader, full, top, private views) is sent as cards Lark takes, and every place is on one", async () => {
    for (const visibility of ["leader", "full", "top", "private"] as const) {
      const shown = visibility === "top" ? rows.slice(0, 10) : visibility === "private" ? [] : rows;
      const cards = rankingCards({
        groupName: longGroup,
        month: "2026-11",
        rows: shown,
        headcount: MEMBERS,
        visibility,
        myPlace: rows[150]!,
        lang: "zh",
      });
      await accepted(cards);
      const all = cards.map((c) => JSON.stringify(c.card)).join("");
      for (const r of shown) expect(all).toContain(r.name);
      if (cards.length > 1) expect(JSON.stringify(cards[0]!.card)).toContain("后面的名次见下一张卡片");
    }
  });

  test("the monthly broadcast with full visibility: several cards, in order, every member on one", async () => {
    const broadcastRows = rows.map((r, i) => ({ ...r, movement: i % 3 === 0 ? null : (i % 7) - 3 }));
    const view = {
      groupName: longGroup,
      month: "2026-11",
      rows: broadcastRows,
      headcount: MEMBERS,
      average: 88.88,
      redFlag: { groupName: longGroup, average: 91.23, isThisGroup: false },
      lang: "zh" as const,
    };
    // One card with everyone is what Lark refused (230025): the mock refuses it too.
    const [single] = await sendAll([rankingBroadcastCard({ ...view, visibility: "full" })]);
    expect(single).toMatchObject({ ok: false, retry: false, error: expect.stringContaining("230025") });

    const cards = rankingBroadcastCards({ ...view, visibility: "full" });
    expect(cards.length).toBeGreaterThan(1);
    await accepted(cards);
    const tables = cards.map((c) =>
      (c.card.body.elements.find((e) => e.tag === "table") as { rows: { rank: number }[] }).rows.map((r) => r.rank),
    );
    expect(tables.flat()).toEqual(rows.map((r) => r.rank)); // every place once, in order
    expect(JSON.stringify(cards[0]!.card)).toContain('"tag":"chart"');
    expect(cards[0]!.card.header.title.content).toContain(`（第 1/${cards.length} 张）`);
    for (const visibility of ["top", "private"] as const)
      await accepted(rankingBroadcastCards({ ...view, visibility }));
    await accepted(
      [
        myPlaceCard({
          name: name(1),
          month: "2026-11",
          rank: 1,
          headcount: MEMBERS,
          total: 99.99,
          grade: "优秀",
          movement: -3,
          lang: "zh",
        }),
      ],
      "person",
    );
  });
});

describe("forms and scheme cards at 40 dimensions", () => {
  test("月评议: leader and self forms, and peer forms offering 100 colleagues, or all 199 over several cards", async () => {
    const base = {
      groupId: "grp_0123456789abcdef",
      groupName: longGroup,
      month: "2026-11",
      dimensions: dims40,
      lang: "zh" as const,
    };
    const memberId = (i: number) => `mem_${createHash("sha256").update(String(i)).digest("hex").slice(0, 24)}`;
    const offered = (cards: Rendered[]) =>
      cards.flatMap((f) => JSON.stringify(f.card).match(/"value":"mem_[0-9a-f]+"/g) ?? []);
    await accepted(
      [
        reviewCard({ ...base, kind: "leader", subject: { id: memberId(0), name: name(0) } }),
        reviewCard({ ...base, kind: "self", subject: { id: memberId(0), name: name(0) } }),
      ],
      "person",
    );

    // Everyday names: one form holds the 100 colleagues a select offers.
    const everyday = reviewCards({
      ...base,
      kind: "peer",
      colleagues: Array.from({ length: MAX_COLLEAGUES }, (_, i) => ({
        id: memberId(i),
        name: `张${"三四五六七八九十"[i % 8]}${i}`,
      })),
    });
    expect(everyday).toHaveLength(1);
    await accepted(everyday, "person");
    expect(offered(everyday)).toHaveLength(MAX_COLLEAGUES);

    // 199 colleagues with 40-character names: several forms, nobody left out of the choice.
    const all = reviewCards({
      ...base,
      kind: "peer",
      colleagues: Array.from({ length: MEMBERS - 1 }, (_, i) => ({ id: memberId(i), name: name(i) })),
    });
    expect(all.length).toBeGreaterThan(1);
    await accepted(all, "person");
    expect(offered(all)).toHaveLength(MEMBERS - 1);
    expect(all[0]!.card.header.title.content).toContain(`（1/${all.length}）`);
  });

  test("方案 with 40 dimensions (flat, and as a tree), every template, and the templates card", async () => {
    for (const top of [MAX_DIMENSIONS, 4]) {
      const parsed = parseScheme({
        name: longGroup,
        dimensions: dimensions(top),
        raters: { leader: 60, peer: 30, self: 10 },
        grades: [
          { name: "优秀", min: 90, quota: "20%" },
          { name: "称职", min: 60 },
        ],
        prizes: [500, 300, 100],
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const r = schemeCard({ scheme: parsed.scheme, version: 12, isDefault: false, since: "2026-11-27", lang: "zh" });
      expect(r.card.body.elements.map((e) => JSON.stringify(e)).join("")).not.toContain("未列出"); // nothing cut
      await accepted([r]);
    }
    for (const tpl of schemeTemplates) {
      const parsed = parseScheme(tpl.scheme);
      if (!parsed.ok) throw new Error(tpl.id);
      await accepted([schemeCard({ scheme: parsed.scheme, version: 1, isDefault: true, lang: "zh" })]);
    }
    // Every template with its source and note (issue 14 item 6), as 方案 模板 sends it.
    await accepted([templatesCard(schemeTemplates, "zh")]);
  });

  test("成绩, 成绩单 (quarter and year), the group's summary and an appeal, at 40 dimensions", async () => {
    const explanation = Array.from({ length: 200 }, (_, i) => `第${i}行：${"计算".repeat(40)}`);
    await accepted(
      [
        myScoreCard({
          name: name(1),
          month: "2026-11",
          schemeName: longGroup,
          total: 96.2,
          rank: 1,
          headcount: MEMBERS,
          grade: "优秀",
          dimensions: dims40.map((d) => ({
            name: d.name,
            weight: d.weight,
            score: 99.99,
            points: 2.5,
            bonus: 1.25,
            deduction: 0.5,
          })),
          extra: 2,
          missing: dims40.map((d) => d.name),
          explanation,
          notes: ["同事互评不足 3 人的项暂不计入。"],
          lang: "zh",
        }),
      ],
      "person",
    );
    for (const quarter of ["2026-Q4", "2026"]) {
      await accepted(
        [
          reportCard({
            name: name(1),
            period: quarter,
            groupId: "grp_0123456789abcdef",
            groupName: longGroup,
            total: 96.25,
            rank: 1,
            headcount: MEMBERS,
            grade: "优秀",
            prize: 500,
            pay: 12345.67,
            dimensions: dims40.map((d) => ({ name: d.name, mine: 99.99, average: 88.88 })),
            trend: Array.from({ length: 12 }, (_, i) => ({
              month: `2026-${String(i + 1).padStart(2, "0")}`,
              mine: 90 + i / 10,
              average: 85 + i / 10,
            })),
            comments: Array.from({ length: 10 }, () => ({ by: name(0), text: "评语".repeat(200) })),
            calibration: "部门绩效 92 ÷ 本群平均 88.88 = ×1.0351",
            publication: { windowEnds: "2027-01-10", version: 3, final: false },
            lang: "zh",
          }),
        ],
        "person",
      );
    }
    await accepted([
      reportSummaryCard({
        period: "2026-Q4",
        groupName: longGroup,
        headcount: MEMBERS,
        average: 88.88,
        grades: [
          { name: "优秀", count: 40 },
          { name: "称职", count: 160 },
        ],
        top: rows.slice(0, 10),
        lang: "zh",
      }),
    ]);
    await accepted(
      [
        appealCard({
          appealId: "apl_0123456789abcdef",
          appealNo: 12,
          appellant: name(3),
          groupName: longGroup,
          periodLabel: "2026 年第四季度",
          reason: "理由".repeat(1000),
          total: 88.88,
          rank: 120,
          headcount: MEMBERS,
          dimensions: dims40.map((d) => ({ key: d.key, name: d.name })),
          lang: "zh",
        }),
      ],
      "person",
    );
  });
});

describe("lists at their largest", () => {
  test(`目标 with ${MAX_GOALS_PER_YEAR} targets of 100-character titles: several cards, every target listed`, async () => {
    const goals = Array.from({ length: MAX_GOALS_PER_YEAR }, (_, i) => ({
      seq: i + 1,
      period: "2026-Q4",
      who: name(i % MEMBERS),
      dimension: dims40[i % 40]!.name,
      title: "完".repeat(98) + "12",
      planned: 123456.78,
      unit: "个项目",
      done: 3,
    }));
    const cards = goalsCards({ groupName: longGroup, periodLabel: "2026-11", rows: goals, lang: "zh" });
    expect(cards.length).toBeGreaterThan(1);
    await accepted(cards);
    const listed = cards.flatMap((c) =>
      (c.card.body.elements.find((e) => e.tag === "table") as { rows: { seq: string }[] }).rows.map((r) => r.seq),
    );
    expect(listed).toEqual(goals.map((g) => `目标${g.seq}`));
  });

  test("the office's 全员排名 and 部门排名 of a whole organisation point to 导出 for the rest", async () => {
    const people = Array.from({ length: 10_000 }, (_, i) => ({
      rank: i + 1,
      id: `m${i}`,
      name: name(i),
      groupId: `g${i % 300}`,
      groupName: `${longGroup}${i % 300}`,
      raw: 99.99,
      total: 88.88,
    }));
    const org = organisationPeopleCard({ month: "2026-11", people, groups: 300, lang: "zh" });
    expect(org.text).toContain(people.at(-1)!.name);
    expect(JSON.stringify(org.card)).toContain("完整名单请发「导出 2026-11」");
    const departments = Array.from({ length: 1000 }, (_, i) => ({
      rank: i + 1,
      groupId: `g${i}`,
      groupName: `${longGroup}${i}`,
      headcount: 30,
      rawAverage: 95,
      average: 88,
      calibration: { average: 95, performance: 88, factor: 0.9263 },
    }));
    await accepted([org, departmentRankingCard({ month: "2026-11", departments, lang: "zh" })]);
  });

  test("明细, 我的, 待审批 digest, approvals, receipts and score changes with the longest texts", async () => {
    const at = new Date("2026-11-20T02:00:00Z");
    const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
    const detail = {
      records: many(300, (i) => ({ date: "2026-11-20", text: "记录".repeat(MAX_RECORD_CHARS / 2) + i, at })),
      claims: many(100, () => ({
        kind: "bonus",
        status: "approved",
        evidence: "证据".repeat(500),
        at,
        decision: { decision: "approved", by: name(0), at, comment: "意见".repeat(100), points: 2 },
      })),
      ratings: many(100, () => ({
        dimension: "village",
        group: "leader",
        score: 90,
        by: name(0),
        at,
        comment: "评语".repeat(100),
      })),
      peers: many(40, () => ({ dimension: "village", count: 5, average: 88 })),
      adjustments: many(100, () => ({
        dimension: "village",
        points: 2,
        reason: "原因".repeat(100),
        by: name(0),
        at,
        revoked: false,
      })),
      awards: many(100, () => ({ level: "city", reason: "事由".repeat(100), by: name(0), at, revoked: false })),
    };
    const decided = {
      kind: "decided" as const,
      decision: "adjusted" as const,
      by: name(0),
      at: "11-28 10:32",
      comment: "意见".repeat(100),
      points: 3,
    };
    await accepted(
      [
        detailCard({
          name: name(1),
          month: "2026-11",
          detail,
          names: new Map(),
          awardLabel: (l) => l,
          when: () => "11-20 10:00",
          lang: "zh",
        }),
        myMonthCard({
          name: name(1),
          month: "2026-11",
          records: many(300, () => ({ date: "2026-11-02", text: "记".repeat(MAX_RECORD_CHARS) })),
          workdaysSoFar: 21,
          missing: many(21, (i) => `2026-11-${String(i + 1).padStart(2, "0")}`),
          lang: "zh",
        }),
        digestCard({
          groupName: longGroup,
          items: many(500, (i) => ({ who: name(i), what: "申报".repeat(500), since: "11-20" })),
          lang: "zh",
        }),
        ...[{ kind: "pending" as const }, decided].map((state) =>
          approvalCard({
            claimId: "clm_0123456789abcdef",
            claimNo: 999,
            claimant: name(1),
            groupName: longGroup,
            kindLabel: "申报加分",
            lines: many(40, (i) => `维度${i}：+2`),
            evidence: "证".repeat(MAX_RECORD_CHARS),
            points: 20,
            projection: { before: 80, after: 82 },
            state,
            lang: "zh",
          }),
        ),
        receiptCard({
          recordId: "rec_0123456789abcdef",
          date: "2026-11-28",
          text: "长".repeat(MAX_RECORD_CHARS),
          monthCount: 31,
          groupName: longGroup,
          lang: "zh",
        }),
        scoreChangeCard({
          kind: "bonus",
          who: many(MAX_TARGETS, (i) => name(i)),
          lines: [`${dims40[0]!.name} +20`, `原因：${"原因".repeat(100)}`],
          warning: "超过加分上限".repeat(20),
          lang: "zh",
        }),
        claimNoticeCard({
          kind: "adjusted",
          what: "申报".repeat(500),
          by: name(0),
          comment: "意见".repeat(100),
          points: 3,
          leaders: 10,
          lang: "zh",
        }),
        reminderCard({ name: name(1), date: "2026-11-27", lang: "zh" }),
      ],
      "person",
    );
  });

  test("帮助 (zh and en), the welcome card and short notices", async () => {
    await accepted([
      helpCard(commands, "zh"),
      helpCard(commands, "en"),
      welcomeCard("zh"),
      welcomeCard("en"),
      unknownCommandCard("排".repeat(60_000), undefined, "zh"),
      noticeCard({ title: "出错了", body: "这条消息没有处理成功。", colour: "red" }),
    ]);
  });
});
