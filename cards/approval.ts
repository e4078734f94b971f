import { z } from "zod";
import { truncate } from "../src/domain/text";
import { defineButtonAction } from "./action";
import {
  button,
  buttonRow,
  card,
  escapeMarkdown,
  markdown,
  note,
  t,
  type Element,
  type Lang,
  type Rendered,
} from "./kit";

export type ApprovalState =
  | { kind: "pending" }
  | {
      kind: "decided";
      decision: "approved" | "rejected" | "adjusted";
      by: string;
      at: string;
      comment?: string | null;
      points?: number | null;
    };

export interface ApprovalView {
  claimId: string;
  /** The claim's short number in its group, for reply commands (「同意 12」). */
  claimNo?: number | null;
  claimant: string;
  groupName: string;
  /** "申报奖励", "申报加分", "补报日报". */
  kindLabel: string;
  /** What is claimed, one fact a line. */
  lines: string[];
  evidence: string;
  /** Bonus claims: the points asked; they can be adjusted. */
  points?: number;
  projection?: { before: number; after: number };
  state: ApprovalState;
  lang: Lang;
}

/** Evidence beyond this is cut on the card (the full text stays in the claim). */
export const EVIDENCE_CHARS = 1500;

const DECISION = {
  approved: { zh: "已同意", en: "Approved", colour: "green" },
  rejected: { zh: "已驳回", en: "Rejected", colour: "red" },
  adjusted: { zh: "已调整", en: "Adjusted", colour: "orange" },
} as const;

/** 同意 / 调整 / 驳回: the claim and the decision; the comment and points come in the form. */
export const decideClaimButton = defineButtonAction({
  id: "claim.decide",
  schema: z.object({ id: z.string().min(1).max(64), decision: z.enum(["approve", "adjust", "reject"]) }),
  legacy: { d: "decision" },
});

function decisionButtons(v: ApprovalView): Element {
  type Decision = "approve" | "adjust" | "reject";
  const submit = (name: string, text: string, type: "primary_filled" | "default" | "danger", decision: Decision) => ({
    ...button({ text, type, value: decideClaimButton.value({ id: v.claimId, decision }, v.lang) }),
    name,
    form_action_type: "submit",
  });
  const buttons = [submit("approve", t(v.lang, "同意", "Approve"), "primary_filled", "approve")];
  if (v.points !== undefined) buttons.push(submit("adjust", t(v.lang, "调整", "Adjust"), "default", "adjust"));
  buttons.push(submit("reject", t(v.lang, "驳回", "Reject"), "danger", "reject"));
  return {
    tag: "form",
    name: "claim_form",
    elements: [
      ...(v.points !== undefined
        ? [
            {
              tag: "input",
              name: "points",
              input_type: "text",
              default_value: String(v.points),
              label: { tag: "plain_text", content: t(v.lang, "分值（调整时修改）", "Points (to adjust)") },
            },
          ]
        : []),
      {
        tag: "input",
        name: "comment",
        max_length: 200,
        placeholder: {
          tag: "plain_text",
          content: t(v.lang, "意见（驳回、调整时必填）", "Comment (required to reject or adjust)"),
        },
      },
      buttonRow(buttons),
    ],
  };
}

/** Where there are no buttons (WeChat), the reply commands that do what they do. */
function replyHint(v: ApprovalView): string {
  const ref = v.claimNo ?? v.claimId;
  const adjust =
    v.points !== undefined ? t(v.lang, `、「调整 ${ref} 分值 原因」`, `, “adjust ${ref} points reason”`) : "";
  return t(
    v.lang,
    `回复「同意 ${ref}」${adjust}或「驳回 ${ref} 原因」`,
    `Reply “approve ${ref}”${adjust} or “reject ${ref} reason”`,
  );
}

/** The card leaders decide on; once decided, every copy shows who decided and when. */
export function approvalCard(v: ApprovalView): Rendered {
  const { lang } = v;
  const decided = v.state.kind === "decided" ? v.state : undefined;
  const status = decided
    ? `${t(lang, DECISION[decided.decision].zh, DECISION[decided.decision].en)} · ${decided.by} · ${decided.at}`
    : t(lang, "待审批", "Waiting for a decision");
  const title = `${v.kindLabel} · ${v.claimant}`;
  const effect = v.projection
    ? t(
        lang,
        `本月总分 ${v.projection.before.toFixed(2)} → ${v.projection.after.toFixed(2)}（同意后）`,
        `Month total ${v.projection.before.toFixed(2)} → ${v.projection.after.toFixed(2)} if approved`,
      )
    : "";
  const evidence = truncate(v.evidence, EVIDENCE_CHARS);
  const outcome = decided
    ? [
        ...(decided.decision === "adjusted" && decided.points != null
          ? [t(lang, `调整为 ${decided.points} 分`, `Adjusted to ${decided.points}`)]
          : []),
        ...(decided.comment ? [`${t(lang, "意见", "Comment")}：${decided.comment}`] : []),
      ]
    : [];
  // The status is the header's subtitle (待审批, or who decided and when); the body does not repeat it.
  const elements: Element[] = [
    markdown([...v.lines, ...(effect ? [effect] : [])].map(escapeMarkdown).join("\n")),
    markdown(`**${t(lang, "依据", "Evidence")}**\n${escapeMarkdown(evidence)}`),
    ...(outcome.length ? [markdown(outcome.map(escapeMarkdown).join("\n"))] : []),
    ...(decided ? [] : [decisionButtons(v)]),
    note(v.groupName),
  ];
  return {
    card: card({
      title,
      subtitle: status,
      colour: decided ? DECISION[decided.decision].colour : "blue",
      summary: title,
      elements,
    }),
    text: [
      title,
      status,
      ...v.lines,
      effect,
      `${t(lang, "依据", "Evidence")}：${evidence}`,
      ...outcome,
      ...(decided ? [] : [replyHint(v)]),
    ]
      .filter(Boolean)
      .join("\n"),
  };
}
