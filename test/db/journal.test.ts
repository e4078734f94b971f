import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { MIGRATIONS_FOLDER } from "../../src/db/migrate";

interface Entry {
  idx: number;
  when: number;
  tag: string;
}
const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
  entries: Entry[];
};

describe("the migrations journal", () => {
  // drizzle's migrator applies an entry only if its `when` is later than the last one applied: an entry
  // merged in with an earlier `when` would be skipped for good on every database already past it.
  test("each entry's `when` is later than the one before, so none is skipped on an upgraded database", () => {
    const out = journal.entries.filter((e, i) => i > 0 && e.when <= journal.entries[i - 1]!.when).map((e) => e.tag);
    expect(out).toEqual([]);
  });

  test("every .sql file is in the journal once, and every entry has its file and snapshot", () => {
    const files = readdirSync(MIGRATIONS_FOLDER)
      .filter((f) => f.endsWith(".sql"))
      .map((f) => f.replace(/\.sql$/, ""))
      .sort();
    expect(journal.entries.map((e) => e.tag).sort()).toEqual(files);
    const snapshots = readdirSync(join(MIGRATIONS_FOLDER, "meta")).filter((f) => f.endsWith("_snapshot.json"));
    for (const e of journal.entries) {
      expect(e.tag.startsWith(String(e.idx).padStart(4, "0"))).toBe(true);
      expect(snapshots).toContain(`${e.tag.slice(0, 4)}_snapshot.json`);
    }
  });

  test("the snapshots form one chain, each naming the one before", () => {
    const ids = journal.entries.map(
      (e) =>
        JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, `meta/${e.tag.slice(0, 4)}_snapshot.json`), "utf8")) as {
          id: string;
          prevId: string;
        },
    );
    const broken = ids.flatMap((s, i) => (i > 0 && s.prevId !== ids[i - 1]!.id ? [journal.entries[i]!.tag] : []));
    expect(broken).toEqual([]);
  });
});
