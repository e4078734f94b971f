import type { IsoMonth } from "../src/domain/dates";
import {
  FACTOR_DECIMALS,
  type Department,
  type OrganisationGrades,
  type OrganisationPerson,
} from "../src/domain/scoring";
import { card, markdown, note, t, table, textTable, type Card, type Lang, type Rendered } from "./kit";
import { fitPrefix } from "./pages";

/**
 * An organisation can be thousands of people: the office's cards list as many as one card
 * takes (measured as built) and say where the whole list is, 导出 of the month, rather than
 * flood the chat with dozens of cards.
 */
const cutNote = (lang: Lang, month: IsoMonth, shown: number, all: number) =>
  shown < all
    ? t(
        lang,
        `；卡片只列前 ${shown} 名，完整名单请发「导出 ${month}」`,
        `; the card lists the first ${shown}: “/export ${month}” has everyone`,
      )
    : "";

const monthTitle = (lang: Lang, month: IsoMonth) =>
  t(lang, `${month.slice(0, 4)} 年 ${Number(month.slice(5))} 月`, month);
const fix = (n: number) => n.toFixed(2);

const METHOD = (lang: Lang) =>
  t(
    lang,
    "部门绩效校正：方案开启校正且绩考办给出部门绩效的群，每人总分 × 系数（部门绩效 ÷ 本群平均分），校正后本群平均即为部门绩效。",
    "Department calibration: where the scheme turns it on and the office set a department score, each total × (department score ÷ group average).",
  );

/** How each organisation-wide quota became places: "优秀：20% × 15 人 = 3 名，按最大余数法分到 5 个群". */
const quotaLines = (lang: Lang, grades: OrganisationGrades | undefined) =>
  (grades?.quotas ?? []).map((q) =>
    t(
      lang,
      `全单位${q.grade}：${q.quota} × ${q.headcount} 人 = ${q.seats} 名，按最大余数法分到 ${q.groups} 个群，群内按分数高低确定`,
      `${q.grade} across the organisation: ${q.quota} × ${q.headcount} = ${q.seats}, shared by largest remainder`,
    ),
  );

/** 全员排名: everyone appraised in the month, across every group of the organisation. */
export function organisationPeopleCard(v: {
  month: IsoMonth;
  people: OrganisationPerson[];
  groups: number;
  /** Rules-2 grades with the quota counted over the whole organisation; absent or empty: no grade column. */
  grades?: OrganisationGrades;
  lang: Lang;
}): Rendered {
  const { lang } = v;
  const gradeOf = (p: OrganisationPerson) => v.grades?.byGroup.get(p.groupId)?.get(p.id);
  const gradedAny = (v.grades?.byGroup.size ?? 0) > 0;
  const quotas = quotaLines(lang, v.grades);
  const title = t(lang, `全员排名 · ${monthTitle(lang, v.month)}`, `Organisation ranking · ${v.month}`);
  const calibratedAny = v.people.some((p) => p.total !== p.raw);
  const columns = [
    { name: "rank", title: t(lang, "名次", "#"), type: "number" as const, precision: 0, width: "80px" },
    { name: "name", title: t(lang, "姓名", "Name") },
    { name: "group", title: t(lang, "部门", "Group") },
    ...(calibratedAny ? [{ name: "raw", title: t(lang, "本群得分", "In group"), type: "number" as const }] : []),
    {
      name: "total",
      title: calibratedAny ? t(lang, "校正后", "Calibrated") : t(lang, "总分", "Total"),
      type: "number" as const,
    },
    ...(gradedAny ? [{ name: "grade", title: t(lang, "等次", "Grade") }] : []),
  ];
  const all = v.people.map((p) => ({
    rank: p.rank,
    name: p.name,
    group: p.groupName || "—",
    ...(calibratedAny ? { raw: p.raw } : {}),
    total: p.total,
    ...(gradedAny ? { grade: gradeOf(p) ?? "—" } : {}),
  }));
  const empty = t(lang, "本月还没有人被评分。", "Nobody has been rated this month.");
  const footnoteFor = (shown: number) =>
    t(lang, `共 ${v.people.length} 人，${v.groups} 个部门`, `${v.people.length} people in ${v.groups} groups`) +
    cutNote(lang, v.month, shown, all.length);
  const build = (rows: readonly Record<string, string | number>[]): Card =>
    card({
      title,
      colour: "violet",
      summary: title,
      elements: [
        rows.length ? table(columns, [...rows]) : markdown(empty),
        ...(calibratedAny ? [note(METHOD(lang))] : []),
        ...quotas.map((q) => note(q)),
        note(footnoteFor(rows.length)),
      ],
    });
  const rows = all.slice(0, fitPrefix(all, build));
  const footnote = footnoteFor(rows.length);
  return {
    card: build(rows),
    text: [
      title,
      rows.length
        ? textTable(
            columns.map((c) => c.title),
            v.people.map((p) => [
              p.rank,
              p.name,
              p.groupName || "—",
              ...(calibratedAny ? [fix(p.raw)] : []),
              fix(p.total),
              ...(gradedAny ? [gradeOf(p) ?? "—"] : []),
            ]),
          )
        : empty,
      calibratedAny ? METHOD(lang) : "",
      ...quotas,
      footnote,
    ]
      .filter(Boolean)
      .join("\n"),
  };
}

