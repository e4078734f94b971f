/**
 * Issue 13 through the CLI (`npm run score`): the seed rules (篇N + line) on template schemes, with the figures
 * worked by hand in seed-rules.test.ts. One case runs the real npm script in a child process; the rest call runScore.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_INVALID, EXIT_OK, runScore } from "../../../scripts/score";
import { schemeTemplates } from "../../../src/domain/scheme";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const template = (id: string) => schemeTemplates.find((t) => t.id === id)!.scheme;
const dir = mkdtempSync(join(tmpdir(), "score-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VILLAGE_KEYS = ["economy", "governance", "party", "stability"];
const even = (people: { id: string; score: number; coefficient?: number }[], keys: string[], extra = {}) => ({
  members: people.map((p) => ({ id: p.id, name: p.id, ...(p.coefficient ? { coefficient: p.coefficient } : {}) })),
  ratings: people.flatMap((p) => keys.map((k) => ({ member: p.id, dimension: k, rater: "leader", score: p.score }))),
  ...extra,
});

/** runScore on in-memory files. */
function score(scheme: unknown, inputs: unknown, ...flags: string[]) {
  const files: Record<string, string> = { "s.json": JSON.stringify(scheme), "i.json": JSON.stringify(inputs) };
  return runScore(["s.json", "i.json", ...flags], (f) => files[f] ?? "");
}
const members = (out: { stdout: string }) =>
  (JSON.parse(out.stdout) as { members: { id: string; total: number; rank: number; prize: number; pay: number }[] })
    .members;

describe("npm run score with the seed rules", () => {
  it("篇5 line 95 (npm run score, child process): 88 × 1.083 stays 88.00 behind 92; pay split 5088.09 / 4911.91", () => {
    writeFileSync(join(dir, "village.json"), JSON.stringify(template("village")));
    const data = even(
      [
        { id: "daling", score: 88, coefficient: 1.083 },
        { id: "heyan", score: 92 },
      ],
      VILLAGE_KEYS,
      {
        pool: 10000,
      },
    );
    writeFileSync(join(dir, "inputs.json"), JSON.stringify(data));
    const out = spawnSync(
      "npm",
      ["run", "--silent", "score", "--", join(dir, "village.json"), join(dir, "inputs.json"), "--kind=year"],
      { cwd: root, encoding: "utf8", timeout: 120_000 },
    );
    expect(out.status).toBe(EXIT_OK);
    expect(members(out).map((m) => [m.id, m.total, m.rank, m.prize, m.pay])).toEqual([
      ["heyan", 92, 1, 900, 4911.91],
      ["daling", 88, 2, 600, 5088.09],
    ]);
  });

  it("篇5 line 95: --explain shows the coefficient inside the pay formula only", () => {
    const data = even(
      [
        { id: "daling", score: 88, coefficient: 1.083 },
        { id: "heyan", score: 92 },
      ],
      VILLAGE_KEYS,
      {
        pool: 10000,
      },
    );
    const out = score(template("village"), data, "--explain", "--kind=year");
    expect(out.stdout).toContain(
      "daling：总分 = 经济发展 22.00 + 社会管理 22.00 + 党的建设 22.00 + 社会稳定 22.00 = 88.00 分",
    );
    expect(out.stdout).toContain("Σ(总分 × 系数) 187.30 × 本人 88.00 × 系数 1.083 = 95.30 → 5088.09 元");
  });

  it("篇5 line 99: a national award adds 5 beside the 3-point 附加分 cap: 80 + 5 + min(4, 3) = 88", () => {
    const scheme = { rules: 2, name: "单项", dimensions: [{ key: "work", name: "工作", weight: 100 }], extraCap: 3 };
    const data = {
      members: [{ id: "m1", name: "张三" }],
      ratings: [{ member: "m1", dimension: "work", rater: "leader", score: 80 }],
      awards: [{ member: "m1", level: "national", reason: "获全国先进个人" }],
      extras: [{ member: "m1", points: 4, reason: "承办全县现场会" }],
    };
    expect(members(score(scheme, data))[0]?.total).toBe(88);
    const { rules: _, ...before } = scheme;
    expect(members(score(before, data))[0]?.total).toBe(83); // stored before: 80 + min(5 + 4, 3)
  });

  it("篇5 line 98: 优秀5名 by rank — the first of twelve with 89 is 优秀; a month pays no prize (line 101)", () => {
    const ids = Array.from({ length: 12 }, (_, i) => ({ id: `u${String(i + 1).padStart(2, "0")}`, score: 89 - i }));
    const out = score(template("stationed-unit"), even(ids, ["cooperation", "reputation", "study", "business"]));
    const result = JSON.parse(out.stdout) as { members: { grade: string; prize: number }[] };
    expect(result.members.map((m) => m.grade)).toEqual([
      ...Array(5).fill("优秀"),
      ...Array(5).fill("良好"),
      "合格",
      "合格",
    ]);
    expect(result.members.every((m) => m.prize === 0)).toBe(true);
    expect(
      members(
        score(template("stationed-unit"), even(ids, ["cooperation", "reputation", "study", "business"]), "--kind=year"),
      )
        .map((m) => m.prize)
        .slice(0, 4),
    ).toEqual([900, 600, 300, 0]);
  });

  it("篇5 line 98 (small group): 20% of 3 says what it did — 0.6 by largest remainder → 1", () => {
    const out = score(
      template("unit-staff"),
      even(
        [
          { id: "a", score: 95 },
          { id: "b", score: 90 },
          { id: "c", score: 85 },
        ],
        ["village", "business", "conduct"],
      ),
      "--explain",
    );
    expect(out.stdout).toContain("等次：优秀（按名次，20% × 3 人 = 0.6，按最大余数法取 1 名）");
  });

  it("篇9 line 193: quarters 80, 80, 90, 90 and a half-year review of 70 at 30% → 80.50", () => {
    const scheme = {
      ...template("unit-staff"),
      yearReviews: [{ key: "midyear", name: "半年综合管理评价", weight: 30 }],
    };
    const q = (s: number) => even([{ id: "a", score: s }], ["village", "business", "conduct"]);
    const out = score(
      scheme,
      { quarters: [q(80), q(80), q(90), q(90)], reviews: { midyear: [{ id: "a", name: "张三", score: 70 }] } },
      "--kind=year",
    );
    expect(out.code).toBe(EXIT_OK);
    // 0.7 × (80 + 80 + 90 + 90) / 4 + 0.3 × 70 = 59.5 + 21 = 80.5.
    expect(JSON.parse(out.stdout).members[0].total).toBe(80.5);
  });

  it("篇6 line 122: the 中层 民测 is shown, the leaders score: 民测 60 and leaders 90 → 90", () => {
    const keys = ["charge", "village", "study"];
    const data = {
      members: [{ id: "a", name: "王站长" }],
      ratings: keys.flatMap((k) => [
        { member: "a", dimension: k, rater: "peer", score: 60, by: "p1" },
        { member: "a", dimension: k, rater: "leader", score: 90, by: "l1" },
      ]),
    };
    expect(members(score(template("section-leader"), data))[0]?.total).toBe(90);
  });

  it("item 8: a rater group nothing records (third_party: 30) is refused with a reason, exit 2", () => {
    const out = score({ ...template("stationed-unit"), raters: { leader: 70, third_party: 30 } }, { members: [] });
    expect(out.code).toBe(EXIT_INVALID);
    expect(out.stderr).toContain(
      "s.json: raters.third_party: 评价主体「第三方」（third_party）目前没有任何途径录入评分",
    );
  });
});
