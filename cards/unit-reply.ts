import type { FieldError } from "../src/domain/scheme";
import type { UnitScheme } from "../src/domain/scoring/unit-scheme";
import type { UnitTemplate } from "../src/domain/scoring/unit-templates";
import { unitLines, type UnitResult } from "../src/domain/scoring/unit-score";
import type { Dimension } from "../src/domain/scheme";
import { escapeMarkdown, t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/** The words of 单位方案 and 单位评分 (issue 14 item 3): the use cases answer with codes, these say them. */

const tree = (dims: readonly Dimension[], depth = 0): string[] =>
  dims.flatMap((d) => [
    `${"　".repeat(depth)}${depth ? "└ " : "· "}${escapeMarkdown(d.name)}（${d.key}）${d.weight}%`,
    ...tree(d.children ?? [], depth + 1),
  ]);

function payLines(s: UnitScheme, lang: Lang): string[] {
  const lines = [
    t(lang, `规模系数：${s.coefficient}（只用于两级分配，单位得分仍是百分制）`, `Size coefficient: ${s.coefficient}`),
  ];
  if (!s.pay) return [...lines, t(lang, '两级分配：未设置（方案可加 "pay"）', "Two-level pay: not set")];
  return [
    ...lines,
    t(
      lang,
      `两级分配：单位份额内 ${s.pay.basePct ? `${s.pay.basePct}% 保底按人平分，其余` : ""}按「${s.pay.basis === "total" ? "总分" : s.pay.basis}」分配${s.pay.allowancePerDay ? `；工作量津贴每个有日报的工作日 ${s.pay.allowancePerDay} 元，按月发放` : ""}`,
      `Two-level pay: basis ${s.pay.basis}, base ${s.pay.basePct}%, allowance ${s.pay.allowancePerDay}/day`,
    ),
  ];
}

export function unitSchemeCard(v: {
  groupName: string;
  current: { version: number; scheme: UnitScheme } | null;
  lang: Lang;
}): Rendered {
  const { lang } = v;
  if (!v.current)
    return noticeCard({
      title: t(lang, "本群还没有单位方案", "No unit scheme yet"),
      body: t(
        lang,
        `「${escapeMarkdown(v.groupName)}」还没有作为单位接受考核。管理员可以发「单位方案 模板」看模板，「单位方案 使用 村」采用一个。`,
        "This group is not appraised as a unit yet. Admins: 单位方案 模板, then 单位方案 使用 <name>.",
      ),
      colour: "yellow",
    });
  const s = v.current.scheme;
  return noticeCard({
    title: t(
      lang,
      `单位方案 · ${s.name}（第 ${v.current.version} 版）`,
      `Unit scheme · ${s.name} (v${v.current.version})`,
    ),
    body: [...tree(s.dimensions), ...payLines(s, lang)].join("\n"),
    hint: t(
      lang,
      "管理员每月发「单位评分 指标 分数」给本单位打分；评完后单位得分即本群的部门绩效，并参与流动红旗评选。",
      "Admins rate the unit monthly with 单位评分; its score is the group's department score and decides the red flag.",
    ),
  });
}

export function unitSchemeSavedCard(v: {
  groupName: string;
  version: number;
  scheme: UnitScheme;
  lang: Lang;
}): Rendered {
  const { lang } = v;
  return noticeCard({
    title: t(lang, "单位方案已保存", "Unit scheme saved"),
    body: [
      t(
        lang,
        `「${escapeMarkdown(v.groupName)}」按「${escapeMarkdown(v.scheme.name)}」（第 ${v.version} 版）接受单位考核：`,
        `v${v.version}:`,
      ),
      ...tree(v.scheme.dimensions),
      ...payLines(v.scheme, lang),
    ].join("\n"),
    hint: t(lang, "已过去的月份仍按当时的版本计算。", "Months already past keep the version in force then."),
    colour: "green",
  });
}

export function unitSchemeInvalidCard(errors: readonly FieldError[], lang: Lang): Rendered {
  const lines = errors.slice(0, 12).map((e) => `· ${e.path || "(方案)"}：${lang === "en" ? e.en : e.zh}`);
  return noticeCard({
    title: t(lang, "单位方案有误，未保存", "Unit scheme not saved"),
    body: escapeMarkdown(lines.join("\n")),
    hint: t(
      lang,
      '例：单位方案 {"name":"镇对村考核","dimensions":[{"key":"economy","name":"经济发展","weight":50},{"key":"party","name":"党的建设","weight":50}],"coefficient":1.042,"pay":{"basis":"total","basePct":20}}',
      "See 单位方案 模板 for examples.",
    ),
    colour: "yellow",
  });
}

export function unitTemplatesCard(templates: readonly UnitTemplate[], lang: Lang): Rendered {
  return noticeCard({
    title: t(lang, "单位方案模板", "Unit scheme templates"),
    body: templates
      .map(
        (x) =>
          `**${x.name}**：${x.scheme.dimensions.map((d) => `${d.name} ${d.weight}%`).join("、")}\n${t(lang, "出处", "Source")}：${x.source}`,
      )
      .join("\n"),
    hint: t(
      lang,
      "管理员发「单位方案 使用 村」采用（之后可以「单位方案 {JSON}」调整权重、系数和两级分配）。",
      "单位方案 使用 <name>",
    ),
  });
}

export function noUnitSchemeCard(lang: Lang): Rendered {
  return noticeCard({
    title: t(lang, "本群没有单位方案", "No unit scheme"),
    body: t(
      lang,
      "这个月本群还没有单位方案，无法给单位打分。管理员先发「单位方案 使用 村」（或其他模板）。",
      "This group has no unit scheme for that month. Set one first: 单位方案 使用 <name>.",
    ),
    colour: "yellow",
  });
}

export function unknownUnitItemCard(keys: readonly { key: string; name: string }[], lang: Lang): Rendered {
  return noticeCard({
    title: t(lang, "没有这个指标", "No such item"),
    body: t(
      lang,
      `单位方案的指标有：${keys.map((k) => `${escapeMarkdown(k.name)}（${k.key}）`).join("、")}`,
      `Items: ${keys.map((k) => k.key).join(", ")}`,
    ),
    hint: t(lang, "例：单位评分 经济发展 90 上月 完成全年招商任务", "e.g. 单位评分 economy 90"),
    colour: "yellow",
  });
}

export function unitRatedCard(v: {
  groupName: string;
  month: string;
  score: number;
  result: UnitResult;
  lang: Lang;
}): Rendered {
  const { lang } = v;
  return noticeCard({
    title: t(lang, `已给单位评分 · ${v.month}`, `Unit rated · ${v.month}`),
    body: [
      t(lang, `「${escapeMarkdown(v.groupName)}」${v.month}：`, `${v.month}:`),
      ...unitLines(v.result).map(escapeMarkdown),
    ].join("\n"),
    hint:
      v.result.total === null
        ? t(lang, "全部指标评完后，单位得分才作为部门绩效并参加流动红旗评选。", "Counts once every item is rated.")
        : t(
            lang,
            "单位得分即本群本月的部门绩效（方案开启部门绩效校正时校正本群成员总分）。",
            "This is the group's department score.",
          ),
    colour: "green",
  });
}
