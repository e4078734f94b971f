import type { Dimension, Scheme } from "../src/domain/scheme";
import { awardLabel, raterLabel } from "../src/domain/scheme";
import { card, escapeMarkdown, hr, markdown, note, t, type Lang, type Rendered } from "./kit";

export interface SchemeView {
  scheme: Scheme;
  version: number;
  isDefault: boolean;
  lang: Lang;
}

const VISIBILITY = {
  full: ["全员可见完整排名", "everyone sees the full ranking"],
  top: ["成员看到前 10 名和自己的名次", "members see the top 10 and their own place"],
  private: ["成员只看到自己的名次", "members see only their own place"],
} as const;

function treeLines(dims: readonly Dimension[], depth: number, lang: Lang): string[] {
  return dims.flatMap((d) => {
    const cap = d.bonusCapPct ? t(lang, `，加分上限 ${d.bonusCapPct}%`, `, bonus cap ${d.bonusCapPct}%`) : "";
    const line = `${"　".repeat(depth)}${depth ? "└ " : "· "}${d.name}（${d.key}）${d.weight}%${cap}`;
    return [line, ...treeLines(d.children ?? [], depth + 1, lang)];
  });
}

/** 方案: the group's appraisal scheme, every weight and rule people are scored by. */
export function schemeCard(v: SchemeView): Rendered {
  const { scheme: s, lang } = v;
  const title = t(lang, `考核方案：${s.name}`, `Appraisal scheme: ${s.name}`);
  const subtitle = v.isDefault ? t(lang, "默认方案（尚未设置）", "Default (not chosen yet)") : t(lang, `第 ${v.version} 版`, `version ${v.version}`);
  const dims = treeLines(s.dimensions, 0, lang);
  const raters = Object.entries(s.raters).map(([g, w]) => `${lang === "en" ? g : raterLabel(g)} ${w}%`).join("、");
  const awards = Object.entries(s.awards).map(([l, p]) => `${lang === "en" ? l : awardLabel(l)} +${p}`).join("、");
  const grades = s.grades
    .map((g) => `${g.name} ≥${g.min}${g.quota !== undefined ? t(lang, `（限 ${g.quota}${typeof g.quota === "number" ? " 名" : ""}）`, ` (quota ${g.quota})`) : ""}`)
    .join("、");
  const rules = [
    `**${t(lang, "评分组", "Raters")}**：${raters}`,
    `**${t(lang, "奖励分", "Awards")}**：${awards}${s.extraCap !== undefined ? t(lang, `（奖励与附加分合计不超过 ${s.extraCap} 分）`, ` (with extras, at most ${s.extraCap})`) : ""}`,
    ...(grades ? [`**${t(lang, "等次", "Grades")}**：${grades}`] : []),
    ...(s.prizes.length ? [`**${t(lang, "名次奖", "Prizes")}**：${s.prizes.map((p, i) => t(lang, `第${i + 1}名 ${p} 元`, `#${i + 1} ¥${p}`)).join("、")}`] : []),
    `**${t(lang, "排名公开", "Ranking")}**：${t(lang, VISIBILITY[s.rankingVisibility][0], VISIBILITY[s.rankingVisibility][1])}`,
  ];
  const hint = t(lang, "负责人可发「方案 模板」查看模板，「方案 使用 名称」或「方案 导入 {JSON}」更换方案。", "Leaders: “/scheme templates”, “/scheme use <name>” or “/scheme import {JSON}”.");
  return {
    card: card({
      title,
      subtitle,
      colour: "indigo",
      summary: title,
      elements: [markdown(`**${t(lang, "考核维度（百分制）", "Dimensions (out of 100)")}**\n${dims.map(escapeMarkdown).join("\n")}`), hr(), markdown(rules.join("\n")), note(hint)],
    }),
    text: [title, subtitle, ...dims, ...rules.map((r) => r.replace(/\*\*/g, "")), hint].join("\n"),
  };
}

export interface TemplateEntry {
  name: string;
  description: string;
  scheme: { dimensions: { name: string; weight: number }[] };
}

/** 方案 模板: the schemes that ship with the bot. */
export function templatesCard(templates: readonly TemplateEntry[], lang: Lang): Rendered {
  const title = t(lang, "考核方案模板", "Scheme templates");
  const lines = templates.map((tpl) => `**${tpl.name}**：${tpl.scheme.dimensions.map((d) => `${d.name} ${d.weight}%`).join(" / ")}\n${tpl.description}`);
  const hint = t(lang, "负责人发「方案 使用 模板名」即可启用，例如：方案 使用 单位干部", "Leaders: “/scheme use <name>”, e.g. /scheme use 单位干部");
  return {
    card: card({ title, colour: "indigo", summary: title, elements: [...lines.map((l) => markdown(l)), hr(), note(hint)] }),
    text: [title, ...lines.map((l) => l.replace(/\*\*/g, "")), hint].join("\n"),
  };
}
