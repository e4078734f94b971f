import type { MySchoolResult, SchoolRanking } from "../src/app/school-score";
import { rankingCards } from "./ranking";
import { schoolPeriodLabel } from "../src/domain/school-year";
import { card, markdown, note, plainText, t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { schoolLines, schoolNote } from "./school-lines";

/** 导出 of a 学年 or 学期 where no group's scheme has a school year. */
export function noSchoolYearCard(label: string, lang: Lang): Rendered {
  return noticeCard({
    title: t(lang, "没有设学年的方案", "No scheme with a school year"),
    body: t(
      lang,
      `本单位没有哪个群的考核方案设了学年和学期，无法导出${label}的成绩。可以导出月份、季度或年度（如 导出 2026）；` +
        "学校可改用「学校教师」模板（发「方案 模板」查看）。",
      `No group's scheme has a school year, so there is nothing to export for ${label}. Export a month, quarter or year.`,
    ),
    colour: "yellow",
  });
}

/** The answer to 排名 学期 / 排名 学年: the ranking cards, or why there is none. */
export function schoolRankingReply(r: SchoolRanking, groupName: string, lang: Lang): Rendered[] {
  if (!r.ok)
    return [
      r.code === "no_school_year"
        ? schoolScoreReply(r, "", lang)
        : noticeCard({
            title: t(lang, "还没有排名", "No ranking yet"),
            body: t(
              lang,
              `${schoolPeriodLabel(r.period, lang)}还没有开始。`,
              `${schoolPeriodLabel(r.period, lang)} has not begun yet.`,
            ),
            colour: "yellow",
          }),
    ];
  const { ok: _ok, code: _code, period, ...view } = r;
  return rankingCards({ ...view, groupName, lang, periodLabel: schoolPeriodLabel(period, lang) });
}

/** The answer to 成绩 学期 / 成绩 学年: the person's semester or school year with its parts, or why there is none. */
export function schoolScoreReply(r: MySchoolResult, name: string, lang: Lang): Rendered {
  if (!r.ok) {
    if (r.code === "no_school_year")
      return noticeCard({
        title: t(lang, "本群方案没有学年", "No school year in this scheme"),
        body: t(
          lang,
          "本群的考核方案没有设学年和学期，所以没有学期、学年成绩。可以看月度成绩（发「成绩」）或季度、年度成绩单；" +
            '学校可改用「学校教师」模板（发「方案 模板」查看），或在方案里加 "schoolYear": {}。',
          'This group\'s scheme has no school year or terms. Use a school template or add "schoolYear" to the scheme.',
        ),
        colour: "yellow",
      });
    const label = schoolPeriodLabel(r.period, lang);
    return noticeCard({
      title: t(lang, "还没有成绩", "No score yet"),
      body:
        r.code === "not_started"
          ? t(lang, `${label}还没有开始。`, `${label} has not begun yet.`)
          : t(
              lang,
              `${label}还没有你的成绩：这段时间没有人给你评分，也没有学期测评。`,
              `Nobody has rated you in ${label} yet.`,
            ),
      colour: "yellow",
    });
  }
  const title = t(
    lang,
    `${name} · ${schoolPeriodLabel(r.period, lang)}成绩`,
    `${name} · ${schoolPeriodLabel(r.period, lang)}`,
  );
  const lines = schoolLines(r, lang);
  const explained = schoolNote(r, lang);
  return {
    card: card({
      title,
      colour: "blue",
      summary: title,
      elements: [markdown(lines.join("\n")), note(explained)],
    }),
    text: [title, ...lines.map(plainText), plainText(explained)].join("\n"),
  };
}
