import type { Database } from "../db/database";
import type { FileRenderer } from "../outbox/file";
import { exportWorkbook } from "./export";
import { parseExportPeriod } from "./export-period";

/** Renders the files the outbox sends: today, the 导出 workbook. */
export function createFileRenderer(db: Database): FileRenderer {
  return {
    async render(source) {
      const period = parseExportPeriod(source.period);
      if (!period) throw new Error(`export: bad period ${source.period}`);
      const out = await exportWorkbook(db, {
        platform: source.platform,
        tenantKey: source.tenantKey,
        period,
        at: new Date(source.at),
      });
      return { name: out.fileName, bytes: out.bytes };
    },
  };
}
