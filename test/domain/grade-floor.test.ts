/**
 * 优秀 with a floor on one dimension, worked by hand from 篇9: 公众形象 weighs 30% (line 193 「由原来的25%
 * 提高到30%」) and a unit 「综合成绩排名很靠前，但公众形象测评分数低影响了表彰」 (line 186).
 */
import { describe, expect, test } from "vitest";
import { gradesWithFloor } from "../../src/domain/grade-floor";
import { parseScheme, type Scheme } from "../../src/domain/scheme";

const json = {
  name: "市直单位绩效考核",
  dimensions: [
    { key: "work", name: "工作实绩", weight: 40 },
    { key: "manage", name: "综合管理", weight: 30 },
    { key: "public", name: "公众形象", weight: 30 },
  ],
  grades: [
    { name: "优秀", min: 85, quota: 1 },
    { name: "良好", min: 70 },
  ],
  gradeFloor: { grade: "优秀", dimension: "public", min: 80 },
  confirmGrades: true,
  followUpBelow: 60,
};

function scheme(over: Record<string, unknown> = {}): Scheme {
  const parsed = parseScheme({ ...json, ...over });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scheme;
}

/**
 * 甲: 100, 100, 70 → 40 + 30 + 21 = 91.00, first on the total, but 公众形象 70 < 80.
 * 乙: 90, 85, 90 → 36 + 25.5 + 27 = 88.50. 丙: 80, 80, 80 → 80.00.
 * Without the floor: 甲 优秀 (the one place), 乙 良好 (88.5 ≥ 85 but the place is taken), 丙 良好.
 */
const units = [
  { id: "jia", total: 91, dimensions: { work: 100, manage: 100, public: 70 } },
  { id: "yi", total: 88.5, dimensions: { work: 90, manage: 85, public: 90 } },
  { id: "bing", total: 80, dimensions: { work: 80, manage: 80, public: 80 } },
];
const engine = new Map([
  ["jia", "优秀"],
  ["yi", "良好"],
  ["bing", "良好"],
]);

describe("gradesWithFloor", () => {
  test("篇9: the first unit's low 公众形象 keeps it from 优秀; the place passes to the next who meets both lines", () => {
    const s = scheme();
    const out = gradesWithFloor(s.grades, s.gradeFloor, units, engine);
    expect(out.get("jia")).toEqual({
      grade: "良好",
      blocked: { grade: "优秀", dimension: "public", score: 70, min: 80 },
    });
    expect(out.get("yi")).toEqual({ grade: "优秀" });
    expect(out.get("bing")).toEqual({ grade: "良好" });
  });

  test("at the floor exactly is enough (inclusive, to the cent), and then the engine's grades stand", () => {
    const s = scheme();
    const atFloor = units.map((u) => (u.id === "jia" ? { ...u, dimensions: { ...u.dimensions, public: 80 } } : u));
    const out = gradesWithFloor(s.grades, s.gradeFloor, atFloor, engine);
    expect([...out].map(([id, o]) => [id, o.grade, o.blocked])).toEqual([
      ["jia", "优秀", undefined],
      ["yi", "良好", undefined],
      ["bing", "良好", undefined],
    ]);
    const justBelow = units.map((u) => (u.id === "jia" ? { ...u, dimensions: { ...u.dimensions, public: 79.99 } } : u));
    expect(gradesWithFloor(s.grades, s.gradeFloor, justBelow, engine).get("jia")!.grade).toBe("良好");
  });

  test("a tie at the top: the blocked one drops, the other keeps 优秀 even past its quota of 1 (ties never split)", () => {
    const s = scheme({
      grades: [
        { name: "优秀", min: 85, quota: 1 },
        { name: "良好", min: 70 },
      ],
    });
    const tied = [
      { id: "a", total: 90, dimensions: { public: 60 } },
      { id: "b", total: 90, dimensions: { public: 95 } },
      { id: "c", total: 86, dimensions: { public: 95 } },
    ];
    const out = gradesWithFloor(
      s.grades,
      s.gradeFloor,
      tied,
      new Map([
        ["a", "优秀"],
        ["b", "优秀"],
        ["c", "良好"],
      ]),
    );
    expect([...out].map(([id, o]) => `${id}:${o.grade}`)).toEqual(["a:良好", "b:优秀", "c:良好"]);
  });

  test("a blocked person reaching no lower grade's minimum gets none; without a floor nothing changes", () => {
    const s = scheme({ grades: [{ name: "优秀", min: 85 }] });
    const out = gradesWithFloor(s.grades, s.gradeFloor, [units[0]!], new Map([["jia", "优秀"]]));
    expect(out.get("jia")!.grade).toBeNull();
    const plain = scheme({ gradeFloor: undefined });
    expect(gradesWithFloor(plain.grades, plain.gradeFloor, units, engine).get("jia")).toEqual({ grade: "优秀" });
  });
});

describe("the scheme's grade options", () => {
  test("are kept as given; absent ones stay absent", () => {
    const s = scheme();
    expect([s.confirmGrades, s.gradeFloor, s.followUpBelow]).toEqual([
      true,
      { grade: "优秀", dimension: "public", min: 80 },
      60,
    ]);
    const plain = scheme({ confirmGrades: undefined, gradeFloor: undefined, followUpBelow: undefined });
    expect("confirmGrades" in plain || "gradeFloor" in plain || "followUpBelow" in plain).toBe(false);
  });

  test("a floor naming a grade or a dimension the scheme lacks is refused in Chinese, with its path", () => {
    const bad = parseScheme({ ...json, gradeFloor: { grade: "先进", dimension: "image", min: 80 } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => [e.path, e.zh])).toEqual([
      ["gradeFloor.grade", "等次「先进」不在方案的等次中（优秀、良好）"],
      ["gradeFloor.dimension", "维度键「image」不是方案的一级维度（work、manage、public）"],
    ]);
    const range = parseScheme({ ...json, gradeFloor: { grade: "优秀", dimension: "public", min: 120 } });
    expect(range.ok).toBe(false);
    expect(parseScheme({ ...json, followUpBelow: -1 }).ok).toBe(false);
  });
});
