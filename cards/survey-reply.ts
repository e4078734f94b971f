import { targetProblemText } from "./targets";
import type { CodesFromChatResult, closeSurveyFromChat, OpenFromChatResult } from "../src/app/survey-chat";
import type { IsoMonth } from "../src/domain/dates";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { problemCard } from "./refusals";
import { surveyClosedCard, surveyCodesCard, surveyOpenedCard } from "./survey";
import { dimensionProblemText } from "./survey-lines";

const EXAMPLE = "问卷 开 公众形象 份数 100 最少 30";

const noSurvey = (seq: number, lang: Lang) =>
  problemCard(lang, { zh: "没有这份问卷", en: "No such survey" }, `本群没有问卷${seq}。发「问卷」查看本月的问卷。`);

/** The answer to 问卷 开: the link and poster for the group, or why no survey was opened. */
export function surveyOpenedReply(
  r: OpenFromChatResult,
  v: { dimension: string; month: IsoMonth; lang: Lang },
): Rendered {
  const { lang } = v;
  switch (r.code) {
    case "no-page":
      return problemCard(
        lang,
        { zh: "还不能开问卷", en: "Survey page not reachable" },
        "问卷页需要一个外部能访问的地址：请管理员设置环境变量 PUBLIC_URL（例如 https://bot.example.org）。",
      );
    case "unknown-person":
      return problemCard(
        lang,
        { zh: "找不到这个人", en: "Unknown person" },
        targetProblemText(r.problem, lang),
        EXAMPLE,
      );
    case "already-open":
      return problemCard(
        lang,
        { zh: "已有进行中的问卷", en: "Already open" },
        `问卷${r.seq} 正在测评同一项，请先发「问卷 结束 ${r.seq}」。`,
      );
    case "ok":
      return surveyOpenedCard({
        seq: r.survey.seq,
        title: r.survey.title,
        month: v.month,
        minSample: r.survey.minSample,
        codes: r.codes.length,
        pageUrl: r.pageUrl,
        posterUrl: `${r.pageUrl}/qr`,
      });
    default: {
      const hint =
        r.code === "no-public-rater"
          ? '请先在方案的 raters 里加上 public（群众），例如 {"leader":70,"public":30}，再开问卷。'
          : EXAMPLE;
      return noticeCard({
        title: t(lang, "问卷没有开启", "Survey not opened"),
        body: dimensionProblemText(v.dimension, r),
        hint,
        colour: "yellow",
      });
    }
  }
}

/** The leader's private message with the page to print the codes from. */
export const surveyCodesMessage = (r: { survey: { seq: number; title: string }; codes: number; slipsUrl: string }) =>
  surveyCodesCard({ seq: r.survey.seq, title: r.survey.title, codes: r.codes, slipsUrl: r.slipsUrl });

/** The answer to 问卷 答题码 N, in the chat. */
export function surveyCodesReply(r: CodesFromChatResult, lang: Lang): Rendered {
  if (r.code === "no-survey") return noSurvey(r.seq, lang);
  if (r.code === "no-page")
    return problemCard(lang, { zh: "没有问卷页地址", en: "No PUBLIC_URL" }, "请管理员设置 PUBLIC_URL。");
  return noticeCard({
    title: t(lang, "已私信发送", "Sent privately"),
    body: `问卷${r.survey.seq} 的答题码打印页已私信发给你。`,
  });
}

/** The answer to 问卷 结束 N: the result and whom it covers. */
export function surveyClosedReply(r: Awaited<ReturnType<typeof closeSurveyFromChat>>, lang: Lang): Rendered {
  if (r.code === "no-survey") return noSurvey(r.seq, lang);
  if (r.code === "already-closed")
    return problemCard(
      lang,
      { zh: "问卷已结束", en: "Already closed" },
      `问卷${r.survey.seq} 已经结束，结果已计入。发「问卷」查看。`,
    );
  return surveyClosedCard({
    seq: r.survey.seq,
    title: r.survey.title,
    counts: r.counts,
    result: r.result,
    minSample: r.survey.minSample,
    covered: r.covered,
  });
}
