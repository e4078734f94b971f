import type { DimensionProblem, SurveyStatus } from "../src/app/surveys";
import type { ImportProblem } from "../src/app/survey-import";

/**
 * The line beside a dimension's score on 成绩 and the report card: the sample beside the score, or
 * the mark that the sample is below the minimum and nothing was counted. `withMonth` on a quarter's card.
 */
export function surveyLine(s: SurveyStatus, withMonth = false): string {
  const name = `${withMonth ? `${Number(s.month.slice(5))}月 ` : ""}${s.dimensionName}`;
  switch (s.state) {
    case "open":
      return `${name}：群众评价进行中（问卷${s.seq}，已收 ${s.sample} 份，至少 ${s.minSample} 份），结束后计入`;
    case "pending":
      return `${name}：问卷${s.seq} 已结束、结果未算完，请负责人再发「问卷 结束 ${s.seq}」`;
    case "short":
      return `${name}：群众评价样本不足（${s.sample}/${s.minSample} 份），未计入得分`;
    case "counted":
      return `${name}：群众评价 ${s.score!.toFixed(2)} 分（样本 ${s.sample} 份）`;
    case "unscored":
      return `${name}：群众评价 ${s.score!.toFixed(2)} 分（样本 ${s.sample} 份）；现行方案没有群众评价主体，未计入`;
  }
}

/** Why a dimension cannot be surveyed, as the leader reads it. */
export function dimensionProblemText(query: string, p: DimensionProblem): string {
  switch (p.code) {
    case "no-public-rater":
      return "本群方案没有「群众」（public）评价主体，结果无处计入";
    case "unknown-dimension":
      return `方案里没有「${query}」这个维度`;
    case "ambiguous-dimension":
      return `「${query}」对应多个维度：${p.candidates.join("、")}`;
    case "not-a-leaf":
      return `「${p.name}」下面还有细项，请写具体的细项`;
    case "computed-leaf":
      return `「${p.name}」由系统计算，不能测评`;
  }
}

/** A tally sheet's row that cannot be imported, with its row and column. */
export function importProblemText(p: ImportProblem): string {
  switch (p.code) {
    case "unknown-person":
      return `第 ${p.row} 行「姓名」：本群没有「${p.name}」`;
    case "namesakes":
      return `第 ${p.row} 行「姓名」：本群有 ${p.count} 位「${p.name}」，无法区分`;
    default:
      return `第 ${p.row} 行「维度」：${dimensionProblemText(p.dimension, p)}`;
  }
}
