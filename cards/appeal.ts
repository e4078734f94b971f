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

export interface AppealView {
  appealId: string;
  /** The appeal's number in its publication, for reply commands (「维持申诉 2 理由」). */
  appealNo?: number | null;
  appellant: string;
  groupName: string;
  periodLabel: string;
  reason: string;
  /** The appellant's published figures. */
  total: number;
  rank: number;
  headcount: number;
  dimensions: { key: string; name: string }[];
  decided?: { decision: "upheld" | "amended"; by: string; at: string; reason: string; change?: string };
  lang: Lang;
}

/** 维持 / 更正: the appeal and the decision; the reason, dimension and points come in the form. */
export const decideAppealButton = defineButtonAction({
  id: "appeal.decide",
  schema: z.object({ id: z.string().min(1).max(64), decision: z.enum(["uphold", "amend"]) }),
  legacy: { d: "decision" },
});

/** 申诉 on a leader's card: 维持 or 更正 (with the change and a reason, both logged). */
export function appealCard(v: AppealView): Rendered {
  const { lang } = v;
  const title = t(lang, `申诉 · ${v.appellant} · ${v.periodLabel}`, `Appeal · ${v.appellant} · ${v.periodLabel}`);
  const status = v.decided
    ? `${v.decided.decision === "upheld" ? t(lang, "维持原结果", "Upheld") : t(lang, "已更正", "Amended")} · ${v.decided.by} · ${v.decided.at}`
    : t(lang, "待处理（公示期内）", "Waiting for a decision");
  const facts = t(
    lang,
    `公示成绩：${v.total.toFixed(2)} 分，第 ${v.rank} / ${v.headcount} 名`,
    `Published: ${v.total.toFixed(2)}, #${v.rank} of ${v.headcount}`,
  );
  const submit = (name: string, text: string, type: "primary_filled" | "danger", decision: "uphold" | "amend") => ({
    ...button({ text, type, value: decideAppealButton.value({ id: v.appealId, decision }, lang) }),
    name,
    form_action_type: "submit",
  });
  const form: Element = {
    tag: "form",
    name: "appeal_form",
    elements: [
      {
        tag: "select_static",
        name: "dimension",
        placeholder: { tag: "plain_text", content: t(lang, "更正时：调整哪个维度", "To amend: which dimension") },
        options: v.dimensions.map((d) => ({ text: { tag: "plain_text", content: d.name }, value: d.key })),
      },
      {
        tag: "input",
        name: "points",
        placeholder: {
          tag: "plain_text",
          content: t(lang, "更正时：加减分（如 2 或 -1）", "To amend: points (e.g. 2 or -1)"),
        },
      },
      {
        tag: "input",
        name: "reason",
        required: true,
        max_length: 300,
        placeholder: {
          tag: "plain_text",
          content: t(lang, "处理意见（必填，会告知申诉人）", "Reason (required; the appellant is told)"),
        },
      },
      buttonRow([
        submit("uphold", t(lang, "维持", "Uphold"), "primary_filled", "uphold"),
        submit("amend", t(lang, "更正", "Amend"), "danger", "amend"),
      ]),
    ],
  };
  const elements: Element[] = [
    markdown(`**${status}**\n${escapeMarkdown(facts)}`),
    markdown(`**${t(lang, "申诉理由", "Reason")}**\n${escapeMarkdown(truncate(v.reason, 1500))}`),
    ...(v.decided
      ? [
          markdown(
            escapeMarkdown(
              [v.decided.change, `${t(lang, "处理意见", "Decision")}：${v.decided.reason}`].filter(Boolean).join("\n"),
            ),
          ),
        ]
      : [form]),
    note(
      t(
        lang,
        "更正会重新计算并向全群重发成绩单；所有处理均记入审计日志。",
        "An amendment re-computes and re-issues the report cards; everything is logged.",
      ),
    ),
  ];
  return {
    card: card({
      title,
      subtitle: v.groupName,
      colour: v.decided ? (v.decided.decision === "upheld" ? "grey" : "orange") : "red",
      summary: title,
      elements,
    }),
    text: [
      title,
      status,
      facts,
      `${t(lang, "申诉理由", "Reason")}：${v.reason}`,
      ...(v.decided
        ? [v.decided.change ?? "", v.decided.reason]
        : [
            t(
              lang,
              `回复「维持申诉 ${v.appealNo ?? v.appealId} 理由」或「更正申诉 ${v.appealNo ?? v.appealId} 维度 加减分 理由」`,
              `Reply “uphold ${v.appealNo ?? v.appealId} reason” or “amend ${v.appealNo ?? v.appealId} dimension points reason”`,
            ),
          ]),
    ]
      .filter(Boolean)
      .join("\n"),
  };
}
