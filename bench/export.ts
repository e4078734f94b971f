/**
 * Benchmark: 导出 for 10,000 people (100 groups × 100) rated every month of a
 * year (3 dimensions, 360,000 ratings, with bonuses and awards), in a libSQL
 * file as the bot keeps it. Measures the year's workbook (each person's four
 * quarters, the year, grade, prize and pool split) and each quarter's, end to
 * end (database reads, the engine, the .xlsx), and the file sizes; and
 * 全员排名's month over all groups, read group by group and batched.
 * The year's export is measured cold (nothing kept yet: every month scored,
 * as before month_results, and kept), warm (every finished month kept), and
 * after one rating changes one group's June (that month alone scored again);
 * all must give the same bytes.
 * Run: `npm run bench:export` (or as part of `npm run bench`).
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { exportWorkbook } from "../src/app/export";
import { tenantGroups } from "../src/app/groups";
import { parseExportPeriod } from "../src/app/export-period";
import { openNodeDatabase } from "../src/db/client-node";
import { applyMigrations } from "../src/db/migrate";
import { readFirstSheet } from "../src/domain/xlsx/read";
import { buildXlsx, type CellValue } from "../src/domain/xlsx/write";
import { organisationMonth } from "../src/app/organisation";
import { computeYear } from "../src/app/period-results";
import { seedTenant } from "../test/support/seed-tenant";
import { larkOpenId } from "../test/support/ids";
import { computeMonth, rateWrites } from "../src/app/scores";
import type { BatchItem } from "../src/db/database";
import { members } from "../src/db/schema";
import { and, eq } from "drizzle-orm";

export interface ExportBenchFigures {
  people: number;
  groups: number;
  ratings: number;
  seedSeconds: number;
  /** The year: engine only (every group's four quarters and year, nothing kept), then the whole export cold. */
  yearEngineMs: number;
  yearExportMs: number;
  /** CPU time of this process during the cold export (user + system): less at the mercy of a busy machine. */
  yearExportCpuMs: number;
  /** Group-months the cold export kept in month_results. */
  monthsKept: number;
  /**
   * The year's export again, warm, in turns: through our file client (src/db/file-client.ts) and through
   * @libsql/client's on the same file, twice each.
   */
  yearExportRuns: { client: "ours" | "libsql"; ms: number; cpuMs: number }[];
  /** After one rating in one group's June: the export that scores that month again, then warm again. */
  yearExportAfterWriteMs: number;
  yearExportAgainMs: number;
  /** Whether every year export (cold, warm, after the write and after it) gave the same bytes. */
  sameBytes: boolean;
  /** Whether the export after the write differs from before it (it must: the rating changed a total). */
  writeChangedBytes: boolean;
  yearBytes: number;
  quarters: { period: string; ms: number; bytes: number }[];
  /** Rows read back from the year's results sheet (header excluded). */
  rowsReadBack: number;
  /** Writing alone: the year's 10,000 result rows twice (the results sheet and the group sheets), zipped. */
  writeOnlyMs: number;
  /** 全员排名/部门排名's month (2026-11) over all groups: read group by group, and batched (the default). */
  organisationMonthPerGroupMs: number;
  organisationMonthMs: number;
  peakRssMB: number;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);

