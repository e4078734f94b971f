import { z } from "zod";
import { t } from "../cards/kit";
import { awardCard, awardLevelsLine } from "../cards/award";
import { giveAward } from "../src/app/awards";
import { displayName } from "../src/app/scores";
import { MAX_TARGETS, resolveTargets, splitTargets } from "./target-arg";
import { defineCommand } from "../src/bot/command";
import { isVagueReason } from "../src/domain/scoring";
import { currentMonth, leadersOnly, problem, tooLong } from "./guards";
import { charCount, excerpt, MAX_REASON_CHARS } from "../src/domain/text";

const EXAMPLE = { zh: "奖励 @张三 市级 获评市级优秀共产党员", en: "/award @张三 city named outstanding party member" };

/** Kept here for the commands that import it from 奖励 (申报 奖励 matches levels the same way). */
export { matchAwardLevel } from "../src/app/awards";

/** 奖励: a leader records an award (国家级/省级/市级/县级), worth the scheme's points. */
export const awardCommand = defineCommand({
  name: "奖励",
  aliases: ["award"],
  summary: {
    zh: "负责人记录获奖（国家级/省级/市级/县级，按方案加分）",
    en: "Leaders record an award (national/provincial/city/county)",
  },
  example: EXAMPLE,
  takesText: true,
  args: (lang) =>
    z.string().transform((text, ctx) => {
      const { names, words } = splitTargets(text);
      // A team award (同奖同赔) names everyone at once; a typed name without @ is one person.
      const who = names.length ? names : words.length >= 3 ? [words.shift()!] : [];
      const [level, ...reasonWords] = words;
      const reason = reasonWords.join(" ").trim();
      if (!who.length || !level || !reason) {
        ctx.addIssue({
          code: "custom",
          message: t(lang, "请写明：奖励 @某人 级别 获奖事由", "Write: /award @person level what for"),
        });
        return z.NEVER;
      }
      if (who.length > MAX_TARGETS) {
        ctx.addIssue({
          code: "custom",
          message: t(
            lang,
            `一次最多 ${MAX_TARGETS} 人，请分几次发送。`,
            `At most ${MAX_TARGETS} people at once; please split it.`,
          ),
        });
        return z.NEVER;
      }
      if (isVagueReason(reason)) {
        ctx.addIssue({
          code: "custom",
          message: t(
            lang,
            `事由「${excerpt(reason)}」过于笼统，请写明获得的是什么奖、由谁授予。`,
            `“${excerpt(reason)}” is too vague: name the award and who gave it.`,
          ),
        });
        return z.NEVER;
      }
      if (charCount(reason) > MAX_REASON_CHARS) {
        ctx.addIssue({
          code: "custom",
          message: tooLong(lang, t(lang, "获奖事由", "reason"), MAX_REASON_CHARS, charCount(reason)),
        });
        return z.NEVER;
      }
      return { who, level, reason };
    }),
  async handle(ctx) {
    if (!leadersOnly(ctx, "奖励")) return;
    const targets = await resolveTargets(ctx.deps.db, ctx.group, ctx.args.who, ctx.update.mentions, ctx.lang);
    if (!targets.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, targets.problem, EXAMPLE[ctx.lang]);
    const { level, reason } = ctx.args;
    const month = currentMonth(ctx);
    const people = targets.members;
    const by = ctx.update.senderId;
    const done = await giveAward(ctx.deps, { group: ctx.group, people, level, reason, month, by, now: ctx.now });
    if (!done.ok)
      return problem(
        ctx,
        { zh: "哪一级奖励？", en: "Which level?" },
        awardLevelsLine(done.levels, ctx.lang),
        EXAMPLE[ctx.lang],
      );
    ctx.work.write(...done.writes);
    const names = people.map(displayName);
    ctx.reply(
      awardCard({
        names,
        level: done.level,
        points: done.points,
        extraCap: done.extraCap,
        outsideCap: done.outsideCap,
        reason,
        month,
        lang: ctx.lang,
      }),
    );
  },
});
