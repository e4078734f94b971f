import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ACTION_LABELS, actionLabel } from "../../src/app/export-audit";
import { appealDecisions, claimDecisions, claims, linkCodes } from "../../src/db/schema";

/** Every .ts file under the folders that write the audit log. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The actions the code writes: literal ones as they appear beside `action`,
 * and the templated ones (`claim.${kind}`) expanded from the schema's enums.
 */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  // roles.ts passes bare RoleActions that it prefixes itself: expanded below.
  for (const file of [...sources("src"), ...sources("commands")].filter((f) => !f.endsWith(join("app", "roles.ts")))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/action:\s*(?:[^"`,}]*\?\s*)?"([a-z]+(?:\.[a-z]+)+)"/g)) found.add(m[1]!);
    for (const m of text.matchAll(/"((?:adjustment|rating|award|review)\.[a-z]+)"/g)) found.add(m[1]!);
  }
  // roles.ts writes `role.${action}` for its RoleAction union.
  for (const a of ["admin.add", "admin.remove", "leader.add", "leader.remove"]) found.add(`role.${a}`);
  for (const kind of claims.kind.enumValues) found.add(`claim.${kind}`);
  for (const decision of claimDecisions.decision.enumValues) found.add(`claim.${decision}`);
  for (const decision of appealDecisions.decision.enumValues) found.add(`appeal.${decision}`);
  for (const kind of linkCodes.kind.enumValues) {
    found.add(`link.${kind}`);
    found.add(`link.code.${kind}`);
  }
  return found;
}

describe("审计记录 names every action in Chinese", () => {
  test("each action the app writes has a label, so the sheet never shows a code", () => {
    const actions = [...writtenActions()];
    // The scan is not empty and sees the ones the issue named.
    expect(actions).toEqual(
      expect.arrayContaining(["role.admin.add", "rating.set", "group.settings", "goal.set", "roster.import"]),
    );
    const unlabelled = actions.filter((a) => !(a in ACTION_LABELS));
    expect(unlabelled).toEqual([]);
    expect(actionLabel("role.admin.add")).toBe("任命管理员");
  });

  test("an action this build does not know still reads as Chinese, with its code for the record", () => {
    expect(actionLabel("future.thing")).toBe("其他操作（future.thing）");
  });
});
