import type { PlanDecisionCase, PlanView, ProposePlanResult } from "../src/app/goal-plans";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/** What 目标计划书 answers the leader who sent it. */
export function proposePlanReply(r: ProposePlanResult, period: string, lang: Lang): Rendered {
  if (!r.ok && r.code === "not-leader")
    return noticeCard({
      title: t(lang, "只有负责人可以提交", "Leaders only"),
      body: t(lang, "目标计划书由本群负责人提交、绩考办批准。", "A leader submits the plan; the office approves it."),
      colour: "yellow",
    });
  if (!r.ok)
    return noticeCard({
      title: t(lang, "没有待提交的目标", "Nothing to submit"),
      body: t(
        lang,
        `${period} 内没有尚未批准的目标。先设目标，例如：目标 @张三 业务 完成12个项目 截止2026-12-31`,
        `No unapproved targets in ${period}. Set some first.`,
      ),
      colour: "yellow",
    });
  const n = r.view.rows.length;
  if (r.code === "approved")
    return noticeCard({
      title: t(lang, `目标计划书已生效（第 ${r.view.plan.no} 号）`, `Plan ${r.view.plan.no} in force`),
      body: r.noOffice
        ? t(
            lang,
            `${n} 个目标已生效并公布到本群。本组织还没有管理员（绩考办），计划书未经审批。`,
            `${n} targets in force; there is no office yet to approve them.`,
          )
        : t(lang, `${n} 个目标已批准并公布到本群。`, `${n} targets approved and published.`),
      colour: "green",
    });
  const admins = r.admins.map((a) => a.name || t(lang, "管理员", "admin")).join(t(lang, "、", ", "));
  return noticeCard({
    title: t(lang, `目标计划书已提交（第 ${r.view.plan.no} 号）`, `Plan ${r.view.plan.no} submitted`),
    body: t(
      lang,
      `${n} 个目标已交绩考办（${admins}）审批；批准后公布到本群，绑定指标的目标从批准起计分。`,
      `${n} targets sent to the office (${admins}); bound targets score once approved.`,
    ),
    colour: "blue",
  });
}

/** The toast an admin's click gets. */
export function decidePlanToast(c: PlanDecisionCase, lang: Lang): { level: "success" | "warning"; message: string } {
  if (!c.ok && c.code === "not-found")
    return { level: "warning", message: t(lang, "找不到这条目标计划书申请", "No such plan") };
  if (!c.ok && c.code === "not-office")
    return {
      level: "warning",
      message: t(lang, "只有管理员可以操作：目标计划书由绩考办批准", "Admins only: the office approves plans"),
    };
  if (!c.ok) return { level: "warning", message: planAlreadyDecided(c.view, lang) };
  return {
    level: "success",
    message:
      c.code === "approved" ? t(lang, "已批准，已公布到该群", "Approved and published") : t(lang, "已驳回", "Rejected"),
  };
}

/** A click on a plan decided already (before, or by another admin a moment earlier): who decided it. */
export function planAlreadyDecided(view: PlanView, lang: Lang): string {
  const { plan, decider } = view;
  if (plan.status === "pending" || !decider) return t(lang, "这份计划书已处理过", "Already decided");
  return plan.status === "approved"
    ? t(lang, `已由 ${decider} 批准`, `Already approved by ${decider}`)
    : t(lang, `已由 ${decider} 驳回`, `Already rejected by ${decider}`);
}

/** The proposer told privately of a rejection. */
export function planRejectedNotice(groupName: string, no: number, by: string): Rendered {
  return noticeCard({
    title: `目标计划书被驳回（第 ${no} 号）`,
    body: `「${groupName}」的目标计划书被 ${by} 驳回；目标仍在，修改后可再发「目标计划书」提交。`,
    colour: "red",
  });
}
