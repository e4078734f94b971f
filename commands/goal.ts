import { z } from "zod";
import { goalsCards, MAX_GOALS_PER_YEAR } from "../cards/goals";
import { t, type Lang } from "../cards/kit";
import { cancelGoal, planGoal, setGoals, viewGoals } from "../src/app/goal-changes";
import { displayName } from "../src/app/scores";
import { resolveTargets, splitTargets, MAX_TARGETS } from "../src/app/targets";
import { defineCommand } from "../src/bot/command";
import { completionLine, defaultGoalPeriod, resolveGoalPeriod } from "../src/domain/goals";
import { currentMonth, leadersOnly, plainNotice, problem, tooLong } from "./guards";
import { charCount, excerpt } from "../src/domain/text";
import { authorityOf } from "../src/app/authority";

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
    const current = currentMonth(ctx);
    const a = ctx.args;
    if (a.kind === "view") {
      const periodLabel = a.period ? resolveGoalPeriod(a.period, current)! : current;
      const rows = await viewGoals(ctx.deps, { group: ctx.group, period: periodLabel });
      // Many targets make several cards, in order: every target is listed.
      for (const rendered of goalsCards({ groupName: ctx.group.name, periodLabel, rows, lang: ctx.lang }))
        ctx.reply(rendered);
      return;
    }
    // The office sets targets for any group of the organisation (目标分解 from the top).
    const { leader, admin } = await authorityOf(ctx.deps.db, ctx.group, ctx.member, ctx.update.senderId);
    if (!(!leader && admin) && !leadersOnly(ctx, "设置目标")) return;
    const by = ctx.update.senderId;
    if (a.kind === "cancel") {
      const done = await cancelGoal(ctx.deps, { group: ctx.group, seq: a.seq, by, now: ctx.now });
      if (!done.ok)
        return problem(
          ctx,
          { zh: "没有这个目标", en: "No such target" },
          t(ctx.lang, `本群没有目标${a.seq}（或已取消）。发「目标」查看编号。`, `No target ${a.seq} here.`),
        );
      ctx.work.write(...done.writes);
      const body = `目标${done.goal.seq}：${done.goal.title}`;
      return ctx.reply(plainNotice({ title: t(ctx.lang, "已取消目标", "Target cancelled"), body, colour: "green" }));
    }
    // A period word anywhere ("本季", "2026", "2026-Q4"); the quarter by default.
    let period = defaultGoalPeriod(current);
    const words: string[] = [];
    for (const w of a.words) {
      const p = resolveGoalPeriod(w, current);
      if (p) period = p;
      else words.push(w);
    }
    const plan = await planGoal(ctx.deps, { group: ctx.group, words });
    if (!plan.ok)
      return problem(
        ctx,
        { zh: "目标要有计划数", en: "A planned number, please" },
        t(
          ctx.lang,
          `「${excerpt(plan.text)}」里没有计划数（大于 0 的数字），完成率无从算起。`,
          `No planned number in “${excerpt(plan.text)}”.`,
        ),
        EXAMPLE[ctx.lang],
      );
    let people: (typeof ctx.member | null)[] = [null];
    if (a.names.length) {
      if (a.names.length > MAX_TARGETS)
        return problem(
          ctx,
          { zh: "人数太多", en: "Too many people" },
          t(ctx.lang, `一次最多给 ${MAX_TARGETS} 人设目标。`, `At most ${MAX_TARGETS} people at once.`),
        );
      const found = await resolveTargets(ctx.deps.db, ctx.group, a.names, ctx.update.mentions, ctx.lang);
      if (!found.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, found.problem, EXAMPLE[ctx.lang]);
      people = found.members;
    }
    const { dimension, text } = plan;
    const maxPerYear = MAX_GOALS_PER_YEAR;
    const done = await setGoals(ctx.deps, {
      group: ctx.group,
      period,
      dimension,
      text,
      people,
      maxPerYear,
      by,
      now: ctx.now,
    });
    if (!done.ok)
      return problem(
        ctx,
        { zh: "目标太多", en: "Too many targets" },
        t(
          ctx.lang,
          `本群 ${done.year} 年已有 ${done.held} 个目标，每年最多 ${done.max} 个。请先取消不再需要的目标（目标 取消 编号），或合并相近的目标。`,
          `This group already has ${done.held} targets in ${done.year}; at most ${done.max} a year. Cancel some first (目标 取消 N).`,
        ),
      );
    ctx.work.write(...done.writes);
    const lines = done.goals.map(
      ({ goal, member }) =>
        `目标${goal.seq} · ${member ? displayName(member) : t(ctx.lang, "全体", "everyone")}${dimension ? ` ·【${dimension.name}】` : ""} ${text.title}（${period}）：${t(ctx.lang, "计划", "planned")} ${text.planned}${text.unit}`,
    );
    ctx.reply(
      plainNotice({
        title: t(ctx.lang, "已设目标", "Target set"),
        body: lines.join("\n"),
        hint: t(
          ctx.lang,
          `完成时在日报里写「#目标${done.goals[0]!.goal.seq} +数量」即可计入；「目标」查看完成率（现在：${completionLine(0, text.planned, text.unit)}）。`,
          "Tag records with “#目标N +k”; /target shows the rates.",
        ),
        colour: "green",
      }),
    );
  },
});
