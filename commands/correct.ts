import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { quarterLabel } from "../src/domain/periods";
import { scoreChangeCard } from "../cards/score-change";
import { correctionWrites } from "../src/app/corrections";
import { reissue } from "../src/jobs/reissue";
import { displayName } from "../src/app/scores";
import { schemeForMonth } from "../src/app/schemes";
import { resolveTarget, splitTargets } from "../src/app/targets";
import { defineCommand } from "../src/bot/command";
import { publications } from "../src/db/schema";
import { findDimension } from "../src/domain/scheme";
import { isVagueReason } from "../src/domain/scoring";
import { correctionMonth } from "../src/app/corrections";
import { leadersOnly, problem, tooLong } from "./guards";
import { charCount, MAX_REASON_CHARS } from "../src/domain/text";

const EXAMPLE = {
  zh: "更正 2026-Q3 @张三 联村 2 9月防汛值班漏记，经核实补记",
  en: "/correct 2026-Q3 @张三 village 2 flood duty was missed",
};

const correctArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const [period = "", ...rest] = text.trim().split(/\s+/u);
    const { names, words } = splitTargets(rest.join(" "));
    const [item, pointsText, ...reason] = words;
    const points = Number(pointsText);
    if (
      !/^\d{4}(-Q[1-4])?$/.test(period) ||
      !names[0] ||
      !item ||
      !Number.isFinite(points) ||
      points === 0 ||
      Math.abs(points) > 20 ||
      !reason.length ||
      isVagueReason(reason.join(" "))
    ) {
      ctx.addIssue({
        code: "custom",
        message: t(
          lang,
          "请写明：更正 期别 @某人 维度 分值 具体原因，例如 更正 2026-Q3 @张三 联村 2 …",
          "Write: /correct period @person dimension points reason",
        ),
      });
      return z.NEVER;
    }
    if (charCount(reason.join(" ")) > MAX_REASON_CHARS) {
      ctx.addIssue({
        code: "custom",
        message: tooLong(lang, t(lang, "更正原因", "reason"), MAX_REASON_CHARS, charCount(reason.join(" "))),
      });
      return z.NEVER;
    }
    return { period, who: names[0], item, points, reason: reason.join(" ") };
  });

/** 更正: a leader changes a final (定稿) quarter or year; logged, and everyone's report card is re-issued. */
export const correctCommand = defineCommand({
  name: "更正",
  aliases: ["correct"],
  summary: {
    zh: "负责人更正已定稿的季度或年度结果（记入审计，重发成绩单）",
    en: "Leaders correct a final quarter or year (logged; report cards re-issued)",
  },
  example: EXAMPLE,
  takesText: true,
  args: correctArgs,
  async handle(ctx) {
    if (!leadersOnly(ctx, "更正")) return;
    const { db } = ctx.deps;
    const [publication] = await db
      .select()
      .from(publications)
      .where(and(eq(publications.groupId, ctx.group.id), eq(publications.period, ctx.args.period)))
      .limit(1);
    if (!publication)
      return problem(
        ctx,
        { zh: "没有这一期的结果", en: "No such result" },
        t(ctx.lang, `${ctx.args.period} 还没有公布结果。`, `${ctx.args.period} has not been published.`),
        EXAMPLE[ctx.lang],
      );
    if (publication.status !== "final") {
      return problem(
        ctx,
        { zh: "还在公示期", en: "Still open" },
        t(
          ctx.lang,
          "公示期内的问题请通过「申诉」处理，或在当月用评分、加分、扣分调整。",
          "During the window, use appeals or adjust the month directly.",
        ),
      );
    }
    const target = await resolveTarget(db, ctx.group, ctx.args.who, ctx.update.mentions, ctx.lang);
    if (!target.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, target.problem, EXAMPLE[ctx.lang]);
    const { scheme } = await schemeForMonth(db, ctx.group, correctionMonth(publication.period), ctx.now);
    const found = findDimension(scheme, ctx.args.item);
    if (found.kind !== "found")
      return problem(
        ctx,
        { zh: "哪个维度？", en: "Which dimension?" },
        scheme.dimensions.map((d) => d.name).join("、"),
        EXAMPLE[ctx.lang],
      );
    const top = found.path[0]!;
    ctx.work.write(
      ...(correctionWrites(db, {
        group: ctx.group,
        publication,
        member: target.member,
        dimension: top.key,
        points: ctx.args.points,
        reason: `更正：${ctx.args.reason}`,
        by: ctx.update.senderId,
        action: "publication.correct",
        now: ctx.now,
      }) as never[]),
    );
    const group = ctx.group;
    ctx.work.defer(async () => void (await reissue(db, group, publication.period, ctx.deps.clock.now())));
    ctx.reply(
      scoreChangeCard({
        kind: ctx.args.points > 0 ? "bonus" : "deduction",
        who: displayName(target.member),
        lines: [
          `${quarterLabel(publication.period, ctx.lang)}：${top.name} ${ctx.args.points > 0 ? "+" : ""}${ctx.args.points}`,
          `${t(ctx.lang, "原因", "Reason")}：${ctx.args.reason}`,
          t(
            ctx.lang,
            `成绩单将重新发送（第 ${publication.version + 1} 版）。`,
            `Report cards re-issued (version ${publication.version + 1}).`,
          ),
        ],
        lang: ctx.lang,
      }),
    );
  },
});
