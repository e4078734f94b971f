/**
 * One organisation, many groups: people ranked across every group of a
 * tenant (全员排名) and groups against each other (部门排名, the 流动红旗).
 *
 * Groups are compared by the average total of the people appraised in them,
 * after calibration where the group's scheme turns it on: a calibrated
 * group's average is its 部门绩效, so the office's view of each department
 * decides, and a lenient group gains nothing by rating everyone 95.
 */
import { calibrated, calibrationFor, type Calibration } from "./calibrate";
import { toCents } from "./fen";
import { rankGroups } from "./rank";

export interface GroupPeriod {
  groupId: string;
  groupName: string;
  /** The people appraised in the period, with their totals in the group. */
  people: { id: string; name: string; total: number }[];
  /** The group's scheme turns calibration on. */
  calibrate: boolean;
  /** 部门绩效 the office set for the group, if any. */
  performance: number | null;
}

export interface OrganisationPerson {
  rank: number;
  id: string;
  name: string;
  groupId: string;
  groupName: string;
  /** The total in the group. */
  raw: number;
  /** What is compared across groups: the calibrated total where calibration applies, else the raw one. */
  total: number;
}

export interface Department {
  rank: number;
  groupId: string;
  groupName: string;
  headcount: number;
  /** Average raw total. */
  rawAverage: number;
  /** Average compared total (= 部门绩效 when calibrated). */
  average: number;
  calibration: Calibration | null;
}

export interface OrganisationRanking {
  people: OrganisationPerson[];
  /** Groups nobody was appraised in are left out. */
  departments: Department[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function rankOrganisation(groups: readonly GroupPeriod[]): OrganisationRanking {
  const people: Omit<OrganisationPerson, "rank">[] = [];
  const departments: (Omit<Department, "rank"> & { id: string; cents: number })[] = [];
  for (const g of groups) {
    if (!g.people.length) continue;
    const raws = g.people.map((p) => p.total);
    const calibration = g.calibrate ? calibrationFor(raws, g.performance) : null;
    const totals = g.people.map((p) => ({
      id: p.id,
      name: p.name,
      groupId: g.groupId,
      groupName: g.groupName,
      raw: p.total,
      total: calibrated(p.total, calibration),
    }));
    people.push(...totals);
    const average = mean(totals.map((p) => p.total));
    departments.push({
      id: g.groupId,
      cents: toCents(average),
      groupId: g.groupId,
      groupName: g.groupName,
      headcount: g.people.length,
      rawAverage: mean(raws),
      average,
      calibration,
    });
  }
  return {
    people: rankGroups(people.map((p) => ({ ...p, cents: toCents(p.total) }))).flatMap((tie) =>
      tie.members.map(({ cents: _c, ...p }) => ({ rank: tie.rank, ...p })),
    ),
    departments: rankGroups(departments).flatMap((tie) =>
      tie.members.map(({ id: _i, cents: _c, ...d }) => ({ rank: tie.rank, ...d })),
    ),
  };
}
