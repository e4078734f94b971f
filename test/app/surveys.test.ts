/**
 * src/app/surveys.ts on a real libSQL file: a code is spent once however many submissions race for
 * it, answers racing the close are either counted or refused (never recorded and left out), and a
 * close interrupted after its first write is finished by the next.
 */
import { and, eq, isNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { addMember, registerGroup } from "../../src/app/groups";
import { answerSurvey, closeSurvey, countVotes, openSurvey, surveyLeaf } from "../../src/app/surveys";
import type { Database } from "../../src/db/database";
import { groups, members, ratings, schemes, surveys, type Group, type Member } from "../../src/db/schema";
import { parseScheme } from "../../src/domain/scheme";
import { openTestDatabase } from "../support/db";
import { larkChatId, larkOpenId } from "../support/ids";

let t: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Database;
let group: Group;
let people: Member[];
const now = new Date("2026-11-20T02:00:00Z");
const LEADER = larkOpenId("survey-leader");

const SCHEME = {
  name: "窗口单位",
  dimensions: [
    { key: "work", name: "业务工作", weight: 70 },
    { key: "image", name: "公众形象", weight: 30 },
  ],
  raters: { leader: 70, public: 30 },
};

beforeEach(async () => {
  t = await openTestDatabase();
  db = t.db;
  const reg = registerGroup(
    db,
    { platform: "lark", tenantKey: "2ed263bf32cf1651", chatId: larkChatId("survey") },
    { timezone: "Asia/Shanghai", now },
  );
  await reg.write;
  group = (await db.select().from(groups).where(eq(groups.id, reg.id)))[0]!;
  for (const seed of ["survey-leader", "survey-a", "survey-b"])
    await addMember(db, group.id, larkOpenId(seed), now).write;
  people = await db.select().from(members);
  await db
    .insert(schemes)
    .values({ id: "sch_survey", groupId: group.id, version: 1, name: SCHEME.name, json: SCHEME, source: "import" });
});
afterEach(() => t.dispose());

async function open(codes: number, minSample: number) {
  const r = await openSurvey(db, {
    group,
    month: "2026-11",
    dimension: "公众形象",
    member: null,
    codes,
    minSample,
    by: LEADER,
    now,
  });
  if (r.code !== "ok") throw new Error(r.code);
  await db.batch(r.writes as never);
  return r;
}

describe("surveys on a real database", () => {
  test("twenty submissions racing with one code: exactly one counts", async () => {
    const { survey, codes } = await open(3, 1);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        answerSurvey(db, {
          publicKey: survey.publicKey,
          code: codes[0]!,
          choice: i % 2 ? "good" : "poor",
          comment: null,
          now,
        }),
      ),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "used-code")).toHaveLength(19);
    const counts = await countVotes(db, survey);
    expect(counts.good + counts.fair + counts.poor).toBe(1);
  });

  test("answers racing the close are counted in its result or refused as closed", async () => {
    const { survey, codes } = await open(40, 1);
    const answers = codes.map((code) =>
      answerSurvey(db, { publicKey: survey.publicKey, code, choice: "fair", comment: null, now }),
    );
    const closing = closeSurvey(db, { survey, by: LEADER, now }).then(async (r) => {
      if (r.code === "ok") await db.batch(r.writes as never);
      return r;
    });
    const [outcomes, closed] = await Promise.all([Promise.all(answers), closing]);
    expect(closed.code).toBe("ok");
    const accepted = outcomes.filter((o) => o === "ok").length;
    expect(outcomes.every((o) => o === "ok" || o === "closed")).toBe(true);
    const [row] = await db.select().from(surveys).where(eq(surveys.id, survey.id));
    expect(row!.sample).toBe(accepted);
  });

  test("a close cut short after closing is finished by the next, and feeds every active member", async () => {
    const { survey, codes } = await open(4, 2);
    for (const [i, choice] of (["good", "good", "fair"] as const).entries())
      expect(await answerSurvey(db, { publicKey: survey.publicKey, code: codes[i]!, choice, comment: null, now })).toBe(
        "ok",
      );
    // The first close ran its own UPDATE, then its batch was lost (a crash before commit).
    const first = await closeSurvey(db, { survey, by: LEADER, now });
    expect(first.code).toBe("ok");
    const [half] = await db.select().from(surveys).where(eq(surveys.id, survey.id));
    expect(half).toMatchObject({ status: "closed", sample: null });
    const again = await closeSurvey(db, { survey: half!, by: LEADER, now });
    expect(again.code).toBe("ok");
    if (again.code !== "ok") return;
    await db.batch(again.writes as never);
    // (2 × 100 + 60) ÷ 3 = 86.666… → 86.67
    expect(again.result).toEqual({ sample: 3, score: 86.67, counted: true });
    const fed = await db
      .select()
      .from(ratings)
      .where(and(eq(ratings.raterGroup, "public"), isNull(ratings.supersededAt)));
    expect(fed.map((r) => r.memberId).sort()).toEqual(people.map((p) => p.id).sort());
    expect(new Set(fed.map((r) => r.score))).toEqual(new Set([86.67]));
    const [done] = await db.select().from(surveys).where(eq(surveys.id, survey.id));
    expect(await closeSurvey(db, { survey: done!, by: LEADER, now })).toMatchObject({ code: "already-closed" });
  });

  test("a later survey on the same leaf replaces the earlier one's rating, never averaged with it", async () => {
    const first = await open(2, 1);
    await answerSurvey(db, {
      publicKey: first.survey.publicKey,
      code: first.codes[0]!,
      choice: "poor",
      comment: null,
      now,
    });
    const c1 = await closeSurvey(db, { survey: first.survey, by: LEADER, now });
    if (c1.code === "ok") await db.batch(c1.writes as never);
    const second = await open(2, 1);
    await answerSurvey(db, {
      publicKey: second.survey.publicKey,
      code: second.codes[0]!,
      choice: "good",
      comment: null,
      now,
    });
    const c2 = await closeSurvey(db, { survey: second.survey, by: LEADER, now });
    if (c2.code === "ok") await db.batch(c2.writes as never);
    const live = await db
      .select()
      .from(ratings)
      .where(and(eq(ratings.raterGroup, "public"), isNull(ratings.supersededAt)));
    expect(live).toHaveLength(people.length);
    expect(new Set(live.map((r) => r.score))).toEqual(new Set([100]));
  });

  test("only a leaf rated by people, in a scheme with a 群众 rater group, can be surveyed", () => {
    const parsed = parseScheme({
      name: "x",
      dimensions: [
        { key: "a", name: "考勤", weight: 50, source: "attendance" },
        { key: "b", name: "业务", weight: 50, children: [{ key: "b1", name: "计划", weight: 100 }] },
      ],
      raters: { leader: 80, public: 20 },
    });
    if (!parsed.ok) throw new Error("scheme");
    expect(surveyLeaf(parsed.scheme, "考勤")).toEqual({ code: "computed-leaf", name: "考勤" });
    expect(surveyLeaf(parsed.scheme, "业务")).toEqual({ code: "not-a-leaf", name: "业务" });
    expect(surveyLeaf(parsed.scheme, "计划")).toEqual({ code: "ok", key: "b1", name: "计划" });
    const noPublic = parseScheme({ name: "y", dimensions: [{ key: "a", name: "业务", weight: 100 }] });
    if (!noPublic.ok) throw new Error("scheme");
    expect(surveyLeaf(noPublic.scheme, "业务")).toEqual({ code: "no-public-rater" });
  });
});
