import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { datesRefusalCard, settingSavedCard, settingSavedLine } from "../cards/settings";
import {
  changeGroupSetting,
  parseGroupSetting,
  settingsYear,
  type SettingChange,
  type SettingInput,
} from "../src/app/settings";
import { defineCommand } from "../src/bot/command";
import { dateOf, dateProblem, readDate } from "./date-arg";
import { leadersOnly, plainNotice } from "./guards";
import {
  DEPARTMENT_WORD,
  departmentScoreSetting,
  parseDepartmentScore,
  type DepartmentScoreSetting,
} from "./settings-department";
import { claimFirstAdmin, ROLE_WORDS, roleSetting, type RoleSetting } from "./settings-roles";
import { splitTargets } from "./target-arg";
import type { CommandContext } from "../src/bot/command";

type Setting = SettingChange | RoleSetting | DepartmentScoreSetting;

const settingArgs = (lang: Lang) =>
  z.string().transform((text, ctx): Setting => {
    const [what = "", ...rest] = text.trim().split(/\s+/u);
    const fail = () => {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          "可以设置：提醒时间 17:30、提醒点名 开/关、放假 12-31、上班 01-02、管理员 @某人、负责人 @某人、取消负责人 @某人、部门绩效 92、需要@我 开/关（微信群）",
          "Settings: reminder time 17:30, roll-call on/off, holiday 12-31, workday 01-02, 管理员 @someone, 负责人 @someone, 取消负责人 @someone, 需要@我 on/off (WeChat groups)",
        ),
      });
      return z.NEVER;
    };
    if (what === DEPARTMENT_WORD) {
      const parsed = parseDepartmentScore(rest, lang);
      if ("kind" in parsed) return parsed;
      ctx.addIssue({ code: "custom", message: parsed.problem });
      return z.NEVER;
    }
    const role = ROLE_WORDS[what];
    if (role) {
      const { names, words } = splitTargets(rest.join(" "));
      const all = [...names, ...words];
      if (!all.length) {
        ctx.addIssue({
          code: "custom",
          message: t(lang, `请 @ 要设为${what.replace(/^(取消|撤销)/u, "")}的人`, "Please @mention the person"),
        });
        return z.NEVER;
      }
      return { kind: "role", ...role, names: all };
    }
    return parseGroupSetting(what, rest) ?? fail();
  });

/** 设置: a group's reminder time, roll-call, and the unit's own holidays and workdays. */
export const settingsCommand = defineCommand({
  name: "设置",
  aliases: ["settings"],
  summary: {
    zh: "负责人设置本群：提醒时间、提醒点名、本单位放假或调休上班的日期；任免负责人和管理员（绩考办）",
    en: "Leaders: reminder time, roll-call, the unit's own holidays and workdays; appoint leaders and admins",
  },
  example: { zh: "设置 提醒时间 17:30", en: "/settings 提醒时间 17:30" },
  takesText: true,
  args: settingArgs,
  async handle(ctx) {
    const a = ctx.args;
    if (a.kind === "role") return roleSetting(ctx as CommandContext<RoleSetting>);
    if (a.kind === "departmentScore") return departmentScoreSetting(ctx as CommandContext<DepartmentScoreSetting>);
    if (!leadersOnly(ctx, "设置")) return;
    const first = await claimFirstAdmin(ctx);
    let change: SettingInput = a;
    if ("dates" in a) {
      const year = settingsYear(ctx.group, ctx.now);
      const reads = a.dates.map((d) => ({ text: d, read: readDate(d, `${year + 1}-12-31`) }));
      const bad = reads.find((r) => r.read.kind !== "date");
      if (bad)
        return ctx.reply(
          plainNotice({
            title: t(ctx.lang, "看不懂日期", "Unclear dates"),
            body: dateProblem(bad.text, bad.read, ctx.lang),
            hint: t(ctx.lang, "例：设置 放假 2026-12-31", "e.g. /settings 放假 2026-12-31"),
            colour: "yellow",
          }),
        );
      change = { kind: a.kind, dates: reads.map((r) => dateOf(r.read)!) };
    }
    const done = await changeGroupSetting(ctx.deps, {
      group: ctx.group,
      by: ctx.update.senderId,
      change,
      now: ctx.now,
    });
    if (!done.ok) return ctx.reply(datesRefusalCard(done, ctx.lang));
    ctx.work.write(...done.writes);
    ctx.reply(settingSavedCard([first, settingSavedLine(done.change, ctx.lang)], ctx.lang));
  },
});
