import type { Dimension, Scheme } from "../src/domain/scheme";
import { awardLabel, raterLabel } from "../src/domain/scheme";
import { card, escapeMarkdown, hr, markdown, note, t, type Lang, type Rendered } from "./kit";

export interface SchemeView {
  scheme: Scheme;
  version: number;
  isDefault: boolean;
  /** The day (in the group's zone) this version took effect, for "第 2 版 · 2026-11-27 起". */
  since?: string;
  /** Who approved the version and when (issue 13 item 10), or that nobody did; absent for the default. */
  approval?: string;
  lang: Lang;
}

const VISIBILITY = {
  full: ["全员可见完整排名", "everyone sees the full ranking"],
  top: ["成员看到前 10 名和自己的名次", "members see the top 10 and their own place"],
  private: ["成员只看到自己的名次", "members see only their own place"],
} as const;

/**
 * Bytes each markdown block may take. An imported scheme has no size limit of
 * its own (hundreds of indicators are valid), while a card must stay under
 * Lark's 30 KB: the tree gets most of it, the rules the rest.
 */
const TREE_BYTES = 18_000;
const RULES_BYTES = 8_000;

const jsonBytes = (s: string) => new TextEncoder().encode(JSON.stringify(s)).length;

/** The lines that fit in `budget` bytes, and a closing line saying how many did not. */
export function fitLines(lines: readonly string[], budget: number, lang: Lang): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const size = jsonBytes(line) + 2; // + the newline that joins it, escaped
    if (used + size > budget - 200) break; // room for the closing line
    kept.push(line);
    used += size;
  }
  const cut = lines.length - kept.length;
  return cut ? [...kept, t(lang, `……另有 ${cut} 行未列出`, `…${cut} more lines not shown`)] : kept;
}

function treeLines(dims: readonly Dimension[], depth: number, lang: Lang): string[] {
  return dims.flatMap((d) => {
    const cap = d.bonusCapPct ? t(lang, `，加分上限 ${d.bonusCapPct}%`, `, bonus cap ${d.bonusCapPct}%`) : "";
    const computed =
      d.source === "attendance"
        ? t(lang, "，按时提交日报的工作日比例自动计算", ", computed from on-time daily records")
        : "";
    const line = `${"　".repeat(depth)}${depth ? "└ " : "· "}${d.name}（${d.key}）${d.weight}%${cap}${computed}`;
    return [line, ...treeLines(d.children ?? [], depth + 1, lang)];
  });
}

function ruleLines(s: Scheme, lang: Lang): string[] {
  const sep = t(lang, "、", ", ");
  const raters = Object.entries(s.raters)
    .map(([g, w]) => `${lang === "en" ? g : raterLabel(g)} ${w}%`)
    .join(sep);
  const awards = Object.entries(s.awards)
    .map(([l, p]) => `${lang === "en" ? l : awardLabel(l)} +${p}`)
    .join(sep);
  const grades = s.grades
    .map(
      (g) =>
        `${g.name} ≥${g.min}${g.quota !== undefined ? t(lang, `（限 ${g.quota}${typeof g.quota === "number" ? " 名" : ""}）`, ` (quota ${g.quota})`) : ""}`,
    )
    .join(sep);
  const quarters = s.yearWeights.map((w, i) => t(lang, `${"一二三四"[i]}季度 ${w}%`, `Q${i + 1} ${w}%`)).join(sep);
  const cap =
    s.extraCap !== undefined
      ? t(lang, `（奖励与附加分合计不超过 ${s.extraCap} 分）`, ` (with extras, at most ${s.extraCap})`)
      : "";
  return [
    `**${t(lang, "评分组", "Raters")}**：${raters}`,
    `**${t(lang, "奖励分", "Awards")}**：${awards || t(lang, "无", "none")}${cap}`,
    ...(grades ? [`**${t(lang, "等次", "Grades")}**：${grades}`] : []),
    ...(s.prizes.length
      ? [
          `**${t(lang, "名次奖", "Prizes")}**：${s.prizes.map((p, i) => t(lang, `第${i + 1}名 ${p} 元`, `#${i + 1} ¥${p}`)).join(sep)}`,
        ]
      : []),
    `**${t(lang, "排名公开", "Ranking")}**：${t(lang, VISIBILITY[s.rankingVisibility][0], VISIBILITY[s.rankingVisibility][1])}`,
    `**${t(lang, "年度合成", "The year")}**：${quarters}${s.annualPool ? t(lang, `；年终绩效奖金 ${s.annualPool} 元按总分分配`, `; year-end pool ¥${s.annualPool} split by totals`) : ""}`,
    `**${t(lang, "补报期限", "Backfill")}**：${t(lang, `${s.backfillDays} 天`, `${s.backfillDays} days`)}`,
    ...(s.departmentCalibration
      ? [
          `**${t(lang, "部门绩效校正", "Calibration")}**：${t(lang, "全员排名时每人总分 × 部门绩效 ÷ 本群平均分", "across groups, each total × department score ÷ group average")}`,
        ]
      : []),
  ];
}

