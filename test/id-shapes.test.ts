import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

/**
 * Issue 12: every test used short invented ids (the open_id prefix and a name), so ids that
 * broke on real tenants (80-character member ids) passed for months. This
 * guard fails when a test file writes a Lark id that is not the documented
 * shape — ou_/oc_/om_/on_ followed by exactly 32 lowercase hex — or builds one
 * by hand (the prefix followed by an interpolation). Use test/support/ids.ts (larkOpenId("zhang") …) instead.
 */

const ROOT = join(import.meta.dirname);
const EXEMPT = new Set(["support/ids.ts", "id-shapes.test.ts"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|js|json)$/.test(name) ? [path] : [];
  });
}

/** A Lark id prefix followed by anything but exactly 32 hex, or followed by an interpolation. */
const BAD = /\b(?:ou|oc|om|on)_(?:\$\{|(?![0-9a-f]{32}(?![0-9A-Za-z_]))[0-9A-Za-z_]+)/g;

export function badIds(text: string): string[] {
  return [...text.matchAll(BAD)].map((m) => m[0]);
}

describe("ids in tests have the shapes Lark documents", () => {
  test("the guard itself tells real ids from invented ones", () => {
    // The invented ids are put together here, so this file's own text holds none of them.
    const [ou, oc, om, on] = ["ou", "oc", "om", "on"].map((p) => `${p}_`) as [string, string, string, string];
    const invented = [`${ou}demo_zhang`, `${oc}office`, `${om}\${`, `${ou}a`, `${on}${ou}0123`];
    expect(badIds(`"${invented[0]}" '${invented[1]}' \`${invented[2]}i}\` "${invented[3]}" "${invented[4]}"`)).toEqual(
      invented,
    );
    expect(badIds(`"ou_0123456789abcdef0123456789abcdef" /^om_/ "oc_" .startsWith("on_")`)).toEqual([]);
    expect(badIds(`"ou_0123456789abcdef0123456789abcdef0"`)).toHaveLength(1); // 33 hex
    expect(badIds(`"ou_0123456789ABCDEF0123456789abcdef"`)).toHaveLength(1); // upper case
  });

  test("no test file writes a short or hand-built ou_/oc_/om_/on_ id", () => {
    const found: string[] = [];
    for (const path of files(ROOT)) {
      const rel = relative(ROOT, path).replaceAll("\\", "/");
      if (EXEMPT.has(rel)) continue;
      for (const id of badIds(readFileSync(path, "utf8"))) found.push(`${rel}: ${id}`);
    }
    expect(found).toEqual([]);
  });
});
