import { DataError } from "./data-error";
import { and, desc, eq, lte } from "drizzle-orm";
import type { Database } from "../db/database";
import { newId } from "../db/ids";
import { auditLog, schemes, type Group } from "../db/schema";
import { endOfLocalMonth, localDate, monthOf, type IsoMonth } from "../domain/dates";
import {
  checkSchemeSize,
  parseScheme,
  schemeTemplates,
  type FieldError,
  type Scheme,
  type SchemeJson,
} from "../domain/scheme";

/** A group that has chosen nothing is scored with 单位干部 (联村 40 / 业务 40 / 管理学习作风 20). */
export const DEFAULT_TEMPLATE_ID = "unit-staff";

export interface SchemeInForce {
  /** 0 for the default template, which is never stored. */
  version: number;
  scheme: Scheme;
  json: SchemeJson;
  source: string;
  isDefault: boolean;
  createdAt?: Date;
  createdBy?: string | null;
  /** The office admin who set or approved it, and when; null on versions saved before approval existed. */
  approvedBy?: string | null;
  approvedAt?: Date | null;
}

function defaultScheme(): SchemeInForce {
  const template = schemeTemplates.find((t) => t.id === DEFAULT_TEMPLATE_ID)!;
  const parsed = parseScheme(template.scheme);
  if (!parsed.ok) throw new Error(`template ${template.id} is invalid`);
  return {
    version: 0,
    scheme: parsed.scheme,
    json: template.scheme,
    source: `template:${template.id}`,
    isDefault: true,
  };
}

/** The version in force at an instant (the latest created by then), or the newest. */
export async function schemeInForce(db: Database, groupId: string, at?: Date): Promise<SchemeInForce> {
  const [row] = await db
    .select()
    .from(schemes)
    .where(at ? and(eq(schemes.groupId, groupId), lte(schemes.createdAt, at)) : eq(schemes.groupId, groupId))
    .orderBy(desc(schemes.version))
    .limit(1);
  return inForceFrom(row);
}

/** A stored version as in force (the default template where there is none). */
export function inForceFrom(row: typeof schemes.$inferSelect | undefined): SchemeInForce {
  if (!row) return defaultScheme();
  const parsed = parseScheme(row.json);
  // Stored versions were validated when saved; a later, stricter validator must not lose them.
  if (!parsed.ok)
    throw new DataError(
      row.groupId,
      `scheme v${row.version}`,
      `scheme ${row.id} no longer validates: ${parsed.errors[0]?.path ?? ""} ${parsed.errors[0]?.en}`,
    );
  return {
    version: row.version,
    scheme: parsed.scheme,
    json: row.json,
    source: row.source,
    isDefault: false,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt,
  };
}

/**
 * The scheme a month is scored with: the current one for the running month,
 * and for a finished month the version in force when it ended, so a later
 * change of weights never rewrites a past result.
 */
export async function schemeForMonth(db: Database, group: Group, month: IsoMonth, now: Date): Promise<SchemeInForce> {
  const current = monthOf(localDate(now, group.timezone));
  return month >= current
    ? schemeInForce(db, group.id)
    : schemeInForce(db, group.id, endOfLocalMonth(month, group.timezone));
}

export function findTemplate(query: string) {
  const q = query.trim().toLowerCase();
  return (
    schemeTemplates.find((t) => t.name === query.trim() || t.id === q) ??
    schemeTemplates.find((t) => t.name.includes(query.trim()) && query.trim() !== "")
  );
}

export type SaveSchemeResult =
  | { ok: true; version: number; scheme: Scheme; writes: ReturnType<typeof saveWrites> }
  | { ok: false; errors: FieldError[] };

function saveWrites(
  db: Database,
  group: Group,
  version: number,
  scheme: Scheme,
  json: SchemeJson,
  source: string,
  by: string,
  now: Date,
) {
  const id = newId("sch", now.getTime());
  return [
    db
      .insert(schemes)
      .values({ id, groupId: group.id, version, name: scheme.name, json, source, createdBy: by, createdAt: now }),
    db.insert(auditLog).values({
      id: newId("aud", now.getTime()),
      groupId: group.id,
      actorUserId: by,
      action: "scheme.set",
      subjectId: id,
      detail: { version, name: scheme.name, source },
      at: now,
    }),
  ];
}

/**
 * Validates a scheme and prepares its new version. Two leaders saving at
 * the same moment both pick the same number; the unique index lets one win.
 */
export async function prepareScheme(
  db: Database,
  group: Group,
  json: unknown,
  source: string,
  by: string,
  now: Date,
): Promise<SaveSchemeResult> {
  const parsed = parseScheme(json);
  if (!parsed.ok) return parsed;
  const tooLarge = checkSchemeSize(parsed.scheme.dimensions);
  if (tooLarge.length) return { ok: false, errors: tooLarge };
  const current = await schemeInForce(db, group.id);
  const version = current.version + 1;
  return {
    ok: true,
    version,
    scheme: parsed.scheme,
    writes: saveWrites(db, group, version, parsed.scheme, json as SchemeJson, source, by, now),
  };
}
