import { z } from "zod";
import { goalsCards, MAX_GOALS_PER_YEAR, type GoalRow } from "../cards/goals";
import { t, type Lang } from "../cards/kit";
import {
  cancelGoalWrites,
  findGoal,
  goalOwners,
  goalProgress,
  goalsCovering,
  nextGoalSeq,
  setGoalWrites,
} from "../src/app/goals";
import { isAdmin } from "../src/app/roles";
import { schemeInForce } from "../src/app/schemes";
import { displayName } from "../src/app/scores";
import { resolveTargets, splitTargets, MAX_TARGETS } from "../src/app/targets";
import { defineCommand } from "../src/bot/command";
import {
  completionLine,
  defaultGoalPeriod,
  monthsOfGoalPeriod,
  parseGoalText,
  resolveGoalPeriod,
} from "../src/domain/goals";
import { findDimension, indexScheme } from "../src/domain/scheme";
import { currentMonth, leadersOnly, plainNotice, problem, tooLong } from "./guards";
import { charCount, excerpt } from "../src/domain/text";
import { isLeader } from "../src/app/authority";

/** A target is a line in a table ("完成12个项目"), not a paragraph. */
const MAX_GOAL_CHARS = 100;

const EXAMPLE = { zh: "目标 @张三 业务 完成12个项目", en: "/target @张三 业务 完成12个项目" };

type GoalArgs =
  | { kind: "view"; period?: string }
  | { kind: "cancel"; seq: number }
  | { kind: "set"; names: string[]; words: string[] };

const goalArgs = (lang: Lang) =>
  z.string().transform((text, ctx): GoalArgs => {
    const s = text.trim();
    if (s === "") return { kind: "view" };
    const cancel = /^(?:取消|撤销|删除|cancel)\s*(?:目标)?\s*(\d+)$/iu.exec(s);
    if (cancel) return { kind: "cancel", seq: Number(cancel[1]) };
    if (!/\s/u.test(s) && resolveGoalPeriod(s, "2000-01") !== null) return { kind: "view", period: s };
    const { names, words } = splitTargets(s);
    if (!words.length) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          "请写明目标和计划数，例如：目标 @张三 业务 完成12个项目",
          "Write the target with a planned number",
        ),
      });
      return z.NEVER;
    }
    const typed = charCount(words.join(" "));
    if (typed > MAX_GOAL_CHARS) {
      ctx.addIssue({ code: "custom", message: tooLong(lang, t(lang, "目标", "a target"), MAX_GOAL_CHARS, typed) });
      return z.NEVER;
    }
    return { kind: "set", names, words };
  });

