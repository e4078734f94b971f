import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXIT_INVALID, EXIT_OK, runScore } from "../../../scripts/score";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const fixture = (name: string) => `test/fixtures/scoring/${name}`;
const tsx = `${root}node_modules/.bin/tsx`;

/** The real command in a child process: tsx on the PATH's node, as `npx tsx` would run it. */
function spawnScore(args: string[]) {
  const out = spawnSync(tsx, ["scripts/score.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

const readFromRoot = (file: string) => readFileSync(`${root}${file}`, "utf8");
const files = (overrides: Record<string, string>) => (file: string) => {
  if (file in overrides) return overrides[file] ?? "";
  return readFromRoot(file);
};

describe("scripts/score.ts", () => {
  it("prints the result as JSON and exits 0 (child process)", () => {
    expect(existsSync(tsx)).toBe(true);
    const out = spawnScore([fixture("scheme.json"), fixture("inputs.json")]);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.members.map((m: { id: string; total: number }) => [m.id, m.total])).toEqual([
      ["m1", 94.26],
      ["m2", 91.4],
      ["m3", 73.8],
    ]);
    expect(out.stderr).toContain("1 member(s) have unrated items");
  });

  it("prints errors in Chinese and English and exits 2 (child process)", () => {
    const missing = spawnScore([fixture("scheme.json"), "no-such-file.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("no-such-file.json: 无法读取文件 / cannot read file");

    const invalid = spawnScore([fixture("inputs.json"), fixture("inputs.json")]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`${fixture("inputs.json")}: name: 缺少必填项 / required`);
  });

  it("runs in-process on the same files", () => {
    const out = runScore([fixture("scheme.json"), fixture("inputs.json")], readFromRoot);
    expect(out.code).toBe(EXIT_OK);
    expect(JSON.parse(out.stdout).poolFen).toBe(1_000_000);
  });

  it("explains each member with --explain", () => {
    const out = runScore(["--explain", fixture("scheme.json"), fixture("inputs.json")], readFromRoot);
    expect(out.stdout.split("\n")[0]).toBe(
      "张三：总分 = (联村工作 33.53 + 单位业务 35.44 + 管理学习作风 18.49 + 附加分 3.00) × 系数 1.042 = 94.26 分",
    );
  });

  it("reports bad JSON, validation errors with paths, and wrong usage with exit 2", () => {
    const badJson = runScore(["s.json", fixture("inputs.json")], files({ "s.json": "{ not json" }));
    expect(badJson).toMatchObject({ code: EXIT_INVALID, stdout: "" });
    expect(badJson.stderr).toMatch(/^s\.json: JSON 格式错误 \/ invalid JSON/);

    const scheme = JSON.stringify({ name: "x", dimensions: [{ key: "a", name: "甲", weight: 90 }] });
    const weights = runScore(["s.json", fixture("inputs.json")], files({ "s.json": scheme }));
    expect(weights.stderr).toBe(
      "s.json: dimensions: 维度权重之和须为 100（当前 90） / dimension weights must sum to 100 (got 90)\n",
    );

    const inputs = JSON.stringify({
      members: [{ id: "m1", name: "甲" }],
      ratings: [{ member: "m2", dimension: "plan", rater: "leader", score: 80 }],
    });
    const refs = runScore([fixture("scheme.json"), "i.json"], files({ "i.json": inputs }));
    expect(refs).toMatchObject({
      code: EXIT_INVALID,
      stderr: "i.json: ratings[0].member: 未知成员 m2 / unknown member m2\n",
    });

    expect(runScore([fixture("scheme.json")], readFromRoot)).toMatchObject({
      code: EXIT_INVALID,
      stderr: expect.stringContaining("usage"),
    });
  });
});
