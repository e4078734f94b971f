import { monthOf, type IsoDate } from "../../../domain/dates";
import { CHOICES } from "../../../domain/survey";
import { DEMO_GROUPS, DEMO_OFFICE, DEMO_SURVEY, DEMO_SURVEY_SCHEME } from "../demo";
import type { DemoStep } from "./history";

/**
 * The demo's 群众满意度测评 (issue 14 item 2), within the month of the history's last workday, so its result is in
 * this month's 成绩: on that month's first workday the office gives 综合办公室 a scheme with a 群众 rater group and its
 * leader opens the survey; the people served answer on the survey page over the month's workdays (each a "page"
 * step: the seed answers with the next printed code, through the page's own form); on the last workday, after the
 * day's records, the leader closes it and the result feeds 单位管理学习作风 with its sample size.
 */
export function surveySteps(workdays: readonly IsoDate[], at: (date: IsoDate, hhmm: string) => Date): DemoStep[] {
  const last = workdays.at(-1);
  const group = DEMO_GROUPS.find((g) => g.chatId === DEMO_SURVEY.chatId);
  if (!last || !group) return [];
  const days = workdays.filter((d) => monthOf(d) === monthOf(last));
  const first = days[0]!;
  const s = DEMO_SURVEY;
  const steps: DemoStep[] = [
    { at: at(first, "09:25"), from: DEMO_OFFICE, group, where: "group", text: surveySchemeMessage() },
    {
      at: at(first, "09:40"),
      from: group.owner,
      group,
      where: "group",
      text: `问卷 开 ${s.dimension} 份数 ${s.codes} 最少 ${s.minSample}`,
    },
  ];
  // Respondents spread over the month's workdays, between 10:00 and 16:50 (after the opening, before the close).
  s.answers.forEach((choice, i) => {
    const day = days[Math.floor((i * days.length) / s.answers.length)]!;
    const hhmm = `${10 + (i % 7)}:${String((i * 17) % 50).padStart(2, "0")}`;
    const comment: string | undefined = (s.comments as Record<number, string>)[i];
    const label = CHOICES.find((c) => c.key === choice)!.label;
    steps.push({
      at: at(day, hhmm),
      from: group.owner,
      group,
      where: "page",
      text: `答卷 ${label}${comment ? ` ${comment}` : ""}`,
      answer: { choice, ...(comment ? { comment } : {}) },
    });
  });
  steps.push({ at: at(last, "17:40"), from: group.owner, group, where: "group", text: "问卷 结束 1" });
  return steps;
}

/** The office's message giving 综合办公室 its scheme with a 群众 rater group. */
export const surveySchemeMessage = () => `方案 导入 ${JSON.stringify(DEMO_SURVEY_SCHEME)}`;
