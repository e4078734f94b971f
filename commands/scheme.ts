import { schemeTemplates } from "../src/domain/scheme";
import { schemeProposalCard } from "../cards/scheme-proposal";
import { schemeChangeReply, schemeShownCard, schemeWeights } from "../cards/scheme-reply";
import { templatesCard } from "../cards/scheme";
import { schemeFromChat, showScheme } from "../src/app/scheme-chat";
import { applyResult } from "../src/bot/apply";
import { defineCommand } from "../src/bot/command";
import { schemeArgs } from "./args/scheme";

/** 方案: show the group's appraisal scheme; leaders choose a template or import their own. */
export const schemeCommand = defineCommand({
  name: "方案",
  aliases: ["考核方案", "scheme"],
  summary: {
    zh: "看本群的考核方案；负责人可「方案 模板」「方案 使用 名称」「方案 导入 {JSON}」",
    en: "The group's scheme; leaders: templates, use <name>, import {JSON}",
  },
  example: { zh: "方案 使用 单位干部", en: "/scheme use 单位干部" },
  takesText: true,
  args: schemeArgs,
  async handle(ctx) {
    const { db } = ctx.deps;
    const { group, lang } = ctx;
    if (ctx.args.kind === "show") return ctx.reply(schemeShownCard(await showScheme(db, group), group.timezone, lang));
    if (ctx.args.kind === "templates") return ctx.reply(templatesCard(schemeTemplates, lang));
    const proposer = ctx.member.name || ctx.update.senderId.slice(-4);
    const groupName = group.name || group.chatId;
    const proposalCard: Parameters<typeof schemeFromChat>[0]["proposalCard"] = (p, scheme) =>
      schemeProposalCard({
        proposalId: p.id,
        no: p.no,
        groupName,
        proposer,
        schemeName: p.name,
        weights: schemeWeights(scheme),
        state: { kind: "pending" },
        lang: "zh",
      });
    const input = { group, member: ctx.member, userId: ctx.update.senderId, choice: ctx.args, now: ctx.now };
    const change = await schemeFromChat({ db, proposalCard }, input);
    if (change.ok) applyResult(ctx.work, change);
    ctx.reply(schemeChangeReply(change, lang));
  },
});
