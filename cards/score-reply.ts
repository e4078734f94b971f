import { targetLines } from "./target-lines";
import type { MyMonthResult } from "../src/app/my-score";
import { attendanceLine, onTimeLabel } from "../src/domain/attendance";
import type { IsoMonth } from "../src/domain/dates";
import { explain } from "../src/domain/scoring";
import { t, type Lang, type Rendered } from "./kit";
import { myScoreCard } from "./my-score";
import { noticeCard } from "./notice";
import { surveyLine } from "./survey-lines";

type Scored = Extract<MyMonthResult, { ok: true }>;

/** Peer ratings below the minimum are held back, and the card says so. */
function peerNote(r: Scored, lang: Lang): string[] {
  if (!r.peerHeldBack) return [];
  const { raters, minimum } = r.peerHeldBack;
  return [
    t(
      lang,
      `同事互评：已有 ${raters} 人评分，不足 ${minimum} 人，暂不计入（按其余评分组归一）。`,
      `Peer review: ${raters} rated so far; held back until ${minimum}.`,
    ),
  ];
}

/** Where the scheme computes attendance: how many workdays were due and kept. */
function attendanceNote(r: Scored, lang: Lang): string[] {
  if (!r.attendance) return [];
  const { names, attendance: a } = r.attendance;
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

/** The answer to 成绩: the month's sheet (with its picture for WeChat), or that nobody has rated yet. */
export function scoreReply(
  r: MyMonthResult,
  name: string,
  month: IsoMonth,
  lang: Lang,
): Rendered & Pick<Scored, "image"> {
  if (!r.ok)
    return noticeCard({
      title: t(lang, "还没有成绩", "No score yet"),
      body: t(
        lang,
        `${month} 还没有人给你评分；负责人评分（或月评议）后这里会显示成绩和计算过程。`,
        `Nobody has rated you for ${month} yet.`,
      ),
      colour: "yellow",
    });
  const { inForce, me } = r;
  return {
    ...myScoreCard({
      name,
      month,
      schemeName: `${inForce.scheme.name}${inForce.isDefault ? t(lang, "（默认方案）", " (default)") : ` v${inForce.version}`}`,
      total: me.total,
      rank: me.rank,
      headcount: r.headcount,
      grade: me.grade,
      dimensions: r.dimensions,
      extra: me.extra,
      missing: r.missing,
      // A survey-fed item names its sample (样本 26 份), not 「1 人平均」.
      explanation: explain(me, r.calibration, new Map(r.surveys.map((s) => [s.rater, s.sample]))),
      notes: [
        ...peerNote(r, lang),
        ...attendanceNote(r, lang),
        ...targetLines(inForce.scheme, r.targets, lang),
        // 群众评价: the sample beside the score, or the mark that it is too small to count.
        ...r.surveys.map((s) => surveyLine(s)),
      ],
      lang,
    }),
    ...(r.image ? { image: r.image } : {}),
  };
}
