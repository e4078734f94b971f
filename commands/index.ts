import { t, type Lang } from "../cards/kit";
import { helpCard } from "../cards/help";
import { greetingCard, noticeCard, tooLongCard, unknownCommandCard } from "../cards/notice";
import { recordSuggestionCard } from "../cards/record-suggestion";
import { welcomeCard } from "../cards/welcome";
import type { BotReplies } from "../src/bot/bot";
import { DATA_ERROR_TEXT } from "../src/domain/data-error";
import type { CardAction } from "../src/bot/card-action";
import type { Command } from "../src/bot/command";
import { bonusCommand, deductCommand } from "./adjust";
import { appealCommand } from "./appeal";
import { decideAppealAction } from "./appeal-decide-action";
import { awardCommand } from "./award";
import { backfillCommand } from "./backfill";
import { claimCommand } from "./claim";
import { correctCommand } from "./correct";
import { decideClaimAction } from "./claim-decide-action";
import { adjustClaimCommand, approveCommand, rejectCommand } from "./claim-decide-reply";
import { linkCodeCommand, linkCommand } from "./link";
import { amendAppealCommand, upholdAppealCommand } from "./appeal-decide-reply";
import { detailCommand } from "./detail";
import { exportCommand } from "./export";
import { rosterImportCommand } from "./roster-import";
import { plainNotice } from "../cards/refusals";
import { createHelpCommand } from "./help";
import { leaveCommand } from "./leave";
import { decideLeaveAction } from "./leave-decide";
import { approveLeaveCommand, rejectLeaveCommand } from "./leave-decision-reply";
import { meCommand } from "./me";
import { settingsCommand } from "./settings";
import { parkedCommand, resendCommand } from "./parked";
import { departmentRankCommand, organisationRankCommand } from "./organisation-rank";
import { goalCommand } from "./goal";
import { goalPlanCommand } from "./goal-plan";
import { decideGoalPlanAction } from "./goal-plan-decide";
import { rankCommand } from "./rank";
import { rateCommand } from "./rate";
import { recordCommand } from "./record";
import { schemeCommand } from "./scheme";
import { decideSchemeAction } from "./scheme-decide";
import { approveSchemeCommand, rejectSchemeCommand } from "./scheme-decision-reply";
import { reportDetailAction } from "./report-detail-action";
import { reportObjectAction } from "./report-object-action";
import { reviewCommand } from "./review";
import { submitReviewAction } from "./review-submit-action";
import { reviewReplyCommand } from "./review-reply";
import { scoreCommand } from "./score";
import { surveyCommand } from "./survey";
import { withVoteSheets } from "./survey-import";
import { todoCommand } from "./todo";
import { withdrawRecordAction } from "./record-withdraw-action";
import { fileSuggestedRecordAction } from "./record-suggested-action";
import { withdrawCommand } from "./withdraw";
import { confirmGradesCommand } from "./confirm-grades";
import { confirmGradesAction } from "./confirm-grades-action";
import { overrideGradeCommand } from "./override-grade";
import { followUpCommand } from "./follow-up";
import { closeFollowUpCommand } from "./close-follow-up";
import { closeFollowUpAction } from "./close-follow-up-action";
import { unitSchemeCommand } from "./unit-scheme";
import { unitRateCommand } from "./unit-rate";
import { unitRankCommand } from "./unit-rank";
import { unitPayCommand } from "./unit-pay";

// Staff commands first, then what leaders use; 帮助 lists them in this order.
const base = [
  recordCommand,
  meCommand,
  backfillCommand,
  withdrawCommand,
  leaveCommand,
  claimCommand,
  scoreCommand,
  detailCommand,
  appealCommand,
  rankCommand,
  departmentRankCommand,
  goalCommand,
  // Issue 14 item 1: the 目标计划书 a leader submits and the office approves.
  goalPlanCommand,
  schemeCommand,
  todoCommand,
  reviewCommand,
  reviewReplyCommand,
  parkedCommand,
  resendCommand,
  settingsCommand,
  rateCommand,
  bonusCommand,
  deductCommand,
  awardCommand,
  correctCommand,
  organisationRankCommand,
  exportCommand,
  rosterImportCommand,
  surveyCommand,
  approveCommand,
  rejectCommand,
  adjustClaimCommand,
  upholdAppealCommand,
  amendAppealCommand,
  approveSchemeCommand,
  rejectSchemeCommand,
  approveLeaveCommand,
  rejectLeaveCommand,
  linkCodeCommand,
  linkCommand,
  // Issue 14 item 5: the office's grade confirmation, and 整改 follow-up items.
  confirmGradesCommand,
  overrideGradeCommand,
  followUpCommand,
  closeFollowUpCommand,
  // Issue 14 items 3 and 4: units appraised under their own scheme, and the two-level pay.
  unitSchemeCommand,
  unitRateCommand,
  unitRankCommand,
  unitPayCommand,
] as Command<unknown>[];
const help = createHelpCommand(() => commands) as Command<unknown>;