/** 方案: the group's appraisal scheme, every weight and rule people are scored by. */
export function schemeCard(v: SchemeView): Rendered {
  const { scheme: s, lang } = v;
  const title = t(lang, `考核方案：${s.name}`, `Appraisal scheme: ${s.name}`);
  const subtitle = v.isDefault
    ? t(lang, "默认方案（本群尚未选择方案，暂按此模板计分）", "Default (this group has not chosen a scheme yet)")
    : t(
        lang,
        `第 ${v.version} 版${v.since ? ` · ${v.since} 起` : ""}`,
        `version ${v.version}${v.since ? ` · since ${v.since}` : ""}`,
      );
  const dims = treeLines(s.dimensions, 0, lang);
  const rules = ruleLines(s, lang);
  const hint = t(
    lang,
    "负责人可发「方案 模板」查看模板，「方案 使用 名称」或「方案 导入 {JSON}」更换方案。",
    "Leaders: “/scheme templates”, “/scheme use <name>” or “/scheme import {JSON}”.",
  );
  // Names and keys come from an imported scheme: escaped, so they cannot format the card.
  const treeBlock = fitLines(dims.map(escapeMarkdown), TREE_BYTES, lang).join("\n");
  const rulesBlock = fitLines(
    rules.map((r) => r.replace(/：(.*)$/su, (_, rest: string) => `：${escapeMarkdown(rest)}`)),
    RULES_BYTES,
    lang,
  ).join("\n");
  return {
    card: card({
      title,
      subtitle,
      colour: "indigo",
      summary: title,
      elements: [
        markdown(`**${t(lang, "考核维度（百分制）", "Dimensions (out of 100)")}**\n${treeBlock}`),
        hr(),
        markdown(rulesBlock),
        ...(v.approval ? [note(escapeMarkdown(v.approval))] : []),
        note(hint),
      ],
    }),
    // The text keeps every line: channels without cards can split a long message.
    text: [
      title,
      subtitle,
      ...(v.approval ? [v.approval] : []),
      ...dims,
      ...rules.map((r) => r.replace(/\*\*/g, "")),
      hint,
    ].join("\n"),
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
  const lines = templates.map(
    (tpl) =>
      `**${tpl.name}**：${tpl.scheme.dimensions.map((d) => `${d.name} ${d.weight}%`).join(" / ")}\n${tpl.description}`,
  );
  const hint = t(
    lang,
    "负责人发「方案 使用 模板名」即可启用，例如：方案 使用 单位干部",
    "Leaders: “/scheme use <name>”, e.g. /scheme use 单位干部",
  );
  return {
    card: card({
      title,
      colour: "indigo",
      summary: title,
      elements: [...lines.map((l) => markdown(l)), hr(), note(hint)],
    }),
    text: [title, ...lines.map((l) => l.replace(/\*\*/g, "")), hint].join("\n"),
  };
}
