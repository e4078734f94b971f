import { surveyListCard } from "../cards/survey";
import { surveyClosedReply, surveyCodesMessage, surveyCodesReply, surveyOpenedReply } from "../cards/survey-reply";
import { closeSurveyFromChat, openSurveyFromChat, surveyCodesFromChat, surveyList } from "../src/app/survey-chat";
import { defineCommand } from "../src/bot/command";
import { SURVEY_EXAMPLE as EXAMPLE, surveyArgs } from "./args/survey";
import { currentMonth, leadersOnly } from "./guards";

/**
 * 问卷: 群众/社会评价 (满意度测评) for a month. A leader opens a survey of one leaf, for one person or
 * the whole group; the group gets the link and the QR code, the leader privately the codes to print.
 * Closing it feeds the result to the leaf as the 群众 rating, with its sample size (src/app/surveys.ts).
 */
export const surveyCommand = defineCommand({
  name: "问卷",
  aliases: ["测评", "满意度", "群众评价", "survey"],
  summary: {
    zh: "群众满意度测评：问卷 开 公众形象 [@某人] [份数 100] [最少 30]；问卷 结束 1；问卷 查看本月",
    en: "Public satisfaction survey: /survey open <dimension> [@someone]; /survey close 1",
  },
  example: { zh: EXAMPLE, en: "/survey open 公众形象" },
  takesText: true,
  args: surveyArgs,
  async handle(ctx) {
    const { db } = ctx.deps;
    const { group, lang } = ctx;
    const a = ctx.args;
    const month = currentMonth(ctx);
    const by = ctx.update.senderId;
    const privately = { type: "open_id", id: by } as const;
    if (a.kind === "list")
      return ctx.reply(surveyListCard({ month, rows: await surveyList(db, { group, member: ctx.member, month }) }));
    if (!leadersOnly(ctx, "问卷")) return;
    if (a.kind === "open") {
      const input = { ...a, group, month, mentions: ctx.update.mentions, lang, by, now: ctx.now };
      const opened = await openSurveyFromChat(ctx.deps, input);
      ctx.reply(surveyOpenedReply(opened, { dimension: a.dimension, month, lang }));
      if (opened.code !== "ok") return;
      ctx.work.write(...opened.writes);
      return ctx.work.send(privately, surveyCodesMessage({ ...opened, codes: opened.codes.length }));
    }
    if (a.kind === "codes") {
      const codes = await surveyCodesFromChat(ctx.deps, { group, seq: a.seq });
      if (codes.code === "ok") ctx.work.send(privately, surveyCodesMessage(codes));
      return ctx.reply(surveyCodesReply(codes, lang));
    }
    const closed = await closeSurveyFromChat(db, { group, seq: a.seq, by, now: ctx.now });
    if (closed.code === "ok") ctx.work.write(...closed.writes);
    ctx.reply(surveyClosedReply(closed, lang));
  },
});
