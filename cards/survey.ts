import { CHOICES, type SurveyResult, type VoteCounts } from "../src/domain/survey";
import { card, escapeMarkdown, markdown, note, type Element, type Rendered } from "./kit";

/** A button that opens a page in the browser (card JSON 2.0 behaviour "open_url"). */
function linkButton(text: string, url: string, primary = false): Element {
  return {
    tag: "button",
    text: { tag: "plain_text", content: text },
    type: primary ? "primary" : "default",
    width: "default",
    behaviors: [{ type: "open_url", default_url: url }],
  };
}

const row = (buttons: Element[]): Element => ({
  tag: "column_set",
  flex_mode: "none",
  columns: buttons.map((b) => ({ tag: "column", width: "auto", elements: [b] })),
});

export interface SurveyOpenedView {
  seq: number;
  title: string;
  month: string;
  minSample: number;
  codes: number;
  pageUrl: string;
  posterUrl: string;
}

/**
 * To the group: the survey is open, with its link and its QR code. The QR code is the poster page's
 * (an inline SVG the bot serves): a card image needs an upload through the Open API first, and a
 * QR code is scanned from a wall or a slip, not from the phone showing the chat.
 */
export function surveyOpenedCard(v: SurveyOpenedView): Rendered {
  const title = `满意度测评已开始 · 问卷${v.seq}`;
  const lines = [
    `**${escapeMarkdown(v.title)}** · ${v.month}`,
    `受访者凭答题码作答（共 ${v.codes} 个，每码一次），不需要账号。`,
    `至少 ${v.minSample} 份才计入得分；负责人发「问卷 结束 ${v.seq}」后计入。`,
  ];
  const hint = "答题码只发给负责人，由负责人打印或转交受访者；考核对象本人不参与作答。";
  return {
    card: card({
      title,
      colour: "turquoise",
      summary: title,
      elements: [
        markdown(lines.join("\n")),
        row([linkButton("打开问卷页", v.pageUrl, true), linkButton("二维码海报", v.posterUrl)]),
        note(hint),
      ],
    }),
    text: [
      title,
      ...lines.map((l) => l.replace(/\*\*/g, "")),
      `问卷页：${v.pageUrl}`,
      `二维码：${v.posterUrl}`,
      hint,
    ].join("\n"),
  };
}

/** To the leader who opened it, privately: where to print the codes. */
export function surveyCodesCard(v: { seq: number; title: string; codes: number; slipsUrl: string }): Rendered {
  const title = `问卷${v.seq} 的答题码`;
  const body = `**${escapeMarkdown(v.title)}**：${v.codes} 个答题码，每张纸条一个，带各自的二维码。打印后发给受访者（家长、学生、患者、群众）。`;
  const hint = "请勿把这个链接转发到群里：持有答题码即可作答。";
  return {
    card: card({
      title,
      colour: "turquoise",
      summary: title,
      elements: [markdown(body), row([linkButton("打开答题码打印页", v.slipsUrl, true)]), note(hint)],
    }),
    text: [title, body.replace(/\*\*/g, ""), v.slipsUrl, hint].join("\n"),
  };
}

/**
 * Lines one card lists: a tally sheet may hold hundreds of rows, and a card must stay under Lark's
 * 30 KB (cards/kit.ts MAX_CARD_BYTES); 60 lines of about 150 bytes each leave room for the rest.
 */
export const MAX_CARD_LINES = 60;

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_CARD_LINES) return lines;
  return [...lines.slice(0, MAX_CARD_LINES), `……还有 ${lines.length - MAX_CARD_LINES} 份，见「导出」的群众评价表`];
}

const countsLine = (counts: VoteCounts) => CHOICES.map((c) => `${c.label} ${counts[c.key]}`).join("，");

/** The result line: score with the sample beside it, or why it does not count. */
export function resultText(r: SurveyResult, minSample: number): string {
  if (r.score === null) return "没有收到答卷，未计入得分。";
  if (!r.counted)
    return `样本不足：${r.sample} 份，少于 ${minSample} 份，未计入得分（得分 ${r.score.toFixed(2)} 仅供参考）。`;
  return `得分 **${r.score.toFixed(2)}**（样本 ${r.sample} 份）。`;
}

export function surveyClosedCard(v: {
  seq: number;
  title: string;
  counts: VoteCounts;
  result: SurveyResult;
  minSample: number;
  covered: number;
}): Rendered {
  const title = `问卷${v.seq} 已结束`;
  const lines = [
    `**${escapeMarkdown(v.title)}**`,
    `${countsLine(v.counts)}（满意 100、基本满意 60、不满意 0 分）`,
    resultText(v.result, v.minSample),
    ...(v.covered ? [`已作为「群众」评分计入 ${v.covered} 人的这一项。`] : []),
  ];
  return {
    card: card({
      title,
      colour: v.result.counted ? "green" : "yellow",
      summary: title,
      elements: [markdown(lines.join("\n"))],
    }),
    text: [title, ...lines.map((l) => l.replace(/\*\*/g, ""))].join("\n"),
  };
}

export interface SurveyRow {
  seq: number;
  title: string;
  source: "page" | "import";
  status: "open" | "closed";
  counts: VoteCounts;
  result: SurveyResult;
  minSample: number;
}

/** 问卷: this month's surveys, each with its sample beside its score. */
export function surveyListCard(v: { month: string; rows: SurveyRow[] }): Rendered {
  const title = `${v.month} 满意度测评`;
  const lines = v.rows.length
    ? capped(
        v.rows.map(
          (r) =>
            `问卷${r.seq} ${escapeMarkdown(r.title)}${r.source === "import" ? "（导入票数）" : ""}：` +
            (r.status === "open"
              ? `进行中，已收 ${r.result.sample} 份（至少 ${r.minSample} 份）`
              : resultText(r.result, r.minSample)),
        ),
      )
    : ["本月还没有问卷。"];
  const hint =
    "负责人：问卷 开 公众形象 [@某人] [份数 100] [最少 30]；问卷 结束 1；或发送文件名含「测评票数」的表格导入票数。";
  return {
    card: card({ title, colour: "turquoise", summary: title, elements: [markdown(lines.join("\n")), note(hint)] }),
    text: [title, ...lines.map((l) => l.replace(/\*\*/g, "")), hint].join("\n"),
  };
}

export function surveyImportedCard(v: { fileName: string; rows: { line: string }[] }): Rendered {
  const title = "测评票数已导入";
  const lines = capped(v.rows.map((r) => r.line));
  return {
    card: card({ title, colour: "green", summary: title, elements: [markdown(lines.join("\n"))] }),
    text: [title, ...lines].join("\n"),
  };
}
