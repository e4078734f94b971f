import { z } from "zod";
import { appealCard } from "../cards/appeal";
import { t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { quarterLabel } from "../src/domain/periods";
import { activeLeaders } from "../src/app/claims";
import { appealWrites, nextAppealNo, openAppealOf, openPublication } from "../src/app/publications";
import { displayName } from "../src/app/scores";
import { defineCommand } from "../src/bot/command";
import type { Work } from "../src/bot/work";
import type { Database } from "../src/db/database";
import type { Group, Member } from "../src/db/schema";
import { localDate } from "../src/domain/dates";
import { isVagueReason } from "../src/domain/scoring";
import { computeYear } from "../src/app/period-results";
import { computeQuarter } from "../src/app/period-results";
import { problem, tooLong } from "./guards";

/** An appeal states its case in a few paragraphs; the report card's form allows as much. */
const MAX_APPEAL_CHARS = 1000;

/** The published figures of a period, quarter or year. */
export async function periodResult(
  db: Parameters<typeof computeQuarter>[0],
  group: Parameters<typeof computeQuarter>[1],
  period: string,
  now: Date,
) {
  return /^\d{4}$/.test(period) ? computeYear(db, group, period, now) : computeQuarter(db, group, period, now);
}

export type LodgeResult =
  | { kind: "closed" }
  | { kind: "already" }
  | { kind: "lodged"; leaders: number; period: string; windowEnds: string };

/** Opens an appeal against the group's result in its window, and sends the case to every leader. */
export async function lodgeAppeal(input: {
  db: Database;
  group: Group;
  member: Member;
  reason: string;
  now: Date;
  work: Work;
}): Promise<LodgeResult> {
  const { db, group, member, now } = input;
  const publication = await openPublication(db, group.id, localDate(now, group.timezone));
  if (!publication) return { kind: "closed" };
  if (await openAppealOf(db, publication.id, member.id)) return { kind: "already" };
  const { appeal, writes } = appealWrites(
    db,
    publication,
    member,
    input.reason,
    now,
    await nextAppealNo(db, publication.id),
  );
  input.work.write(...writes);
  const { scheme, combined } = await periodResult(db, group, publication.period, now);
  const mine = combined.members.find((m) => m.id === member.id);
  const leaders = (await activeLeaders(db, group.id)).filter((l) => l.id !== member.id);
  const card = appealCard({
    appealId: appeal.id,
    appealNo: appeal.no,
    appellant: displayName(member),
    groupName: group.name,
    periodLabel: quarterLabel(publication.period, "zh"),
    reason: input.reason,
    total: mine?.total ?? 0,
    rank: mine?.rank ?? 0,
    headcount: combined.members.length,
    dimensions: scheme.dimensions.map((d) => ({ key: d.key, name: d.name })),
    lang: "zh",
  });
  for (const leader of leaders)
    input.work.send({ type: "open_id", id: leader.userId }, card, `appeal:${appeal.id}:${leader.userId}`);
  return { kind: "lodged", leaders: leaders.length, period: publication.period, windowEnds: publication.windowEnds };
}

/** 申诉: object to a published quarter or year within its window; every leader gets the case. */
export const appealCommand = defineCommand({
  name: "申诉",
  aliases: ["异议", "appeal"],
  summary: {
    zh: "公示期内对季度/年度结果提出申诉，负责人会处理并回复",
    en: "Object to a published result during its window",
  },
  example: { zh: "申诉 9月联村工作的加分没有计入", en: "/appeal my September bonus is missing" },
  takesText: true,
  args: (lang) =>
    z
      .string()
      .trim()
      .min(
        1,
        t(
          lang,
          "请写明申诉理由，例如：申诉 9月联村工作的加分没有计入",
          "Give your reason, e.g. /appeal my September bonus is missing",
        ),
      )
      .max(MAX_APPEAL_CHARS, tooLong(lang, t(lang, "申诉理由", "reason"), MAX_APPEAL_CHARS))
      .refine(
        (s) => !isVagueReason(s),
        t(lang, "请写明具体理由（哪一项、为什么）。", "Be specific: which item, and why."),
      ),
  async handle(ctx) {
    const result = await lodgeAppeal({
      db: ctx.deps.db,
      group: ctx.group,
      member: ctx.member,
      reason: ctx.args,
      now: ctx.now,
      work: ctx.work,
    });
    if (result.kind === "closed")
      return problem(
        ctx,
        { zh: "现在不在公示期", en: "No open window" },
        t(
          ctx.lang,
          "目前没有公示中的考核结果；结果定稿后的更改需由负责人更正。",
          "No result is open for objections now.",
        ),
      );
    if (result.kind === "already") {
      return problem(
        ctx,
        { zh: "已提交过申诉", en: "Already lodged" },
        t(
          ctx.lang,
          "你对本期结果的申诉正在处理中，结果会私信告诉你。",
          "Your appeal is being handled; you will hear privately.",
        ),
      );
    }
    ctx.reply(
      noticeCard({
        title: t(ctx.lang, "申诉已提交", "Appeal lodged"),
        body: t(
          ctx.lang,
          `已交给 ${result.leaders} 位负责人处理（${quarterLabel(result.period, "zh")}，公示期至 ${result.windowEnds.slice(5)}）。结果会私信告诉你。`,
          `Sent to ${result.leaders} leader(s); you will hear privately.`,
        ),
        colour: "blue",
      }),
    );
  },
});
