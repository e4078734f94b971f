import { z } from "zod";
import { t } from "../cards/kit";
import { scoreChangeCard } from "../cards/score-change";
import { schemeInForce } from "../src/app/schemes";
import { awardWrites, displayName } from "../src/app/scores";
import { MAX_TARGETS, resolveTargets, splitTargets } from "../src/app/targets";
import { defineCommand } from "../src/bot/command";
import { awardLabel } from "../src/domain/scheme";
import { isVagueReason } from "../src/domain/scoring";
import { currentMonth, leadersOnly, problem, tooLong } from "./guards";
import { charCount, excerpt, MAX_REASON_CHARS } from "../src/domain/text";

const EXAMPLE = { zh: "奖励 @张三 市级 获评市级优秀共产党员", en: "/award @张三 city named outstanding party member" };

/** "国家级", "国家", "national" → national; the scheme decides which levels exist. */
export function matchAwardLevel(levels: readonly string[], typed: string): string | undefined {
  const q = typed.trim().toLowerCase();
  return levels.find(
    (l) => l === q || awardLabel(l) === typed || awardLabel(l).replace(/级$/, "") === typed.replace(/级$/, ""),
  );
}

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
    const { db } = ctx.deps;
    const targets = await resolveTargets(db, ctx.group, ctx.args.who, ctx.update.mentions, ctx.lang);
    if (!targets.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, targets.problem, EXAMPLE[ctx.lang]);
    const { scheme } = await schemeInForce(db, ctx.group.id);
    const levels = Object.keys(scheme.awards);
    const level = matchAwardLevel(levels, ctx.args.level);
    if (!level) {
      const options = levels.map((l) => `${awardLabel(l)}（+${scheme.awards[l]}）`).join("、");
      return problem(
        ctx,
        { zh: "哪一级奖励？", en: "Which level?" },
        t(ctx.lang, `方案里的奖励级别：${options}`, `Levels in the scheme: ${options}`),
        EXAMPLE[ctx.lang],
      );
    }
    const month = currentMonth(ctx);
    const people = targets.members;
    for (const member of people) {
      ctx.work.write(
        ...awardWrites(db, {
          group: ctx.group,
          month,
          member,
          level,
          reason: ctx.args.reason,
          by: ctx.update.senderId,
          now: ctx.now,
        }),
      );
    }
    // Rules 2 (篇5 line 99): awards are added in full, outside the 附加分 cap.
    const cap =
      scheme.rules === 2
        ? t(ctx.lang, "（奖励分直接计入总分，不受附加分上限限制）", " (added in full, outside the extra-points cap)")
        : scheme.extraCap !== undefined
          ? t(
              ctx.lang,
              `（奖励与附加分合计不超过 ${scheme.extraCap} 分）`,
              ` (awards and extras capped at ${scheme.extraCap})`,
            )
          : "";
    ctx.reply(
      scoreChangeCard({
        kind: "award",
        who: people.map(displayName),
        lines: [
          ...(people.length > 1
            ? [t(ctx.lang, `共 ${people.length} 人，每人：`, `${people.length} people, each:`)]
            : []),
          `${awardLabel(level)}：+${scheme.awards[level]}${cap}`,
          `${t(ctx.lang, "事由", "For")}：${ctx.args.reason}`,
          `${t(ctx.lang, "月份", "Month")}：${month}`,
        ],
        lang: ctx.lang,
      }),
    );
  },
});
