import { eq } from "drizzle-orm";
import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { defineCommand } from "../src/bot/command";
import { newId } from "../src/db/ids";
import { auditLog, groups, type GroupSettings } from "../src/db/schema";
import { localDate } from "../src/domain/dates";
import { dateOf, dateProblem, readDate } from "./date-arg";
import { leadersOnly, plainNotice } from "./guards";
import {
  DEPARTMENT_WORD,
  departmentScoreSetting,
  parseDepartmentScore,
  type DepartmentScoreSetting,
} from "./settings-department";
import { claimFirstAdmin, ROLE_WORDS, roleSetting, type RoleSetting } from "./settings-roles";
import { splitTargets } from "../src/app/targets";
import type { CommandContext } from "../src/bot/command";

type Setting =
  | { kind: "reminderAt"; value: string }
  | { kind: "mentionMissing"; value: boolean }
  | { kind: "holidays" | "workdays"; dates: string[] }
  | { kind: "requireMention"; value: boolean }
  | RoleSetting
  | DepartmentScoreSetting;

/** A year's own days off or on fit in one message; more is a paste gone wrong. */
const MAX_DATES_AT_ONCE = 60;

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
    if (what === "提醒时间") {
      const m = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/u.exec(rest[0] ?? "");
      return m ? { kind: "reminderAt", value: `${m[1]!.padStart(2, "0")}:${m[2]}` } : fail();
    }
    if (what === "提醒点名") {
      if (["开", "开启", "是", "on"].includes(rest[0] ?? "")) return { kind: "mentionMissing", value: true };
      if (["关", "关闭", "否", "off"].includes(rest[0] ?? "")) return { kind: "mentionMissing", value: false };
      return fail();
    }
    if (what === "需要@我" || what === "需要艾特") {
      if (["开", "开启", "是", "on"].includes(rest[0] ?? "")) return { kind: "requireMention", value: true };
      if (["关", "关闭", "否", "off"].includes(rest[0] ?? "")) return { kind: "requireMention", value: false };
      return fail();
    }
    if ((what === "放假" || what === "上班") && rest.length)
      return { kind: what === "放假" ? "holidays" : "workdays", dates: rest };
    return fail();
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
    if (ctx.args.kind === "role") return roleSetting(ctx as CommandContext<RoleSetting>);
    if (ctx.args.kind === "departmentScore")
      return departmentScoreSetting(ctx as CommandContext<DepartmentScoreSetting>);
    if (!leadersOnly(ctx, "设置")) return;
    const { db } = ctx.deps;
    const first = await claimFirstAdmin(ctx);
    const [fresh] = await db.select().from(groups).where(eq(groups.id, ctx.group.id)).limit(1);
    const settings: GroupSettings = { ...(fresh?.settings ?? ctx.group.settings) };
    let said: string;
    const a = ctx.args;
    if (a.kind === "reminderAt") {
      settings.reminderAt = a.value;
      said = t(ctx.lang, `每个工作日 ${a.value} 提醒未交日报的成员。`, `Reminders at ${a.value} on workdays.`);
    } else if (a.kind === "mentionMissing") {
      settings.mentionMissing = a.value;
      said = a.value
        ? t(ctx.lang, "群提醒会 @ 未交的成员。", "The group reminder will @ those missing.")
        : t(ctx.lang, "群提醒只报人数，不 @ 任何人。", "The group reminder gives counts only.");
    } else if (a.kind === "requireMention") {
      settings.requireMention = a.value;
      said = a.value
        ? t(ctx.lang, "微信群里只回应 @我 的消息。", "In WeChat groups I answer only messages that @mention me.")
        : t(
            ctx.lang,
            "微信群里以命令开头的消息不必 @我。",
            "In WeChat groups, messages starting with a command need no @mention.",
          );
    } else {
      const today = localDate(ctx.now, ctx.group.timezone);
      const year = Number(today.slice(0, 4));
      const reads = a.dates.map((d) => ({ text: d, read: readDate(d, `${year + 1}-12-31`) }));
      const bad = reads.find((r) => r.read.kind !== "date");
      if (bad) {
        ctx.reply(
          plainNotice({
            title: t(ctx.lang, "看不懂日期", "Unclear dates"),
            body: dateProblem(bad.text, bad.read, ctx.lang),
            hint: t(ctx.lang, "例：设置 放假 2026-12-31", "e.g. /settings 放假 2026-12-31"),
            colour: "yellow",
          }),
        );
        return;
      }
      const dates = reads.map((r) => dateOf(r.read)!);
      // The unit's own calendar is kept for last year, this year and next: other years are typos.
      const far = dates.find((d) => Number(d.slice(0, 4)) < year - 1 || Number(d.slice(0, 4)) > year + 1);
      if (far) {
        ctx.reply(
          noticeCard({
            title: t(ctx.lang, "年份太远", "Year out of range"),
            body: t(
              ctx.lang,
              `${far} 不在 ${year - 1}–${year + 1} 年之间，请检查年份。`,
              `${far} is outside ${year - 1}–${year + 1}; check the year.`,
            ),
            colour: "yellow",
          }),
        );
        return;
      }
      if (dates.length > MAX_DATES_AT_ONCE) {
        ctx.reply(
          noticeCard({
            title: t(ctx.lang, "日期太多", "Too many dates"),
            body: t(
              ctx.lang,
              `一次最多设置 ${MAX_DATES_AT_ONCE} 个日期。`,
              `At most ${MAX_DATES_AT_ONCE} dates at once.`,
            ),
            colour: "yellow",
          }),
        );
        return;
      }
      const other = a.kind === "holidays" ? "workdays" : "holidays";
      settings[a.kind] = [...new Set([...(settings[a.kind] ?? []), ...(dates as string[])])].sort();
      settings[other] = (settings[other] ?? []).filter((d) => !dates.includes(d));
      said = t(
        ctx.lang,
        `${a.kind === "holidays" ? "本单位放假" : "本单位上班"}：${(dates as string[]).join("、")}`,
        `${a.kind}: ${(dates as string[]).join(", ")}`,
      );
    }
    ctx.work.write(
      db.update(groups).set({ settings }).where(eq(groups.id, ctx.group.id)),
      db.insert(auditLog).values({
        id: newId("aud", ctx.now.getTime()),
        groupId: ctx.group.id,
        actorUserId: ctx.update.senderId,
        action: "group.settings",
        detail: { ...settings },
        at: ctx.now,
      }),
    );
    ctx.reply(
      noticeCard({
        title: t(ctx.lang, "已设置", "Saved"),
        body: [first, said].filter(Boolean).join("\n"),
        colour: "green",
      }),
    );
  },
});
