import { z } from "zod";
import { appealCard } from "../cards/appeal";
import { t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { quarterLabel } from "../cards/report-card";
import { activeLeaders } from "../src/app/claims";
import { appealWrites, openAppealOf, openPublication } from "../src/app/publications";
import { displayName } from "../src/app/scores";
import { defineCommand } from "../src/bot/command";
import { localDate } from "../src/domain/dates";
import { isVagueReason } from "../src/domain/scoring";
import { computeYear } from "../src/jobs/annual-summary";
import { computeQuarter } from "../src/jobs/quarterly-report";
import { problem } from "./guards";

/** The published figures of a period, quarter or year. */
export async function periodResult(db: Parameters<typeof computeQuarter>[0], group: Parameters<typeof computeQuarter>[1], period: string, now: Date) {
  return /^\d{4}$/.test(period) ? computeYear(db, group, period, now) : computeQuarter(db, group, period, now);
}

/** 申诉: object to a published quarter or year within its window; every leader gets the case. */
export const appealCommand = defineCommand({
  name: "申诉",
  aliases: ["异议", "appeal"],
  summary: { zh: "公示期内对季度/年度结果提出申诉，负责人会处理并回复", en: "Object to a published result during its window" },
  example: { zh: "申诉 9月联村工作的加分没有计入", en: "/appeal my September bonus is missing" },
  takesText: true,
  args: (lang) =>
    z
      .string()
      .trim()
      .min(1, t(lang, "请写明申诉理由，例如：申诉 9月联村工作的加分没有计入", "Give your reason, e.g. /appeal my September bonus is missing"))
      .max(1000)
      .refine((s) => !isVagueReason(s), t(lang, "请写明具体理由（哪一项、为什么）。", "Be specific: which item, and why.")),
  async handle(ctx) {
    const { db } = ctx.deps;
    const today = localDate(ctx.now, ctx.group.timezone);
    const publication = await openPublication(db, ctx.group.id, today);
    if (!publication) return problem(ctx, { zh: "现在不在公示期", en: "No open window" }, t(ctx.lang, "目前没有公示中的考核结果；结果定稿后的更改需由负责人更正。", "No result is open for objections now."));
    if (await openAppealOf(db, publication.id, ctx.member.id)) {
      return problem(ctx, { zh: "已提交过申诉", en: "Already lodged" }, t(ctx.lang, "你对本期结果的申诉正在处理中，结果会私信告诉你。", "Your appeal is being handled; you will hear privately."));
    }
    const { appeal, writes } = appealWrites(db, publication, ctx.member, ctx.args, ctx.now);
    ctx.work.write(...writes);
    const { scheme, combined } = await periodResult(db, ctx.group, publication.period, ctx.now);
    const mine = combined.members.find((m) => m.id === ctx.member.id);
    const leaders = (await activeLeaders(db, ctx.group.id)).filter((l) => l.id !== ctx.member.id);
    const card = appealCard({
      appealId: appeal.id,
      appellant: displayName(ctx.member),
      groupName: ctx.group.name,
      periodLabel: quarterLabel(publication.period, "zh"),
      reason: ctx.args,
      total: mine?.total ?? 0,
      rank: mine?.rank ?? 0,
      headcount: combined.members.length,
      dimensions: scheme.dimensions.map((d) => ({ key: d.key, name: d.name })),
      lang: "zh",
    });
    for (const leader of leaders) ctx.work.send({ type: "open_id", id: leader.userId }, card, `appeal:${appeal.id}:${leader.userId}`);
    ctx.reply(
      noticeCard({
        title: t(ctx.lang, "申诉已提交", "Appeal lodged"),
        body: t(ctx.lang, `已交给 ${leaders.length} 位负责人处理（${quarterLabel(publication.period, "zh")}，公示期至 ${publication.windowEnds.slice(5)}）。结果会私信告诉你。`, `Sent to ${leaders.length} leader(s); you will hear privately.`),
        colour: "blue",
      }),
    );
  },
});
