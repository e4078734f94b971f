import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { parseGroupSetting, settingsYear, type SettingChange } from "../../src/app/settings";
import type { DepartmentScoreSetting, RoleSetting, SettingRequest } from "../../src/app/setting-apply";
import { localDate, monthOf } from "../../src/domain/dates";
import { splitTargets } from "../../src/app/targets";
import { dateOf, readDate, type DateRead } from "../date-arg";
import { monthArg, resolveMonth, type MonthArg } from "../month-arg";

/**
 * 设置's grammar: the word after 设置 picks the setting (a group setting from src/app/settings'
 * table, a role, or 部门绩效), the words after it its value. Problems come back in the user's language.
 */

export type Setting = SettingChange | RoleSetting | DepartmentScoreSetting<MonthArg>;

export const ROLE_WORDS: Record<string, { role: RoleSetting["role"]; add: boolean }> = {
  管理员: { role: "admin", add: true },
  负责人: { role: "leader", add: true },
  取消管理员: { role: "admin", add: false },
  撤销管理员: { role: "admin", add: false },
  取消负责人: { role: "leader", add: false },
  撤销负责人: { role: "leader", add: false },
};

export const DEPARTMENT_WORD = "部门绩效";

/** Parses what follows 部门绩效; returns a problem in the user's language instead when it is not a score. */
export function parseDepartmentScore(
  rest: string[],
  lang: Lang,
): DepartmentScoreSetting<MonthArg> | { problem: string } {
  const [scoreText = "", ...monthWords] = rest;
  const score = Number(scoreText);
  if (!scoreText || !Number.isFinite(score) || score < 0 || score > 100) {
    return {
      problem: t(
        lang,
        `部门绩效须是 0–100 之间的数，例如：设置 部门绩效 92 上月`,
        "The department score must be 0–100, e.g. 设置 部门绩效 92",
      ),
    };
  }
  const month = monthArg(lang).safeParse(monthWords.join(" "));
  if (!month.success) return { problem: month.error.issues[0]!.message };
  return { kind: "departmentScore", score: Math.round(score * 100) / 100, month: month.data };
}

export const settingArgs = (lang: Lang) =>
  z.string().transform((text, ctx): Setting => {
    const [what = "", ...rest] = text.trim().split(/\s+/u);
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (what === DEPARTMENT_WORD) {
      const parsed = parseDepartmentScore(rest, lang);
      return "kind" in parsed ? parsed : fail(parsed.problem);
    }
    const role = ROLE_WORDS[what];
    if (role) {
      const { names, words } = splitTargets(rest.join(" "));
      const all = [...names, ...words];
      if (!all.length)
        return fail(t(lang, `请 @ 要设为${what.replace(/^(取消|撤销)/u, "")}的人`, "Please @mention the person"));
      return { kind: "role", ...role, names: all };
    }
    return (
      parseGroupSetting(what, rest) ??
      fail(
        t(
          lang,
          "可以设置：提醒时间 17:30、提醒点名 开/关、放假 12-31、上班 01-02、管理员 @某人、负责人 @某人、取消负责人 @某人、部门绩效 92、需要@我 开/关（微信群）",
          "Settings: reminder time 17:30, roll-call on/off, holiday 12-31, workday 01-02, 管理员 @someone, 负责人 @someone, 取消负责人 @someone, 需要@我 on/off (WeChat groups)",
        ),
      )
    );
  });

/**
 * What the use case is given: the month resolved, and the unit's calendar dates read against the
 * year being edited ("12-31" is the latest such day up to the end of next year). When a date is
 * none, the first such and why, for the reply.
 */
export function settingRequest(
  setting: Setting,
  group: { timezone: string },
  now: Date,
): { request: SettingRequest; bad?: { text: string; read: DateRead } } {
  if (setting.kind === "departmentScore") {
    const month = resolveMonth(setting.month, monthOf(localDate(now, group.timezone)));
    return { request: { ...setting, month } };
  }
  if (!("dates" in setting)) return { request: setting };
  const year = settingsYear(group, now);
  const reads = setting.dates.map((text) => ({ text, read: readDate(text, `${year + 1}-12-31`) }));
  const bad = reads.find((r) => r.read.kind !== "date");
  if (bad) return { request: { kind: "unreadDates" }, bad };
  return { request: { kind: setting.kind, dates: reads.map((r) => dateOf(r.read)!) } };
}
