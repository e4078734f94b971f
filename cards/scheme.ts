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
        : d.source === "unit"
          ? t(lang, "，取本单位考核得分（捆绑考核）", ", the unit's own score (bundled appraisal)")
          : d.source === "target"
            ? t(lang, "，按绑定目标的完成率计分（见「目标计划书」）", ", scored by its bound targets' completion")
            : "";
    const line = `${"　".repeat(depth)}${depth ? "└ " : "· "}${d.name}（${d.key}）${d.weight}%${cap}${computed}`;
    return [line, ...treeLines(d.children ?? [], depth + 1, lang)];
  });
}

const CN_NUM = ["一", "二", "三", "四"];

/** "领导 100%（评：工作配合、业务工作）" — a group tied to some dimensions says which (issue 13 item 8). */
function raterLines(s: Scheme, lang: Lang): string {
  const sep = t(lang, "、", ", ");
  const names = new Map(s.dimensions.map((d) => [d.key, d.name]));
  const groups = Object.entries(s.raters).map(([g, w]) => {
    const label = lang === "en" ? g : raterLabel(g);
    const scope = s.raterScope[g];
    const only = scope
      ? t(lang, `（只评：${scope.map((k) => names.get(k) ?? k).join("、")}）`, ` (rates ${scope.join(", ")} only)`)
      : "";
    const counted = w === 0 ? t(lang, "（只供参考，不计分）", " (shown, not counted)") : "";
    return `${label} ${w}%${only}${counted}`;
  });
  const order = s.raterSequence.length
    ? t(
        lang,
        `；评分顺序：${s.raterSequence.map(raterLabel).join(" → ")}，后一组在前一组评完后评分并可看到其结果（篇6）`,
        `; order: ${s.raterSequence.join(" → ")}, each after the previous, with its result in view`,
      )
    : "";
  return `${groups.join(sep)}${order}`;
}

function coefficientLine(s: Scheme, lang: Lang): string {
  switch (s.coefficient) {
    case "pay":
      return t(
        lang,
        "成员系数（人口规模、岗位等）不改变得分、名次和等次，只用于分配奖金：奖金池 ÷ Σ(总分 × 系数) × 本人总分 × 系数（篇5）",
        "the coefficient leaves score, rank and grade alone and weights only the pay split: " +
          "pool ÷ Σ(total × c) × total × c",
      );
    case "none":
      return t(lang, "成员系数不参与计分，也不参与分配", "the coefficient is used neither in scores nor in pay");
    default:
      return t(
        lang,
        "总分 = 各项得分之和 × 成员系数（系数直接加权总分，总分可能超过 100）",
        "total = sum of points × the member's coefficient (may exceed 100)",
      );
  }
}

function extraLine(s: Scheme, lang: Lang): string {
  const sep = t(lang, "、", ", ");
  const awards = Object.entries(s.awards)
    .map(([l, p]) => `${lang === "en" ? l : awardLabel(l)} +${p}`)
    .join(sep);
  if (s.rules === 1) {
    const cap =
      s.extraCap !== undefined
        ? t(lang, `（奖励与附加分合计不超过 ${s.extraCap} 分）`, ` (with extras, at most ${s.extraCap})`)
        : "";
    return `${awards || t(lang, "无", "none")}${cap}`;
  }
  const cap =
    s.extraCap !== undefined
      ? t(lang, `附加分最多 ${s.extraCap} 分`, `extra points at most ${s.extraCap}`)
      : t(lang, "附加分不设上限", "no cap on extra points");
  return awards
    ? t(
        lang,
        `${awards}，直接计入总分，不受附加分上限限制；${cap}（篇5）`,
        `${awards}, added in full, outside the cap; ${cap}`,
      )
    : cap;
}