export async function benchExport(o: { groups?: number; perGroup?: number } = {}): Promise<ExportBenchFigures> {
  const dir = await mkdtemp(join(tmpdir(), "appraisal-bench-export-"));
  const database = await openNodeDatabase(`file:${join(dir, "bench.db")}`);
  try {
    const { db } = database;
    await applyMigrations(db);
    const seedStart = performance.now();
    const seeded = await seedTenant(db, {
      tenantKey: "bench",
      groups: o.groups ?? 100,
      perGroup: o.perGroup ?? 100,
      months: MONTHS,
      at: new Date("2026-01-01T00:00:00Z"),
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const at = new Date("2027-01-05T02:00:00Z");

    const engineStart = performance.now();
    for (const g of await tenantGroups(db, { platform: "lark", tenantKey: "bench" }))
      await computeYear(db, g, "2026", at);
    const yearEngineMs = performance.now() - engineStart;

    const yearStart = performance.now();
    const yearCpu = process.cpuUsage();
    const year = await exportWorkbook(db, {
      platform: "lark",
      tenantKey: "bench",
      period: parseExportPeriod("2026")!,
      at,
    });
    const yearExportMs = performance.now() - yearStart;
    const yearCpuUsed = process.cpuUsage(yearCpu);
    const yearExportCpuMs = Math.round((yearCpuUsed.user + yearCpuUsed.system) / 1000);
    const baseline = await openNodeDatabase(`file:${join(dir, "bench.db")}`, undefined, { fileClient: "libsql" });
    const yearExportRuns: ExportBenchFigures["yearExportRuns"] = [];
    const digests = new Set([createHash("sha256").update(year.bytes).digest("hex")]);
    try {
      for (const client of ["libsql", "ours", "libsql", "ours"] as const) {
        const start = performance.now();
        const cpu = process.cpuUsage();
        const out = await exportWorkbook(client === "ours" ? db : baseline.db, {
          platform: "lark",
          tenantKey: "bench",
          period: parseExportPeriod("2026")!,
          at,
        });
        const used = process.cpuUsage(cpu);
        yearExportRuns.push({
          client,
          ms: Math.round(performance.now() - start),
          cpuMs: Math.round((used.user + used.system) / 1000),
        });
        digests.add(createHash("sha256").update(out.bytes).digest("hex"));
      }
    } finally {
      baseline.close();
    }
    const monthsKept = Number(
      (await database.client.execute("select count(*) as n from month_results where result is not null")).rows[0]!.n,
    );
    // One leader's new score for one person's June: that group-month alone is scored again.
    const [group] = await tenantGroups(db, { platform: "lark", tenantKey: "bench" });
    const [member] = await db
      .select()
      .from(members)
      .where(and(eq(members.groupId, group!.id), eq(members.role, "staff")))
      .limit(1);
    const writes: unknown[] = rateWrites(db, {
      group: group!,
      month: "2026-06",
      member: member!,
      leaves: ["business"],
      score: 61,
      raterGroup: "leader",
      by: larkOpenId("0_leader"),
      now: new Date("2026-06-30T02:00:00Z"),
    });
    await db.batch(writes as [BatchItem, ...BatchItem[]]);
    const yearOnce = async () => {
      const start = performance.now();
      const out = await exportWorkbook(db, {
        platform: "lark",
        tenantKey: "bench",
        period: parseExportPeriod("2026")!,
        at,
      });
      return {
        ms: Math.round(performance.now() - start),
        digest: createHash("sha256").update(out.bytes).digest("hex"),
      };
    };
    const afterWrite = await yearOnce();
    const again = await yearOnce();

    const quarters = [];
    for (const q of [1, 2, 3, 4]) {
      const start = performance.now();
      const out = await exportWorkbook(db, {
        platform: "lark",
        tenantKey: "bench",
        period: parseExportPeriod(`2026-Q${q}`)!,
        at,
      });
      quarters.push({ period: `2026-Q${q}`, ms: Math.round(performance.now() - start), bytes: out.bytes.length });
    }
    const all = await tenantGroups(db, { platform: "lark", tenantKey: "bench" });
    const perGroupStart = performance.now();
    await organisationMonth(db, all, "2026-11", at, (g, m) => computeMonth(db, g, m, at));
    const organisationMonthPerGroupMs = Math.round(performance.now() - perGroupStart);
    const orgStart = performance.now();
    await organisationMonth(db, all, "2026-11", at);
    const organisationMonthMs = Math.round(performance.now() - orgStart);
    const rows = readFirstSheet(year.bytes);
    const header = rows[0]!.map((h) => ({ header: String(h), format: "decimal" as const }));
    const body = rows.slice(1) as CellValue[][];
    const writeStart = performance.now();
    buildXlsx(
      [
        { name: "a", columns: header, rows: body },
        { name: "b", columns: header, rows: body },
      ],
      { modified: at },
    );
    const writeOnlyMs = Math.round(performance.now() - writeStart);
    return {
      writeOnlyMs,
      people: year.people,
      groups: year.groups,
      ratings: seeded.ratings,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      yearEngineMs: Math.round(yearEngineMs),
      yearExportMs: Math.round(yearExportMs),
      yearExportCpuMs,
      monthsKept,
      yearExportRuns,
      yearExportAfterWriteMs: afterWrite.ms,
      yearExportAgainMs: again.ms,
      sameBytes: digests.size === 1 && afterWrite.digest === again.digest,
      writeChangedBytes: !digests.has(afterWrite.digest),
      yearBytes: year.bytes.length,
      quarters,
      rowsReadBack: rows.length - 1,
      organisationMonthPerGroupMs,
      organisationMonthMs,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) console.log(JSON.stringify(await benchExport(), null, 2));
