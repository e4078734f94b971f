import type { LeaveRequestResult } from "../src/app/leaves";
import type { LeaveKind } from "../src/domain/attendance";
import { excerpt } from "../src/domain/text";
import { escapeMarkdown, t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { problemCard, tooLong } from "./refusals";

const example = (lang: Lang) => t(lang, "请假 11-28 11-30 年休假", "/leave 11-28 11-30 annual leave");

/** 「看不懂日期」: `problem` says which word is no date and why (commands/date-arg.ts). */
export const leaveDateProblem = (problem: string, lang: Lang): Rendered =>
  problemCard(lang, { zh: "看不懂日期", en: "Unclear dates" }, problem, example(lang));

/** The answer to 请假: registered and sent to whom, or why not. */
export function leaveReply(
  r: LeaveRequestResult,
  v: { from: string; to: string; kind: LeaveKind; reason?: string; lang: Lang },
): Rendered {
  const { lang } = v;
  switch (r.code) {
    case "too_far_ahead":
      return problemCard(
        lang,
        { zh: "太远了", en: "Too far ahead" },
        t(lang, `请假最多提前 ${r.max} 天登记。`, `Leave can be registered at most ${r.max} days ahead.`),
        example(lang),
      );
    case "out_of_order":
      return problemCard(
        lang,
        { zh: "日期顺序不对", en: "Dates out of order" },
        t(lang, "结束日期不能早于开始日期。", "The end is before the start."),
        example(lang),
      );
    case "too_long":
      return problemCard(
        lang,
        { zh: "时间太长", en: "Too long" },
        t(lang, `一次最多登记 ${r.max} 天。`, `At most ${r.max} days at once.`),
      );
    case "reason_too_long":
      return problemCard(
        lang,
        { zh: "原因太长", en: "Reason too long" },
        tooLong(lang, t(lang, "请假原因", "a reason"), r.max, r.got),
      );
    case "requested": {
      const span = v.from === v.to ? v.from : `${v.from} — ${v.to}`;
      const { approvers } = r;
      return noticeCard({
        title: t(lang, `已登记请假（第 ${r.leave.no} 号），等负责人批准`, `Leave requested (no. ${r.leave.no})`),
        body: t(
          lang,
          [
            `${v.kind}：${span}${v.reason ? `（${escapeMarkdown(excerpt(v.reason, 60))}）` : ""}，这几天不会提醒你交日报。`,
            approvers.length
              ? `已发给 ${approvers.map((a) => a.name || "负责人").join("、")} 审批；批准后这些天不计入应交日报的工作日。`
              : "本群还没有可以审批的负责人，请群主先设置负责人；批准前这些天仍计入应交日报的工作日。",
          ].join(""),
          `${span}: no reminders on these days; the days stop counting once a leader approves.`,
        ),
        colour: approvers.length ? "green" : "yellow",
      });
    }
  }
}
