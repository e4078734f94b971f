import type { UnitStanding } from "../src/app/units";
import { unitLines } from "../src/domain/scoring/unit-score";
import { yuan } from "../src/domain/scoring/format";
import type { TwoLevelPay } from "../src/domain/scoring/two-level-pay";
import { escapeMarkdown, t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/** 单位排名 and 两级分配 (issue 14 items 3 and 4): the units of the organisation, and the pay that follows. */

export function unitStandingCard(v: { standing: UnitStanding; groupName: string; lang: Lang }): Rendered {
  const { standing: s, lang } = v;
  if (!s.ranking.length && !s.pending.length)
    return noticeCard({
      title: t(lang, `单位排名 · ${s.month}`, `Units · ${s.month}`),
      body: t(lang, "本组织还没有按单位方案考核的群。", "No group is appraised as a unit yet."),
      hint: t(lang, "管理员发「单位方案 模板」开始。", "Admins: 单位方案 模板"),
      colour: "yellow",
    });
  const ranked = s.ranking.map(
    (u) => `${u.rank}. ${escapeMarkdown(u.groupName)}　${u.total.toFixed(2)} 分${u.rank === 1 ? "　🚩 流动红旗" : ""}`,
  );
  const pending = s.pending.map((u) =>
    t(
      lang,
      `· ${escapeMarkdown(u.groupName)}：未评完（${u.rated}/${u.leaves} 项）`,
      `· ${u.groupName}: ${u.rated}/${u.leaves}`,
    ),
  );
  const own = s.own
    ? [
        "",
        t(lang, `**本单位（${escapeMarkdown(v.groupName)}）**`, "**This unit**"),
        ...unitLines(s.own.result).map(escapeMarkdown),
      ]
    : [];
  return noticeCard({
    title: t(lang, `单位排名 · ${s.month}`, `Units · ${s.month}`),
    body: [...ranked, ...pending, ...own].join("\n"),
    hint: t(
      lang,
      "单位得分由绩考办按单位方案评定，作为该群的部门绩效；第一名获本月流动红旗（篇9「流动红旗科室」月评选）。",
      "Unit scores are the office's; the first holds the red flag.",
    ),
  });
}

export interface UnitPayView {
  year: string;
  /** null: no pool set for the year, or no unit scheme with pay options. */
  pay: TwoLevelPay | null;
  poolFen: number | null;
  /** The asker's own lines, where they are paid. */
  mine?: string[];
  /** The office sees every unit's share. */
  office: boolean;
  saved?: { previousFen: number | null };
  lang: Lang;
}

export function unitPayCard(v: UnitPayView): Rendered {
  const { lang } = v;
  const title = t(lang, `两级分配 · ${v.year}`, `Two-level pay · ${v.year}`);
  const said = v.saved
    ? [
        t(
          lang,
          `已设置 ${v.year} 年两级分配奖金池 ${yuan(v.poolFen!)} 元${v.saved.previousFen === null ? "" : `（原为 ${yuan(v.saved.previousFen)} 元）`}。`,
          `Pool for ${v.year} set to ${yuan(v.poolFen!)}.`,
        ),
      ]
    : [];
  if (v.poolFen === null)
    return noticeCard({
      title,
      body: t(lang, `${v.year} 年还没有设置两级分配奖金池。`, `No pool set for ${v.year}.`),
      hint: t(lang, "管理员发「两级分配 2026 奖金池 500000」设置。", "Admins: 两级分配 2026 奖金池 500000"),
      colour: "yellow",
    });
  if (!v.pay)
    return noticeCard({
      title,
      body: [
        ...said,
        t(lang, '还没有哪个单位的单位方案设置了两级分配（"pay"）。', "No unit scheme names pay options."),
      ].join("\n"),
      colour: "yellow",
    });
  const units = v.office
    ? v.pay.units.map(
        (u) =>
          `· ${escapeMarkdown(u.groupName)}：${u.score.toFixed(2)} 分 × ${u.coefficient} = ${(u.weightedCents / 100).toFixed(2)} → ${yuan(u.fen)} 元（${u.headcount} 人）`,
      )
    : [];
  const warnings = v.office ? v.pay.warnings.map((w) => `⚠ ${escapeMarkdown(lang === "en" ? w.en : w.zh)}`) : [];
  const mine = v.mine?.length
    ? ["", t(lang, "**本人**", "**Mine**"), ...v.mine.map(escapeMarkdown)]
    : v.office
      ? []
      : [t(lang, "本人不在本年度两级分配名单中。", "You are not in this year's split.")];
  return noticeCard({
    title,
    body: [
      ...said,
      t(
        lang,
        `奖金池 ${yuan(v.pay.poolFen)} 元，按「单位得分 × 规模系数」分到各单位，再在单位内分到个人（篇5：「用全镇村干部总工资除以全镇各村总得分…再乘以各村得分」）。`,
        `Pool ${yuan(v.pay.poolFen)}, by unit score × size coefficient, then within each unit.`,
      ),
      ...units,
      ...warnings,
      ...mine,
    ].join("\n"),
    hint: t(
      lang,
      "每一分钱都能复算：各级均按最大余数法分到分，合计等于奖金池。",
      "Exact to the fen by largest remainder.",
    ),
    colour: said.length ? "green" : "blue",
  });
}
