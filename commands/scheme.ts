import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { schemeCard, templatesCard } from "../cards/scheme";
import { scoreChangeCard } from "../cards/score-change";
import { findTemplate, prepareScheme, schemeInForce } from "../src/app/schemes";
import { defineCommand } from "../src/bot/command";
import { localDate } from "../src/domain/dates";
import { schemeTemplates } from "../src/domain/scheme";
import { leadersOnly, problem } from "./guards";

type SchemeArgs =
  | { kind: "show" }
  | { kind: "templates" }
  | { kind: "use"; name: string }
  | { kind: "import"; json: string };

const schemeArgs = (lang: Lang) =>
  z.string().transform((text, ctx): SchemeArgs => {
    const s = text.trim();
    if (s === "") return { kind: "show" };
    const [word = ""] = s.split(/\s+/u);
    const tail = s.slice(word.length).trim();
    if (["模板", "templates", "template"].includes(word.toLowerCase())) return { kind: "templates" };
    if (["使用", "use"].includes(word.toLowerCase()) && tail) return { kind: "use", name: tail };
    if (["导入", "import"].includes(word.toLowerCase()) && tail) return { kind: "import", json: tail };
    if (s.startsWith("{")) return { kind: "import", json: s };
    ctx.addIssue({
      code: "custom",
      message: t(
        lang,
        "可以发：方案、方案 模板、方案 使用 模板名、方案 导入 {JSON}",
        "Try: /scheme, /scheme templates, /scheme use <name>, /scheme import {JSON}",
      ),
    });
    return z.NEVER;
  });

/** Phones turn quotes curly; JSON needs them straight. */
function straightenQuotes(json: string): string {
  return json
    .replace(/[“”＂]/gu, '"')
    .replace(/[‘’]/gu, "'")
    .replace(/：/gu, ":")
    .replace(/，/gu, ",");
}

/** Characters of the text shown either side of where the JSON went wrong. */
const SNIPPET = 12;

/**
 * JSON.parse's message is English and varies by engine; users get the place
 * it failed, the text around it and the two usual causes, in their language.
 */
export function describeJsonError(json: string, error: unknown, lang: Lang): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  // Engines say "end of JSON input", or give a position at the very end.
  if ((!at && /end of JSON input/i.test(message)) || (at && Number(at[1]) >= json.trimEnd().length)) {
    return t(lang, "JSON 不完整：括号或引号没有闭合。", "The JSON ends too early: a bracket or quote is not closed.");
  }
  const hint = t(
    lang,
    '名称要用英文双引号（"name"），最后一项后面不要加逗号。',
    'Names need double quotes ("name"), and no comma after the last item.',
  );
  if (!at) return `${t(lang, "无法解析这段 JSON。", "This JSON cannot be read.")}${hint}`;
  const pos = Number(at[1]);
  const chars = [...json.slice(0, pos)].length; // position counts UTF-16 units; people count characters
  const around = json.slice(Math.max(0, pos - SNIPPET), pos + SNIPPET);
  return `${t(lang, `第 ${chars + 1} 个字符附近有误：`, `Error near character ${chars + 1}: `)}「${around}」\n${hint}`;
}

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
    const { lang } = ctx;
    if (ctx.args.kind === "show") {
      const inForce = await schemeInForce(db, ctx.group.id);
      const since = inForce.createdAt ? localDate(inForce.createdAt, ctx.group.timezone) : undefined;
      ctx.reply(
        schemeCard({
          scheme: inForce.scheme,
          version: inForce.version,
          isDefault: inForce.isDefault,
          ...(since ? { since } : {}),
          lang,
        }),
      );
      return;
    }
    if (ctx.args.kind === "templates") {
      ctx.reply(templatesCard(schemeTemplates, lang));
      return;
    }
    if (!leadersOnly(ctx, "方案")) return;
    let json: unknown;
    let source: string;
    if (ctx.args.kind === "use") {
      const template = findTemplate(ctx.args.name);
      if (!template) {
        const names = schemeTemplates.map((x) => x.name).join("、");
        return problem(
          ctx,
          { zh: "没有这个模板", en: "No such template" },
          t(lang, `模板有：${names}`, `Templates: ${names}`),
          t(lang, "方案 使用 单位干部", "/scheme use 单位干部"),
        );
      }
      json = template.scheme;
      source = `template:${template.id}`;
    } else {
      const straightened = straightenQuotes(ctx.args.json);
      try {
        json = JSON.parse(straightened);
      } catch (error) {
        return problem(
          ctx,
          { zh: "JSON 格式不对，方案未保存", en: "Invalid JSON: scheme not saved" },
          describeJsonError(straightened, error, lang),
        );
      }
      source = "import";
    }
    const prepared = await prepareScheme(db, ctx.group, json, source, ctx.update.senderId, ctx.now);
    if (!prepared.ok) {
      const lines = prepared.errors.slice(0, 12).map((e) => `· ${e.path || "(方案)"}：${lang === "en" ? e.en : e.zh}`);
      const more =
        prepared.errors.length > 12
          ? [t(lang, `……另有 ${prepared.errors.length - 12} 处`, `…and ${prepared.errors.length - 12} more`)]
          : [];
      return problem(ctx, { zh: "方案有误，未保存", en: "Scheme not saved" }, [...lines, ...more].join("\n"));
    }
    ctx.work.write(...prepared.writes);
    ctx.reply(
      scoreChangeCard({
        kind: "scheme",
        who: "",
        lines: [
          t(
            lang,
            `本群方案：${prepared.scheme.name}（第 ${prepared.version} 版）`,
            `Scheme: ${prepared.scheme.name} (version ${prepared.version})`,
          ),
          prepared.scheme.dimensions.map((d) => `${d.name} ${d.weight}%`).join(" / "),
          t(
            lang,
            "从本月起按新方案计分；已结束的月份保持原方案。",
            "Scores from this month use it; finished months keep theirs.",
          ),
        ],
        lang,
      }),
    );
  },
});
