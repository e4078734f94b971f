import type { VoteFileResult } from "../src/app/survey-import";
import { describeVoteProblem, VOTE_SHEET_HEADER, WHOLE_GROUP } from "../src/domain/survey-sheet";
import { escapeMarkdown, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { leadersOnlyCard, plainNotice } from "./refusals";
import { resultText, surveyImportedCard } from "./survey";
import { importProblemText } from "./survey-lines";

const SHOWN_PROBLEMS = 30;

const HOW = `表头：${VOTE_SHEET_HEADER.join("、")}（最少样本可不填，默认 30）；整个群写「${WHOLE_GROUP}」。文件名含「测评票数」；文件名里写 2026-10 则计入 10 月。`;

const REFUSED = {
  "not-spreadsheet": "只能从 .xlsx 或 .csv 文件导入票数。",
  "no-files": "这个渠道还不能接收文件。",
  "download-failed": "文件没有下载成功，请稍后重新发送。",
  "too-big": "文件太大（超过 2 MB），请检查是否发错了文件。",
  "unreadable-xlsx": "读不出这个 .xlsx 文件，请用 Excel 或 WPS 重新保存为 .xlsx 后再发。",
  "unreadable-csv": "读不出这个 .csv 文件的文字编码，请另存为「CSV UTF-8」后再发。",
} as const;

/** Every problem, by row and column; nothing was imported. */
function problemsCard(problems: string[]): Rendered {
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  const more = problems.length - shown.length;
  return plainNotice({
    title: `测评票数没有导入：${problems.length} 处问题`,
    body: [...shown, ...(more > 0 ? [`……还有 ${more} 处`] : [])].join("\n"),
    hint: `全部改好后重新发送；有问题时一行也不会导入。${HOW}`,
    colour: "yellow",
  });
}

/** The answer to a tally sheet (测评票数导入); undefined when the file was not one to answer. */
export function voteFileReply(r: VoteFileResult, fileName: string, lang: Lang): Rendered | undefined {
  switch (r.code) {
    case "ignored":
      return undefined;
    case "not-leader":
      return leadersOnlyCard(lang, "测评票数导入");
    case "sheet-problems":
      return problemsCard(r.problems.map(describeVoteProblem));
    case "problems":
      return problemsCard(r.problems.map(importProblemText));
    case "imported":
      return surveyImportedCard({
        fileName,
        rows: r.imported.map((x) => ({
          line:
            `问卷${x.survey.seq} ${escapeMarkdown(x.survey.title)}（${r.month}）：` +
            resultText(x.result, x.survey.minSample),
        })),
      });
    default:
      return noticeCard({ title: "测评票数没有导入", body: REFUSED[r.code], hint: HOW, colour: "yellow" });
  }
}
