import { card, escapeMarkdown, markdown, note, t, type Lang, type Rendered } from "./kit";

/** What the claimant hears: their claim was received, or decided. */
export function claimNoticeCard(v: {
  kind: "received" | "approved" | "rejected" | "adjusted";
  what: string;
  by?: string;
  comment?: string | null;
  points?: number | null;
  leaders?: number;
  lang: Lang;
}): Rendered {
  const { lang } = v;
  const titles = {
    received: t(lang, "申报已提交，等待审批", "Claim submitted"),
    approved: t(lang, "申报已同意 ✓", "Claim approved ✓"),
    rejected: t(lang, "申报被驳回", "Claim rejected"),
    adjusted: t(lang, "申报已调整后同意", "Claim approved with changes"),
  };
  const lines = [
    v.what,
    ...(v.kind === "received"
      ? [
          t(
            lang,
            `已发给 ${v.leaders ?? 0} 位负责人审批，结果会私信告诉你。`,
            `Sent to ${v.leaders ?? 0} leader(s); you will hear the outcome privately.`,
          ),
        ]
      : []),
    ...(v.by ? [`${t(lang, "审批人", "Decided by")}：${v.by}`] : []),
    ...(v.kind === "adjusted" && v.points != null
      ? [t(lang, `按 ${v.points} 分计`, `Counted as ${v.points} points`)]
      : []),
    ...(v.comment ? [`${t(lang, "意见", "Comment")}：${v.comment}`] : []),
  ];
  const colour = { received: "blue", approved: "green", rejected: "red", adjusted: "orange" } as const;
  return {
    card: card({
      title: titles[v.kind],
      colour: colour[v.kind],
      summary: titles[v.kind],
      elements: [
        markdown(lines.map(escapeMarkdown).join("\n")),
        ...(v.kind === "received" ? [] : [note(t(lang, "发「成绩」查看本月得分。", "Send /score to see your month."))]),
      ],
    }),
    text: [titles[v.kind], ...lines].join("\n"),
  };
}