function gradeLine(s: Scheme, lang: Lang): string {
  const sep = t(lang, "、", ", ");
  if (s.rules === 1)
    return s.grades
      .map(
        (g) =>
          `${g.name} ≥${g.min}${g.quota !== undefined ? t(lang, `（限 ${g.quota}${typeof g.quota === "number" ? " 名" : ""}）`, ` (quota ${g.quota})`) : ""}`,
      )
      .join(sep);
  const each = s.grades
    .map((g) => {
      const min = g.min > 0 ? t(lang, `须 ≥${g.min} 分`, `≥${g.min}`) : "";
      const quota =
        g.quota === undefined
          ? t(lang, "不限名额", "no quota")
          : typeof g.quota === "number"
            ? t(lang, `${g.quota} 名`, `${g.quota}`)
            : t(lang, `占 ${g.quota}`, `${g.quota}`);
      return `${g.name}（${[quota, min].filter(Boolean).join("，")}）`;
    })
    .join(sep);
  const percent = s.grades.some((g) => typeof g.quota === "string");
  const how = t(
    lang,
    `按名次从高到低确定（以分数高低确定，篇5），只有写明分数线的等次才要求达到分数线${
      percent
        ? "；比例名额 = 本群参评人数 × 比例，按最大余数法取整（如 20% × 3 人 = 0.6 → 1 名，20% × 2 人 = 0.4 → 0 名），" +
          "成绩单写明名额是怎样算出的"
        : ""
    }；分数并列者同一等次`,
    "by rank, best first; a minimum only where one is set; percentage quotas by largest remainder",
  );
  return `${each}。${how}`;
}

const PRIZE_PERIOD = {
  every: ["每月、每季度和年度结果都发", "on every month, quarter and year"],
  month: ["只按月度结果发", "on the month's result only"],
  quarter: ["只按季度结果发", "on the quarter's result only"],
  year: ["只按年度结果发一次（篇5）", "once, on the year's result"],
} as const;

function yearLine(s: Scheme, lang: Lang): string {
  const sep = t(lang, "、", ", ");
  const reviews = s.yearReviews.reduce((n, r) => n + r.weight, 0);
  const quarterSum = s.yearWeights.reduce((a, b) => a + b, 0);
  const share = (w: number) => Math.round(((100 - reviews) * w * 100) / quarterSum) / 100;
  const quarters = s.yearWeights.map((w, i) => t(lang, `${CN_NUM[i]}季度 ${share(w)}%`, `Q${i + 1} ${share(w)}%`));
  const parts = s.yearReviews.map((r) =>
    t(lang, `${r.name} ${r.weight}%（单独评分）`, `${r.name} ${r.weight}% (rated on its own)`),
  );
  const pool = s.annualPool
    ? t(
        lang,
        `；年终绩效奖金 ${s.annualPool} 元按${s.coefficient === "pay" ? "总分 × 系数" : "总分"}分配`,
        `; year-end pool ¥${s.annualPool} split by totals`,
      )
    : "";
  return `${[...quarters, ...parts].join(sep)}${pool}`;
}

/** 学年 and 学期 (domain/school-year.ts): their months, what each semester is made of, and that the year still pays. */
function schoolYearLine(s: Scheme, lang: Lang): string {
  const sy = s.schoolYear!;
  const end = (m: number) => (m === 1 ? 12 : m - 1);
  const review = (i: 0 | 1) => s.yearReviews.find((r) => r.key === sy.reviews?.[i]);
  const term = (i: 0 | 1, label: string) => {
    const r = review(i);
    return r
      ? t(
          lang,
          `${label}按平时各月平均 × ${100 - r.weight}% + ${r.name} × ${r.weight}%`,
          `${label}: months ${100 - r.weight}% + ${r.name} ${r.weight}%`,
        )
      : t(lang, `${label}按平时各月平均`, `${label}: the months' mean`);
  };
  return t(
    lang,
    `学年 ${sy.start}月—次年${end(sy.start)}月；第一学期 ${sy.start}月—次年${end(sy.secondTerm)}月、第二学期 ${sy.secondTerm}—${end(sy.start)}月；` +
      `${term(0, "第一学期")}，${term(1, "第二学期")}；名次奖和年终奖金仍按自然年度发（篇6 第121行「年终绩效考核奖」）`,
    `from month ${sy.start}; term 2 from month ${sy.secondTerm}; ${term(0, "term 1")}; ${term(1, "term 2")}; prizes and pay stay with the calendar year`,
  );
}

