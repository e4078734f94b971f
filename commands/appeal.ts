import { z } from "zod";
import { appealViews, lodgeRefusal } from "../cards/appeal-view";
import { t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { periodLabel } from "../cards/report-card";
import { lodgeAppeal, MAX_APPEAL_CHARS } from "../src/app/appeals";
import { applyResult } from "../src/bot/apply";
import { defineCommand } from "../src/bot/command";
import { isVagueReason } from "../src/domain/scoring";
import { plainNotice, tooLong } from "./guards";

/** 申诉: object to a published quarter or year within its window; every leader gets the case. */
export const appealCommand = defineCommand({
  name: "申诉",
  aliases: ["异议", "appeal"],
  summary: {
    zh: "公示期内对季度/年度结果提出申诉，负责人会处理并回复",
    en: "Object to a published result during its window",
  },
  example: { zh: "申诉 9月联村工作的加分没有计入", en: "/appeal my September bonus is missing" },
  takesText: true,
  args: (lang) =>
    z
      .string()
      .trim()
      .min(
        1,
        t(
          lang,
          "请写明申诉理由，例如：申诉 9月联村工作的加分没有计入",
          "Give your reason, e.g. /appeal my September bonus is missing",
        ),
      )
      .max(MAX_APPEAL_CHARS, tooLong(lang, t(lang, "申诉理由", "reason"), MAX_APPEAL_CHARS))
      .refine(
        (s) => !isVagueReason(s),
        t(lang, "请写明具体理由（哪一项、为什么）。", "Be specific: which item, and why."),
      ),
  async handle(ctx) {
    const result = await lodgeAppeal(
      { db: ctx.deps.db, views: appealViews },
      { group: ctx.group, member: ctx.member, reason: ctx.args, now: ctx.now },
    );
    if (!result.ok) return ctx.reply(plainNotice({ ...lodgeRefusal(result, ctx.lang)!, colour: "yellow" }));
    applyResult(ctx.work, result);
    ctx.reply(
      noticeCard({
        title: t(ctx.lang, "申诉已提交", "Appeal lodged"),
        body: t(
          ctx.lang,
          `已交给 ${result.leaders} 位负责人处理（${periodLabel(result.period, "zh")}，公示期至 ${result.windowEnds.slice(5)}）。结果会私信告诉你。`,
          `Sent to ${result.leaders} leader(s); you will hear privately.`,
        ),
        colour: "blue",
      }),
    );
  },
});
