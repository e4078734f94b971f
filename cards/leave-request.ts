import { z } from "zod";
import { defineButtonAction } from "./action";
import {
  button,
  buttonRow,
  card,
  decisionStatus,
  escapeMarkdown,
  markdown,
  note,
  t,
  type Lang,
  type Rendered,
} from "./kit";

/** 批准 / 驳回: the leave request and the decision. Buttons sent before the readable keys carry `d`. */
export const leaveDecideButton = defineButtonAction({
  id: "leave.decide",
  schema: z.object({ id: z.string().min(1).max(64), decision: z.enum(["approve", "reject"]) }),
  legacy: { d: "decision" },
});

export interface LeaveRequestView {
  leaveId: string;
  no: number;
  requester: string;
  groupName: string;
  /** 事假, 病假… or 其他. */
  kind: string;
  /** "2026-10-26 — 2026-10-27" */
  span: string;
  /** Workdays in the span, by the group's calendar. */
  workdays: number;
  reason: string | null;
  state: { kind: "pending" } | { kind: "decided"; decision: "approved" | "rejected"; by: string; at: string };
  lang: Lang;
}

/**
 * What a leader decides on (issue 13 item 9): a member's 请假 with its kind.
 * Only approved leave takes days out of those a record is due.
 */
export function leaveRequestCard(v: LeaveRequestView): Rendered {
  const { lang } = v;
  const title = t(lang, `请假申请 · ${v.requester}`, `Leave request · ${v.requester}`);
  const decided = v.state.kind === "decided" ? v.state : undefined;
  const status = decisionStatus(v.state, t(lang, "待审批", "Waiting for a decision"), lang);
  const lines = [
    `${v.kind}：${v.span}（${t(lang, `${v.workdays} 个工作日`, `${v.workdays} workdays`)}）`,
    ...(v.reason ? [`${t(lang, "原因", "Reason")}：${v.reason}`] : []),
  ];
  const reply = t(
    lang,
    `也可在群里回复「批准请假 ${v.no}」或「驳回请假 ${v.no}」`,
    `Or reply in the group “批准请假 ${v.no}” / “驳回请假 ${v.no}”`,
  );
  const choice = (text: string, type: "primary_filled" | "danger", d: "approve" | "reject") => ({
    ...button({ text, type, value: leaveDecideButton.value({ id: v.leaveId, decision: d }, lang) }),
    name: d,
  });
  return {
    card: card({
      title,
      subtitle: status,
      colour: decided ? (decided.decision === "approved" ? "green" : "red") : "blue",
      summary: title,
      elements: [
        markdown(lines.map(escapeMarkdown).join("\n")),
        ...(decided
          ? []
          : [
              buttonRow([
                choice(t(lang, "批准", "Approve"), "primary_filled", "approve"),
                choice(t(lang, "驳回", "Reject"), "danger", "reject"),
              ]),
              note(reply),
            ]),
        note(v.groupName),
      ],
    }),
    text: [title, status, ...lines, ...(decided ? [] : [reply])].join("\n"),
  };
}