function ruleLines(s: Scheme, lang: Lang): string[] {
  const sep = t(lang, "、", ", ");
  const bonus = s.dimensions.filter((d) => d.bonusCapPct !== undefined);
  const grades = s.grades.length ? gradeLine(s, lang) : "";
  return [
    `**${t(lang, "计分规则", "Rules")}**：${
      s.rules === 2
        ? t(lang, "按考核材料（篇5、篇6、篇9）的规则计分", "the rules of the source reports")
        : t(
            lang,
            "旧规则（本方案在规则更新前设定，已公布的成绩保持原样）；模板已改用新规则，可发「方案 模板」查看",
            "the old rules (set before the update; published results keep their figures)",
          )
    }`,
    `**${t(lang, "评分组", "Raters")}**：${raterLines(s, lang)}`,
    `**${t(lang, "系数", "Coefficient")}**：${coefficientLine(s, lang)}`,
    ...(bonus.length
      ? [
          `**${t(lang, "加分上限", "Bonus caps")}**：${bonus
            .map((d) =>
              t(
                lang,
                `${d.name}最多加 ${Math.round(d.weight * d.bonusCapPct!) / 100} 分（该项 ${d.weight} 分的 ${d.bonusCapPct}%）`,
                `${d.name} +${Math.round(d.weight * d.bonusCapPct!) / 100}`,
              ),
            )
            .join(sep)}`,
        ]
      : []),
    `**${t(lang, "奖励分", "Awards")}**：${extraLine(s, lang)}`,
    ...(grades ? [`**${t(lang, "等次", "Grades")}**：${grades}`] : []),
    ...(s.prizes.length
      ? [
          `**${t(lang, "名次奖", "Prizes")}**：${s.prizes.map((p, i) => t(lang, `第${i + 1}名 ${p} 元`, `#${i + 1} ¥${p}`)).join(sep)}，${t(lang, PRIZE_PERIOD[s.prizePeriod][0], PRIZE_PERIOD[s.prizePeriod][1])}`,
        ]
      : []),
    `**${t(lang, "排名公开", "Ranking")}**：${t(lang, VISIBILITY[s.rankingVisibility][0], VISIBILITY[s.rankingVisibility][1])}`,
    `**${t(lang, "年度合成", "The year")}**：${yearLine(s, lang)}`,
    ...(s.schoolYear ? [`**${t(lang, "学年与学期", "School year")}**：${schoolYearLine(s, lang)}`] : []),
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
  /** The seed passage, 篇N + line. */
  source: string;
  /** What the figures follow where the passage gives none. */
  note?: string;
  scheme: { dimensions: { name: string; weight: number }[] };
}

/** 方案 模板: the schemes that ship with the bot, each with the passage it comes from (issue 14 item 6). */
export function templatesCard(templates: readonly TemplateEntry[], lang: Lang): Rendered {
  const title = t(lang, "考核方案模板", "Scheme templates");
  const lines = templates.map((tpl) =>
    [
      `**${tpl.name}**：${tpl.scheme.dimensions.map((d) => `${d.name} ${d.weight}%`).join(" / ")}`,
      tpl.description,
      t(lang, `出处：${tpl.source}`, `Source: ${tpl.source}`),
      ...(tpl.note ? [t(lang, `说明：${tpl.note}`, `Note: ${tpl.note}`)] : []),
    ].join("\n"),
  );
  const hint = t(
    lang,
    "负责人发「方案 使用 模板名」即可启用，例如：方案 使用 单位干部；篇N 指《实用绩效考核工作汇报材料大全（15篇）》第 N 篇，行号为该材料的行",
    "Leaders: “/scheme use <name>”, e.g. /scheme use 单位干部; 篇N is report N of the source material",
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
