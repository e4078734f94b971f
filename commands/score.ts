import { myScoreCard } from "../cards/my-score";
import { noticeCard } from "../cards/notice";
import { t } from "../cards/kit";
import { groupCalibration } from "../src/app/organisation";
import { computeMonth, displayName, PEER_MINIMUM } from "../src/app/scores";
import { indexScheme, type Scheme } from "../src/domain/scheme";
import { attendanceLine, onTimeLabel, type Attendance } from "../src/domain/attendance";
import type { Lang } from "../cards/kit";
import { targetLines } from "../cards/target-lines";
import { defineCommand } from "../src/bot/command";
import { explain } from "../src/domain/scoring";
import { currentMonth } from "./guards";
import { monthArg, resolveMonth } from "./month-arg";
import { scoreImage } from "../src/app/images";
import { surveyLine } from "../cards/survey-lines";
import { surveyStatuses } from "../src/app/surveys";

/** Peer ratings below the minimum are held back, and the card says so. */
function peerNote(scheme: Scheme, raters: number, lang: Lang): string[] {
  if (!("peer" in scheme.raters) || raters >= PEER_MINIMUM) return [];
  return [
    t(
      lang,
      `同事互评：已有 ${raters} 人评分，不足 ${PEER_MINIMUM} 人，暂不计入（按其余评分组归一）。`,
      `Peer review: ${raters} rated so far; held back until ${PEER_MINIMUM}.`,
    ),
  ];
}

/** Where the scheme computes attendance: how many workdays were due and kept. */
function attendanceNote(scheme: Scheme, a: Attendance | undefined, lang: Lang): string[] {
  if (!a) return [];
  const names = indexScheme(scheme)
    .leaves.filter((l) => l.node.source === "attendance")
    .map((l) => l.node.name);
  if (a.score === null)
    return [
      t(
        lang,
        `${names.map(onTimeLabel).join("、")}：本月还没有到期的工作日，暂不计分。`,
        "On-time rate: no workday due yet.",
      ),
    ];
  return names.map((name) => attendanceLine(name, a));
}

/** 成绩: my month so far, per dimension, with what is missing and how the total adds up. */
export const scoreCommand = defineCommand({
  name: "成绩",
  aliases: ["我的成绩", "成绩单", "score"],
  summary: {
    zh: "看我本月的得分、各维度明细和还没评的项目（可加「上月」「10月」）",
    en: "My score this month, per dimension (add “last month” or 2026-10)",
  },
  example: { zh: "成绩", en: "/score" },
  takesText: true,
  args: monthArg,
  async handle(ctx) {
    const month = resolveMonth(ctx.args, currentMonth(ctx));
    const { inForce, result, peerRaters, attendance, targets } = await computeMonth(
      ctx.deps.db,
      ctx.group,
      month,
      ctx.now,
    );
    const me = result.members.find((m) => m.id === ctx.member.id);
    if (!me) {
      ctx.reply(
        noticeCard({
          title: t(ctx.lang, "还没有成绩", "No score yet"),
          body: t(
            ctx.lang,
            `${month} 还没有人给你评分；负责人评分（或月评议）后这里会显示成绩和计算过程。`,
            `Nobody has rated you for ${month} yet.`,
          ),
          colour: "yellow",
        }),
      );
      return;
    }
    const calibration = await groupCalibration(
      ctx.deps.db,
      ctx.group,
      inForce.scheme.departmentCalibration,
      [month],
      result.members.map((m) => m.total),
    );
    const names = new Map(inForce.scheme.dimensions.map((d) => [d.key, d]));
    const leafNames = new Map<string, string>();
    const walk = (ds: typeof inForce.scheme.dimensions) =>
      ds.forEach((d) => (leafNames.set(d.key, d.name), walk(d.children ?? [])));
    walk(inForce.scheme.dimensions);
    const dimensions = Object.entries(me.dimensions).map(([key, f]) => ({
      name: names.get(key)?.name ?? key,
      weight: names.get(key)?.weight ?? 0,
      ...f,
    }));
    // WeChat shows no cards: the sheet goes as a picture first, the text after it.
    const image =
      ctx.deps.platform === "wechat"
        ? scoreImage({
            name: displayName(ctx.member),
            groupName: ctx.group.name,
            month,
            total: me.total,
            rank: me.rank,
            headcount: result.headcount,
            grade: me.grade,
            dimensions: dimensions.map((d) => ({ name: d.name, score: d.points, max: d.weight })),
          })
        : undefined;
    ctx.reply({
      ...myScoreCard({
        name: displayName(ctx.member),
        month,
        schemeName: `${inForce.scheme.name}${inForce.isDefault ? t(ctx.lang, "（默认方案）", " (default)") : ` v${inForce.version}`}`,
        total: me.total,
        rank: me.rank,
        headcount: result.headcount,
        grade: me.grade,
        dimensions,
        extra: me.extra,
        missing: me.missing.map((k) => leafNames.get(k) ?? k),
        explanation: explain(me, calibration),
        notes: [
          ...peerNote(inForce.scheme, peerRaters.get(me.id) ?? 0, ctx.lang),
          ...attendanceNote(inForce.scheme, attendance.get(me.id), ctx.lang),
          ...targetLines(inForce.scheme, targets?.get(me.id), ctx.lang),
          // 群众评价: the sample beside the score, or the mark that it is too small to count.
          ...(await surveyStatuses(ctx.deps.db, ctx.group, [month], inForce.scheme))(me.id).map((s) => surveyLine(s)),
        ],
        lang: ctx.lang,
      }),
      ...(image ? { image } : {}),
    });
  },
});