/** Every chat command, in the order 帮助 lists them. */
export const commands: readonly Command<unknown>[] = [...base, help];

/** A file someone sends: a vote tally when its name says so (survey-import.ts), else a roster to import. */
export const fileCommand = withVoteSheets(rosterImportCommand as Command<unknown>);

/** Plain text in a private chat is today's record. */
export const fallbackCommand = recordCommand as Command<unknown>;

export const cardActions: readonly CardAction<unknown>[] = [
  withdrawRecordAction,
  fileSuggestedRecordAction,
  decideClaimAction,
  submitReviewAction,
  reportDetailAction,
  decideAppealAction,
  reportObjectAction,
  decideSchemeAction,
  decideLeaveAction,
  confirmGradesAction,
  closeFollowUpAction,
  decideGoalPlanAction,
] as CardAction<unknown>[];

/** The bot's own answers, outside any one command. */
export const replies: BotReplies = {
  welcome: welcomeCard,
  help: (lang: Lang) => helpCard(commands, lang),
  unknown: unknownCommandCard,
  greeting: greetingCard,
  suggestRecord: (source, lang) => recordSuggestionCard({ ...source, lang }),
  tooLong: tooLongCard,
  notInGroup: (lang) =>
    noticeCard({
      title: t(lang, "还不能记录", "Not in a group yet"),
      body: t(
        lang,
        "你还不在任何考核群里。请先把我拉进你们的工作群，再私聊我或在群里 @我 发「日报 …」。",
        "You are not in any appraisal group yet. Add me to your work group first, then message me here or @me there.",
      ),
      colour: "yellow",
    }),
  unsupported: (type, lang) =>
    noticeCard({
      title: t(lang, "暂时只能读文字", "Text only, for now"),
      body: t(
        lang,
        `我还读不懂这类消息（${type}）。请用文字写下今天的工作。`,
        `I cannot read ${type} messages yet. Please write it as text.`,
      ),
      colour: "yellow",
    }),
  invalidArgs: (command, problem, lang) =>
    // The problem often quotes the user's text: it must not become markdown.
    plainNotice({
      title: t(
        lang,
        `「${command.name}」的格式不对`,
        `/${command.aliases.find((a) => /^[a-z]/.test(a)) ?? command.name}: check the format`,
      ),
      body: problem,
      hint: `${t(lang, "例", "e.g.")}：${lang === "en" ? command.example.en : command.example.zh}`,
      colour: "yellow",
    }),
  failure: (lang) =>
    noticeCard({
      title: t(lang, "出错了", "Something went wrong"),
      body: t(
        lang,
        "这条消息没有处理成功，内容没有保存。请稍后再发一次。",
        "That message was not processed and nothing was saved. Please try again shortly.",
      ),
      colour: "red",
    }),
  dataProblem: (lang) =>
    noticeCard({
      title: t(lang, "数据有误，已报告管理员", "A data problem, reported"),
      body: t(lang, DATA_ERROR_TEXT.zh, DATA_ERROR_TEXT.en),
      colour: "orange",
    }),
  actionFailed: (lang, dataProblem) =>
    dataProblem
      ? t(lang, "考核数据有误，已报告管理员，请稍后再试", "A data problem; reported to the administrator")
      : t(lang, "没有处理成功，请稍后再点一次", "That did not work; please try again shortly"),
  cardExpired: (lang) =>
    t(lang, "这张卡片已失效，请重新发送命令", "This card has expired; please send the command again"),
  cardDone: (lang) => t(lang, "已处理过了", "Already done"),
};
