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

/** 批准 / 驳回: the proposal and the decision. Buttons sent before the readable keys carry `d`. */
export const schemeDecideButton = defineButtonAction({
  id: "scheme.decide",
  schema: z.object({ id: z.string().min(1).max(64), decision: z.enum(["approve", "reject"]) }),
  legacy: { d: "decision" },
});

export interface SchemeProposalView {
  proposalId: string;
  no: number;
  groupName: string;
  proposer: string;
  schemeName: string;
  /** 「联村 40% / 业务 40% / 作风 20%」 */
  weights: string;
  state: { kind: "pending" } | { kind: "decided"; decision: "approved" | "rejected"; by: string; at: string };
  /** When approved: the version it became. */
  version?: number;
  lang: Lang;
}

/**
 * What the office (管理员) decides on: a group leader's proposed scheme
 * (issue 13 item 10). Once decided, it says who decided and when.
 */
export function schemeProposalCard(v: SchemeProposalView): Rendered {
  const { lang } = v;
  const title = t(lang, `方案申请 · ${v.groupName}`, `Scheme proposal · ${v.groupName}`);
  const decided = v.state.kind === "decided" ? v.state : undefined;
  const status = decisionStatus(v.state, t(lang, "待绩考办审批", "Waiting for the office"), lang);
  const lines = [
    t(lang, `${v.proposer} 申请把本群方案改为「${v.schemeName}」`, `${v.proposer} proposes “${v.schemeName}”`),
    v.weights,
    ...(decided?.decision === "approved" && v.version
      ? [t(lang, `已生效：第 ${v.version} 版，从本月起计分`, `In force as version ${v.version}`)]
      : []),
  ];
  const reply = t(
    lang,
    `也可在该群回复「批准方案 ${v.no}」或「驳回方案 ${v.no}」`,
    `Or reply in that group “批准方案 ${v.no}” / “驳回方案 ${v.no}”`,
  );
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
                {
                  ...button({
                    text: t(lang, "批准", "Approve"),
                    type: "primary_filled",
                    value: schemeDecideButton.value({ id: v.proposalId, decision: "approve" }, lang),
                  }),
                  name: "approve",
                },
                {
                  ...button({
                    text: t(lang, "驳回", "Reject"),
                    type: "danger",
                    value: schemeDecideButton.value({ id: v.proposalId, decision: "reject" }, lang),
                  }),
                  name: "reject",
                },
              ]),
              note(reply),
            ]),
      ],
    }),
    text: [title, status, ...lines, ...(decided ? [] : [reply])].join("\n"),
  };
}
