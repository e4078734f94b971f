import { t } from "../cards/kit";
import { unitSchemeCard, unitSchemeInvalidCard, unitSchemeSavedCard, unitTemplatesCard } from "../cards/unit-reply";
import { currentUnitScheme, setUnitScheme } from "../src/app/units";
import { defineCommand } from "../src/bot/command";
import { findUnitTemplate, unitTemplates } from "../src/domain/scoring/unit-templates";
import { parseUnitSchemeArgs, zodOf } from "./args/unit";
import { officeOnly, problem } from "./guards";

/** 单位方案: the office's scheme for appraising this group as a unit (issue 14 item 3; 篇5 lines 95–98). */
export const unitSchemeCommand = defineCommand({
  name: "单位方案",
  aliases: ["unit-scheme"],
  summary: {
    zh: "本群作为单位接受考核的方案（村、机关单位、驻镇单位）；管理员设置",
    en: "The scheme this group is appraised by as a unit; admins set it",
  },
  example: { zh: "单位方案 使用 驻镇单位", en: "/unit-scheme use stationed" },
  takesText: true,
  args: (lang) => zodOf(parseUnitSchemeArgs, lang),
  async handle(ctx) {
    const { db } = ctx.deps;
    const a = ctx.args;
    const groupName = ctx.group.name || t(ctx.lang, "本群", "this group");
    if (a.kind === "show")
      return ctx.reply(unitSchemeCard({ groupName, current: await currentUnitScheme(db, ctx.group), lang: ctx.lang }));
    if (a.kind === "templates") return ctx.reply(unitTemplatesCard(unitTemplates, ctx.lang));
    if (!(await officeOnly(ctx, "单位方案"))) return;
    const json = a.kind === "use" ? findUnitTemplate(a.name)?.scheme : a.json;
    if (json === undefined)
      return problem(
        ctx,
        { zh: "没有这个模板", en: "No such template" },
        unitTemplates.map((x) => x.name).join("、"),
        "单位方案 使用 村",
      );
    const done = await setUnitScheme(ctx.deps, { group: ctx.group, json, by: ctx.update.senderId, now: ctx.now });
    if (!done.ok) return ctx.reply(unitSchemeInvalidCard(done.errors, ctx.lang));
    ctx.work.write(...done.writes);
    ctx.reply(unitSchemeSavedCard({ groupName, version: done.version, scheme: done.scheme, lang: ctx.lang }));
  },
});
