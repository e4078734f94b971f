import { Hono, type Context } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { z } from "zod";
import { exportWorkbook, resolveTenant } from "./app/export";
import { parseExportPeriod } from "./app/export-period";
import type { Database } from "./db/database";
import type { JobKind } from "./domain/schedule";
import { XLSX_MIME } from "./domain/xlsx/write";
import type { JobRun } from "./jobs/run";

/** URL names of the jobs an operator may run (the names; singular forms accepted). */
const JOB_NAMES: Record<string, JobKind> = {
  reminders: "reminder",
  reminder: "reminder",
  "monthly-ranking": "monthly-ranking",
  "quarterly-report": "quarterly-report",
  "annual-summary": "annual-summary",
  "pending-digest": "pending-digest",
  "monthly-review": "monthly-review",
};

const atSchema = z.iso.datetime({ offset: true }).optional();

/**
 * Operations: POST /admin/jobs/:name?at=<ISO time> runs a job as of that
 * time (catching up after an outage, or testing), with the admin token.
 * Idempotency keys make a second run send nothing new.
 */
export function adminRoutes(opts: { token: string; runJobs: (at: Date, only: JobKind) => Promise<JobRun[]>; afterRun: (c: Context) => void; db: Database; now: () => number }) {
  const app = new Hono();
  app.use("*", bearerAuth({ token: opts.token }));
  app.post("/jobs/:name", async (c) => {
    const kind = JOB_NAMES[c.req.param("name")];
    if (!kind) return c.json({ error: `unknown job; one of ${Object.keys(JOB_NAMES).join(", ")}` }, 404);
    const at = atSchema.safeParse(c.req.query("at") || undefined);
    if (!at.success) return c.json({ error: "at must be an ISO 8601 time, e.g. 2026-12-01T09:00:00+08:00" }, 400);
    const runs = await opts.runJobs(at.data ? new Date(at.data) : new Date(), kind);
    opts.afterRun(c);
    return c.json({ kind, at: at.data ?? null, runs, queued: runs.reduce((n, r) => n + r.queued, 0) });
  });
  /** GET /admin/export?period=2026-Q4[&tenant=…]: the same workbook 导出 sends, as a download. */
  app.get("/export", async (c) => {
    const period = parseExportPeriod(c.req.query("period") ?? "");
    if (!period) return c.json({ error: "period must be a quarter (2026-Q4), a month (2026-11) or a year (2026)" }, 400);
    const tenant = await resolveTenant(opts.db, "lark", c.req.query("tenant") || undefined);
    if (!tenant.ok) return c.json({ error: tenant.error }, tenant.status);
    const out = await exportWorkbook(opts.db, { platform: "lark", tenantKey: tenant.tenantKey, period, at: new Date(opts.now()) });
    return new Response(out.bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": XLSX_MIME,
        // RFC 6266: an ASCII fallback, and the Chinese name for clients that read filename*.
        "content-disposition": `attachment; filename="export-${period.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`,
        "cache-control": "no-store",
      },
    });
  });
  return app;
}
