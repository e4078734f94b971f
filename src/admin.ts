import { Hono, type Context } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { z } from "zod";
import { exportWorkbook, resolveTenant } from "./app/export";
import { parseExportPeriod } from "./app/export-period";
import type { Database } from "./db/database";
import type { JobKind } from "./domain/schedule";
import { XLSX_MIME } from "./domain/xlsx/write";
import type { JobRun } from "./jobs/run";
import type { Logger } from "./bot/deps";
import { DATA_ERROR_TEXT, isDataError } from "./domain/data-error";

/**
 * An export that cannot be built answers JSON that says what failed and what
 * to do, never a bare 500. Stored data the engine refuses is 409 (the data's
 * state, not the request, is at fault) with the group and period to fix;
 * anything else is 500 with a pointer to the log line.
 */
function exportFailed(c: Context, error: unknown, log: Logger, period: string) {
  if (isDataError(error)) {
    log.error("data error", { during: "export", ...error.fields });
    return c.json(
      {
        code: error.code,
        error: `导出失败：${DATA_ERROR_TEXT.zh}`,
        message: DATA_ERROR_TEXT.en,
        group: error.groupId,
        period: error.period,
        detail: error.detail,
      },
      409,
    );
  }
  log.error("export failed", { period, error: String(error) });
  return c.json(
    {
      code: "export_failed",
      error: "导出失败：服务器内部错误，已记录日志（export failed）。请稍后重试；若一再失败，请把日志交给管理员。",
      message: 'The export failed on the server; see the log line "export failed".',
    },
    500,
  );
}

/** URL names of the jobs an operator may run (the names; singular forms accepted). */
const JOB_NAMES: Record<string, JobKind> = {
  reminders: "reminder",
  reminder: "reminder",
  "monthly-ranking": "monthly-ranking",
  "quarterly-report": "quarterly-report",
  "annual-summary": "annual-summary",
  "semester-report": "semester-report",
  "pending-digest": "pending-digest",
  "monthly-review": "monthly-review",
};

const atSchema = z.iso.datetime({ offset: true }).optional();

/**
 * Operations: POST /admin/jobs/:name?at=<ISO time> runs a job as of that
 * time (catching up after an outage, or testing), with the admin token.
 * Idempotency keys make a second run send nothing new.
 */
export function adminRoutes(opts: {
  log: Logger;
  token: string;
  runJobs: (at: Date, only: JobKind) => Promise<JobRun[]>;
  afterRun: (c: Context) => void;
  db: Database;
  now: () => number;
}) {
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
    if (!period)
      return c.json({ error: "period must be a quarter (2026-Q4), a month (2026-11) or a year (2026)" }, 400);
    const tenant = await resolveTenant(opts.db, "lark", c.req.query("tenant") || undefined);
    if (!tenant.ok) return c.json({ error: tenant.error }, tenant.status);
    let out: Awaited<ReturnType<typeof exportWorkbook>>;
    try {
      out = await exportWorkbook(opts.db, {
        platform: "lark",
        tenantKey: tenant.tenantKey,
        period,
        at: new Date(opts.now()),
      });
    } catch (error) {
      return exportFailed(c, error, opts.log, period.id);
    }
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
