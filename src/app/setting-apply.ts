import type { Database } from "../db/database";
import type { IsoMonth } from "../domain/dates";
import type { Writes } from "./audit";
import { authorityOf, firstAdminWrites, isLeader, mayAppoint } from "./authority";
import type { Group, Member } from "./model";
import { setDepartmentScore } from "./organisation";
import type { Mention } from "./ports";
import { changeRoles, isAdmin } from "./roles";
import { changeGroupSetting, type SettingInput } from "./settings";
import { resolveTargets, type TargetProblem } from "./targets";
import { unitMonths } from "./unit-results";

/**
 * 设置, whatever is being set: who may set it, the first-admin claim, and the change itself.
 * The first leader to configure the bot in a tenant with no admin becomes its admin; that
 * happens before the change is checked, so its writes come back (`writes`) even when refused.
 */

/** 设置 管理员 @某人 · 设置 负责人 @某人 · 设置 取消管理员/取消负责人 @某人. */
export interface RoleSetting {
  kind: "role";
  role: "admin" | "leader";
  add: boolean;
  names: string[];
}

/** 设置 部门绩效 92 [上月|2026-10]: the office's score for this group's month (部门绩效校正). */
export interface DepartmentScoreSetting<M = IsoMonth> {
  kind: "departmentScore";
  score: number;
  month: M;
}

/** A calendar setting whose dates could not be read: refused after the first-admin claim. */
export interface UnreadDates {
  kind: "unreadDates";
}

export type SettingRequest = SettingInput | RoleSetting | DepartmentScoreSetting | UnreadDates;

type Refusal<C extends string, X = object> = { ok: false; code: C; first: boolean; writes: Writes } & X;

export type ApplySettingResult =
  | Refusal<"leaders_only" | "office_only" | "unread_dates">
  | Refusal<"not_allowed", { role: "admin" | "leader" }>
  | Refusal<"no_target", { problems: TargetProblem[] }>
  | Refusal<"last_admin" | "last_leader">
  | Refusal<"year_out_of_range", { date: string; from: number; to: number }>
  | Refusal<"too_many_dates", { max: number }>
  /** The group's month is appraised as a unit: its 部门绩效 is the unit's score (null while not fully rated). */
  | Refusal<
      "unit_scored",
      { month: IsoMonth; unitScheme: string; unitScore: number | null; rated: number; leaves: number }
    >
  | { ok: true; code: "saved"; kind: "group"; first: boolean; writes: Writes; change: SettingInput }
  | { ok: true; code: "saved"; kind: "role"; first: boolean; writes: Writes; role: RoleSetting; people: Member[] }
  | {
      ok: true;
      code: "saved";
      kind: "departmentScore";
      first: boolean;
      writes: Writes;
      month: IsoMonth;
      score: number;
      previous: number | null;
    };

/** A refusal without the parts every refusal carries, kept a union member by member. */
type Without<R> = R extends unknown ? Omit<R, "first" | "writes"> : never;

export async function applySetting(
  deps: { db: Database },
  input: {
    group: Group;
    member: Member;
    by: string;
    mentions: readonly Mention[];
    setting: SettingRequest;
    now: Date;
  },
): Promise<ApplySettingResult> {
  const { db } = deps;
  const { group, member, by, now, setting } = input;
  // A group setting is a leader's; only then may the first-admin claim happen.
  const groupSetting = setting.kind !== "role" && setting.kind !== "departmentScore";
  if (groupSetting && !isLeader(member)) return { ok: false, code: "leaders_only", first: false, writes: [] };
  const claim = await firstAdminWrites(db, { group, member, by, now });
  const first = claim !== null;
  const writes: Writes = [...(claim ?? [])];
  const refuse = (r: Without<Extract<ApplySettingResult, { ok: false }>>): ApplySettingResult => ({
    ...r,
    first,
    writes,
  });
  if (setting.kind === "role") {
    const authority = await authorityOf(db, group, member, by);
    // Whoever just became the first admin is one.
    if (!mayAppoint(setting.role, { ...authority, admin: first || authority.admin }))
      return refuse({ ok: false, code: "not_allowed", role: setting.role });
    const found = await resolveTargets(db, group, setting.names, input.mentions);
    if (!found.ok) return refuse({ ok: false, code: "no_target", problems: found.problems });
    const people = found.members;
    const done = await changeRoles(deps, { group, role: setting.role, add: setting.add, people, by, now });
    if (!done.ok) return refuse({ ok: false, code: done.code });
    return { ok: true, code: "saved", kind: "role", first, writes: [...writes, ...done.writes], role: setting, people };
  }
  if (setting.kind === "departmentScore") {
    if (!first && !(await isAdmin(db, group, by))) return refuse({ ok: false, code: "office_only" });
    const { month, score } = setting;
    // A group appraised as a unit that month takes the unit's score as its 部门绩效, whatever is typed
    // (unit-results.ts performanceOf). Refused rather than stored with a warning: an office that types a figure
    // expects it to count, and a stored figure nobody uses would sit in the audit log as if it had (and come
    // back into force unannounced in any month the unit scheme stops covering). The answer says what counts
    // instead and how to change it (单位评分).
    const unit = (await unitMonths(db, [group], [month])).get(`${group.id}|${month}`);
    if (unit)
      return refuse({
        ok: false,
        code: "unit_scored",
        month,
        unitScheme: unit.scheme.name,
        unitScore: unit.result.total,
        rated: unit.result.ratedLeaves,
        leaves: unit.result.leaves,
      });
    const done = await setDepartmentScore(deps, { group, month, score, by, now });
    const all = [...writes, ...done.writes];
    return {
      ok: true,
      code: "saved",
      kind: "departmentScore",
      first,
      writes: all,
      month,
      score,
      previous: done.previous,
    };
  }
  if (setting.kind === "unreadDates") return refuse({ ok: false, code: "unread_dates" });
  const done = await changeGroupSetting(deps, { group, by, change: setting, now });
  if (!done.ok) return refuse(done);
  return { ok: true, code: "saved", kind: "group", first, writes: [...writes, ...done.writes], change: done.change };
}