/** 部门排名: groups against each other by their people's average (calibrated where it applies); the first holds the 流动红旗. */
export function departmentRankingCard(v: {
  month: IsoMonth;
  departments: Department[];
  /**
   * Where the office appraises groups as units, the best unit score holds the 流动红旗, as the monthly broadcast
   * says (src/jobs/monthly-ranking.ts): not the best average of the table.
   */
  unitFlag?: { groupName: string; total: number } | null;
  lang: Lang;
}): Rendered {
  const { lang } = v;
  const title = t(lang, `部门排名 · ${monthTitle(lang, v.month)}`, `Group ranking · ${v.month}`);
  const columns = [
    { name: "rank", title: t(lang, "名次", "#"), type: "number" as const, precision: 0, width: "80px" },
    { name: "group", title: t(lang, "部门", "Group") },
    { name: "headcount", title: t(lang, "人数", "People"), type: "number" as const, precision: 0 },
    { name: "average", title: t(lang, "平均分", "Average"), type: "number" as const },
    { name: "how", title: t(lang, "校正", "Calibration") },
  ];
  const how = (d: Department) =>
    d.calibration
      ? t(
          lang,
          `部门绩效 ${d.calibration.performance} ÷ 平均 ${fix(d.calibration.average)} = ×${d.calibration.factor.toFixed(FACTOR_DECIMALS)}`,
          `${d.calibration.performance} ÷ ${fix(d.calibration.average)} = ×${d.calibration.factor.toFixed(FACTOR_DECIMALS)}`,
        )
      : "—";
  const all = v.departments.map((d) => ({
    rank: d.rank,
    group: d.groupName || "—",
    headcount: d.headcount,
    average: Math.round(d.average * 100) / 100,
    how: how(d),
  }));
  const first = v.departments.filter((d) => d.rank === 1).map((d) => d.groupName || "—");
  const unit = v.unitFlag;
  const flag = unit
    ? t(
        lang,
        `🚩 流动红旗：**${unit.groupName || "—"}**（单位得分 ${fix(unit.total)} 分）`,
        `🚩 Red flag: **${unit.groupName || "—"}** (unit score ${fix(unit.total)})`,
      )
    : first.length && v.departments.length > 1
      ? t(lang, `🚩 流动红旗：**${first.join("、")}**`, `🚩 Red flag: **${first.join(", ")}**`)
      : "";
  const empty = t(lang, "本月还没有部门有人被评分。", "No group has anyone rated this month.");
  const build = (rows: readonly Record<string, string | number>[]): Card => {
    const cut = cutNote(lang, v.month, rows.length, all.length).replace(/^；/u, "");
    return card({
      title,
      colour: "red",
      summary: title,
      elements: [
        ...(flag ? [markdown(flag)] : []),
        rows.length ? table(columns, [...rows]) : markdown(empty),
        note(METHOD(lang)),
        ...(cut ? [note(cut)] : []),
      ],
    });
  };
  const rows = all.slice(0, fitPrefix(all, build));
  return {
    card: build(rows),
    text: [
      title,
      flag.replace(/\*\*/g, ""),
      all.length
        ? textTable(
            columns.map((c) => c.title),
            all.map((r) => [r.rank, r.group, r.headcount, fix(r.average), r.how]),
          )
        : empty,
      METHOD(lang),
    ]
      .filter(Boolean)
      .join("\n"),
  };
}