/** 目标: targets with a planned value, per person or for the group, and how far each has got (完成率). */
export const goalCommand = defineCommand({
  name: "目标",
  aliases: ["目标任务", "target", "targets"],
  summary: {
    zh: "看本群目标的完成率；负责人设目标：目标 @张三 业务 完成12个项目 [本季|本月|全年]，取消：目标 取消 3",
    en: "Targets and completion rates; leaders set them: /target @someone dimension 完成12个项目",
  },
  example: EXAMPLE,
  takesText: true,
  args: goalArgs,
  async handle(ctx) {
    const { db } = ctx.deps;
    const current = currentMonth(ctx);
    const a = ctx.args;
    if (a.kind === "view") {
      const period = a.period ? resolveGoalPeriod(a.period, current)! : current;
      const list = await goalsCovering(db, ctx.group, monthsOfGoalPeriod(period));
      const [done, owners, { scheme }] = await Promise.all([
        goalProgress(db, ctx.group, list),
        goalOwners(db, list),
        schemeInForce(db, ctx.group.id),
      ]);
      const names = new Map(indexScheme(scheme).nodes.map((n) => [n.node.key, n.node.name]));
      const dimensionName = (key: string | null) => (key ? (names.get(key) ?? key) : null);
      const rows: GoalRow[] = list.map((g) => ({
        seq: g.seq,
        period: g.period,
        who: g.memberId ? (owners.get(g.memberId) ?? "—") : null,
        dimension: dimensionName(g.dimension),
        title: g.title,
        planned: g.planned,
        unit: g.unit,
        done: done.get(g.id) ?? 0,
      }));
      // Many targets make several cards, in order: every target is listed.
      for (const rendered of goalsCards({ groupName: ctx.group.name, periodLabel: period, rows, lang: ctx.lang }))
        ctx.reply(rendered);
      return;
    }
    // The office sets targets for any group of the organisation (目标分解 from the top).
    const office = !isLeader(ctx.member) && (await isAdmin(db, ctx.group, ctx.update.senderId));
    if (!office && !leadersOnly(ctx, "设置目标")) return;
    if (a.kind === "cancel") {
      const goal = await findGoal(db, ctx.group, a.seq);
      if (!goal || goal.cancelledAt)
        return problem(
          ctx,
          { zh: "没有这个目标", en: "No such target" },
          t(ctx.lang, `本群没有目标${a.seq}（或已取消）。发「目标」查看编号。`, `No target ${a.seq} here.`),
        );
      ctx.work.write(...cancelGoalWrites(db, { group: ctx.group, goal, by: ctx.update.senderId, now: ctx.now }));
      ctx.reply(
        plainNotice({
          title: t(ctx.lang, "已取消目标", "Target cancelled"),
          body: `目标${goal.seq}：${goal.title}`,
          colour: "green",
        }),
      );
      return;
    }

    // A period word anywhere ("本季", "2026", "2026-Q4"); the quarter by default.
    let period = defaultGoalPeriod(current);
    const words: string[] = [];
    for (const w of a.words) {
      const p = resolveGoalPeriod(w, current);
      if (p) period = p;
      else words.push(w);
    }
    // The first word names a dimension when the scheme has one by that name.
    let dimension: { key: string; name: string } | null = null;
    if (words.length > 1) {
      const { scheme } = await schemeInForce(db, ctx.group.id);
      const found = findDimension(scheme, words[0]!);
      if (found.kind === "found") {
        dimension = found.dimension;
        words.shift();
      }
    }
    const parsed = parseGoalText(words.join(" "));
    if (!parsed)
      return problem(
        ctx,
        { zh: "目标要有计划数", en: "A planned number, please" },
        t(
          ctx.lang,
          `「${excerpt(words.join(" "))}」里没有计划数（大于 0 的数字），完成率无从算起。`,
          `No planned number in “${excerpt(words.join(" "))}”.`,
        ),
        EXAMPLE[ctx.lang],
      );

    let people: (typeof ctx.member)[] | [null] = [null];
    if (a.names.length) {
      if (a.names.length > MAX_TARGETS)
        return problem(
          ctx,
          { zh: "人数太多", en: "Too many people" },
          t(ctx.lang, `一次最多给 ${MAX_TARGETS} 人设目标。`, `At most ${MAX_TARGETS} people at once.`),
        );
      const found = await resolveTargets(db, ctx.group, a.names, ctx.update.mentions, ctx.lang);
      if (!found.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, found.problem, EXAMPLE[ctx.lang]);
      people = found.members;
    }
    // A year's targets are bounded, so that every 目标 view (a month sees its quarter's and year's too) stays readable.
    const year = period.slice(0, 4);
    const held = (await goalsCovering(db, ctx.group, monthsOfGoalPeriod(year))).length;
    if (held + people.length > MAX_GOALS_PER_YEAR) {
      return problem(
        ctx,
        { zh: "目标太多", en: "Too many targets" },
        t(
          ctx.lang,
          `本群 ${year} 年已有 ${held} 个目标，每年最多 ${MAX_GOALS_PER_YEAR} 个。请先取消不再需要的目标（目标 取消 编号），或合并相近的目标。`,
          `This group already has ${held} targets in ${year}; at most ${MAX_GOALS_PER_YEAR} a year. Cancel some first (目标 取消 N).`,
        ),
      );
    }
    // 目标分解: naming several people gives each the same target, numbered one after another.
    let seq = await nextGoalSeq(db, ctx.group);
    const lines: string[] = [];
    for (const person of people) {
      const { goal, writes } = setGoalWrites(db, {
        group: ctx.group,
        seq,
        period,
        member: person,
        dimension: dimension?.key ?? null,
        text: parsed,
        by: ctx.update.senderId,
        now: ctx.now,
      });
      ctx.work.write(...writes);
      lines.push(
        `目标${goal.seq} · ${person ? displayName(person) : t(ctx.lang, "全体", "everyone")}${dimension ? ` ·【${dimension.name}】` : ""} ${parsed.title}（${period}）：${t(ctx.lang, "计划", "planned")} ${parsed.planned}${parsed.unit}`,
      );
      seq += 1;
    }
    ctx.reply(
      plainNotice({
        title: t(ctx.lang, "已设目标", "Target set"),
        body: lines.join("\n"),
        hint: t(
          ctx.lang,
          `完成时在日报里写「#目标${seq - people.length} +数量」即可计入；「目标」查看完成率（现在：${completionLine(0, parsed.planned, parsed.unit)}）。`,
          "Tag records with “#目标N +k”; /target shows the rates.",
        ),
        colour: "green",
      }),
    );
  },
});
