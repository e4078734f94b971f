import type { AppealCase, AppealDecisionResult, AppealViews, LodgeResult } from "../src/app/appeals";
import { displayName } from "../src/domain/names";
import { appealCard } from "./appeal";
import type { DecisionAnswer } from "./approval-answer";
import { claimNoticeCard } from "./claim-notice";
import { decisionTime } from "./claim-view";
import { t, type Lang, type Rendered } from "./kit";
import { periodLabel } from "./report-card";

const changeText = (c: { name: string; points: number }) => `${c.name} ${c.points > 0 ? "+" : ""}${c.points}`;

/** The appeal card for a case, pending or decided. */
export function renderAppeal(c: AppealCase, lang: Lang): Rendered {
  const d = c.decided;
  return appealCard({
    appealId: c.appeal.id,
    appealNo: c.appeal.no,
    appellant: displayName(c.appellant),
    groupName: c.group.name,
    periodLabel: periodLabel(c.period, "zh"),
    reason: c.appeal.reason,
    total: c.total,
    rank: c.rank,
    headcount: c.headcount,
    dimensions: c.dimensions,
    ...(d
      ? {
          decided: {
            decision: d.decision,
            by: displayName(d.by),
            at: decisionTime(d.at, c.group.timezone),
            reason: d.reason,
            change: d.change && changeText(d.change),
          },
        }
      : {}),
    lang,
  });
}

export const appealViews: AppealViews = {
  appealCase: (c) => renderAppeal(c, "zh"),
  outcome: (c) =>
    claimNoticeCard({
      kind: c.decided.decision === "upheld" ? "rejected" : "approved",
      what: `${periodLabel(c.period, "zh")}申诉：${
        c.decided.decision === "upheld"
          ? "维持原结果"
          : `已更正（${c.decided.change && changeText(c.decided.change)}），成绩单将重新发送`
      }`,
      by: displayName(c.decided.by),
      comment: c.decided.reason,
      lang: "zh",
    }),
};

const REFUSALS = {
  not_found: ["warning", "找不到这条申诉", "Appeal not found"],
  not_leader: ["error", "只有本群的考核负责人可以处理申诉", "Only this group's leaders decide appeals"],
  reason_required: ["warning", "请填写处理意见", "A reason is required"],
  bad_amendment: [
    "warning",
    "更正需选择维度并填写加减分（非 0，不超过 20）",
    "Choose a dimension and points (non-zero, up to 20)",
  ],
} as const;

/** The words for an appeal decision's code (src/app/appeals.ts), for the card's toast and the reply command. */
export function appealDecisionAnswer(result: AppealDecisionResult, lang: Lang): DecisionAnswer {
  if (result.ok)
    return {
      level: "success",
      message:
        result.code === "upheld"
          ? t(lang, "已维持", "Upheld")
          : t(lang, "已更正，成绩单将重发", "Amended; report cards will be re-issued"),
      card: renderAppeal(result.decided, lang),
    };
  if (result.code === "already_decided") {
    // "Already decided by 李主任 (11-27 10:00)".
    const who = result.by ? displayName(result.by) : result.byUserId;
    return {
      level: "info",
      message: t(
        lang,
        `已由 ${who} 处理（${decisionTime(result.at, result.group.timezone)}）`,
        `Already decided by ${who}`,
      ),
    };
  }
  const [level, zh, en] = REFUSALS[result.code];
  return { level, message: t(lang, zh, en) };
}

/** Why an appeal was not lodged, as a title and a body; undefined once lodged. */
export function lodgeRefusal(result: LodgeResult, lang: Lang): { title: string; body: string } | undefined {
  if (result.code === "closed")
    return {
      title: t(lang, "现在不在公示期", "No open window"),
      body: t(
        lang,
        "目前没有公示中的考核结果；结果定稿后的更改需由负责人更正。",
        "No result is open for objections now.",
      ),
    };
  if (result.code === "already")
    return {
      title: t(lang, "已提交过申诉", "Already lodged"),
      body: t(
        lang,
        "你对本期结果的申诉正在处理中，结果会私信告诉你。",
        "Your appeal is being handled; you will hear privately.",
      ),
    };
  return undefined;
}
