import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import type { Attendance } from "../domain/attendance";
import type { BoundLeafScore } from "../domain/targets/bound";
import type { IsoMonth } from "../domain/dates";
import { indexScheme, type Scheme } from "../domain/scheme";
import type { Calibration, MemberResult } from "../domain/scoring";
import type { ImageSpec } from "../outbox/message";
import { scoreImage } from "./images";
import { groupCalibration } from "./organisation";
import { computeMonth, displayName, PEER_MINIMUM } from "./scores";
import type { SchemeInForce } from "./schemes";
import { surveyStatuses, type SurveyStatus } from "./surveys";

export type MyMonthResult =
  | { ok: false; code: "no_score" }
  | {
      ok: true;
      code: "scored";
      inForce: SchemeInForce;
      me: MemberResult;
      headcount: number;
      calibration: Calibration | null;
      dimensions: { name: string; weight: number; score: number; points: number; bonus: number; deduction: number }[];
      /** Names of the leaves nobody has rated yet. */
      missing: string[];
      /** Peer ratings held back: fewer raters than the minimum (only where the scheme has peers). */
      peerHeldBack?: { raters: number; minimum: number };
      /** Where the scheme computes attendance: its leaves' names and the member's attendance. */
      attendance?: { names: string[]; attendance: Attendance };
      /** Where the scheme binds leaves to targets: how each was scored from the member's targets. */
      targets?: readonly BoundLeafScore[];
      surveys: SurveyStatus[];
      /** The sheet as a picture, for channels without cards. */
      image?: ImageSpec;
    };

function leafNames(scheme: Scheme): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (ds: Scheme["dimensions"]) => ds.forEach((d) => (names.set(d.key, d.name), walk(d.children ?? [])));
  walk(scheme.dimensions);
  return names;
}

/** 成绩: one member's month so far, per dimension, with what is missing and what is held back. */
export async function myMonth(
  db: Database,
  input: { group: Group; member: Member; month: IsoMonth; now: Date; picture: boolean },
): Promise<MyMonthResult> {
  const { group, month } = input;
  const { inForce, result, peerRaters, attendance, targets } = await computeMonth(db, group, month, input.now);
  const me = result.members.find((m) => m.id === input.member.id);
  if (!me) return { ok: false, code: "no_score" };
  const { scheme } = inForce;
  const totals = result.members.map((m) => m.total);
  const calibration = await groupCalibration(db, group, scheme.departmentCalibration, [month], totals);
  const tops = new Map(scheme.dimensions.map((d) => [d.key, d]));
  const dimensions = Object.entries(me.dimensions).map(([key, f]) => ({
    name: tops.get(key)?.name ?? key,
    weight: tops.get(key)?.weight ?? 0,
    ...f,
  }));
  const leaves = leafNames(scheme);
  const raters = peerRaters.get(me.id) ?? 0;
  const mine = attendance.get(me.id);
  const attendanceLeaves = indexScheme(scheme)
    .leaves.filter((l) => l.node.source === "attendance")
    .map((l) => l.node.name);
  const image = input.picture
    ? scoreImage({
        name: displayName(input.member),
        groupName: group.name,
        month,
        total: me.total,
        rank: me.rank,
        headcount: result.headcount,
        grade: me.grade,
        dimensions: dimensions.map((d) => ({ name: d.name, score: d.points, max: d.weight })),
      })
    : undefined;
  return {
    ok: true,
    code: "scored",
    inForce,
    me,
    headcount: result.headcount,
    calibration,
    dimensions,
    missing: me.missing.map((k) => leaves.get(k) ?? k),
    ...("peer" in scheme.raters && raters < PEER_MINIMUM ? { peerHeldBack: { raters, minimum: PEER_MINIMUM } } : {}),
    ...(mine ? { attendance: { names: attendanceLeaves, attendance: mine } } : {}),
    ...(targets?.get(me.id)?.length ? { targets: targets.get(me.id) } : {}),
    surveys: (await surveyStatuses(db, group, [month], scheme))(me.id),
    ...(image ? { image } : {}),
  };
}
