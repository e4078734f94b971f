import { describe, expect, it } from "vitest";
import { findDimension, parseScheme, type Scheme } from "../../../src/domain/scheme";

function load(): Scheme {
  const r = parseScheme({
    name: "镇机关干部",
    dimensions: [
      { key: "village", name: "联村工作", weight: 40 },
      {
        key: "business",
        name: "单位业务",
        weight: 40,
        children: [
          { key: "plan", name: "计划完成", weight: 70 },
          { key: "quality", name: "质量", weight: 30 },
        ],
      },
      {
        key: "conduct",
        name: "管理学习作风",
        weight: 20,
        children: [
          { key: "work", name: "工作作风", weight: 50 },
          { key: "study", name: "学习", weight: 50 },
        ],
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scheme;
}

const keyOf = (r: ReturnType<typeof findDimension>) => (r.kind === "found" ? r.dimension.key : r.kind);

describe("findDimension", () => {
  const scheme = load();

  it("finds 业务 → business by a unique substring of the name (评分 @张三 业务 90)", () => {
    const r = findDimension(scheme, "业务");
    expect(keyOf(r)).toBe("business");
    if (r.kind === "found") expect(r.path.map((d) => d.key)).toEqual(["business"]);
  });

  it("prefers an exact key, then an exact name, over partial matches", () => {
    expect(keyOf(findDimension(scheme, "plan"))).toBe("plan");
    expect(keyOf(findDimension(scheme, "PLAN"))).toBe("plan");
    expect(keyOf(findDimension(scheme, "学习"))).toBe("study"); // exact name beats 管理学习作风 containing it
    expect(keyOf(findDimension(scheme, " 质 量 "))).toBe("quality");
  });

  it("prefers a unique prefix over substrings elsewhere", () => {
    // 工作作风 starts with 工作; 联村工作 only contains it.
    expect(keyOf(findDimension(scheme, "工作"))).toBe("work");
  });

  it("returns the candidates when a partial name is ambiguous", () => {
    const r = findDimension(scheme, "作风");
    expect(r.kind).toBe("ambiguous");
    if (r.kind === "ambiguous") expect(r.candidates.map((d) => d.key)).toEqual(["conduct", "work"]);
  });

  it("can restrict the search to leaves, which is what a rating needs", () => {
    expect(keyOf(findDimension(scheme, "作风", { leavesOnly: true }))).toBe("work");
    expect(keyOf(findDimension(scheme, "business", { leavesOnly: true }))).toBe("none");
    const nested = findDimension(scheme, "计划");
    if (nested.kind !== "found") throw new Error("expected a match");
    expect(nested.path.map((d) => d.name)).toEqual(["单位业务", "计划完成"]);
  });

  it("finds nothing for unknown or empty text", () => {
    expect(findDimension(scheme, "安全生产").kind).toBe("none");
    expect(findDimension(scheme, "   ").kind).toBe("none");
  });
});
