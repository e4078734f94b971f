import type { MonthDetail } from "../src/app/detail";
import { truncate } from "../src/domain/text";
import {
  card,
  cardBytes,
  escapeMarkdown,
  hr,
  markdown,
  MAX_CARD_BYTES,
  note,
  t,
  type Element,
  type Lang,
  type Rendered,
} from "./kit";

export interface DetailView {
  name: string;
  month: string;
  detail: MonthDetail;
  /** key → display name, for dimensions and items. */
  names: Map<string, string>;
  awardLabel: (level: string) => string;
  /** Formats an instant as the group reads it ("11-27 10:00"). */
  when: (at: Date) => string;
  lang: Lang;
}

/** Lines per section on the card, at most; fewer when the card would pass 30 KB. The text keeps them all. */
const MAX_LINES = 25;
const PREVIEW = 40;
/** Any one line on the card, after names and reasons are filled in. */
const LINE_CHARS = 90;

/** 明细: the audit trail behind a person's month, with who and when for every number. */
export function detailCard(v: DetailView): Rendered {
  const { lang, detail: d } = v;
  const name = (key: string) => v.names.get(key) ?? key;
  const decision = {
    approved: t(lang, "同意", "approved"),
    rejected: t(lang, "驳回", "rejected"),
    adjusted: t(lang, "调整", "adjusted"),
  } as Record<string, string>;
  const kind = {
    award: t(lang, "奖励", "award"),
    bonus: t(lang, "加分", "bonus"),
    backfill: t(lang, "补报", "backfill"),
  } as Record<string, string>;
  const group = {
    leader: t(lang, "领导", "leader"),
    self: t(lang, "自评", "self"),
    public: t(lang, "群众", "public"),
  } as Record<string, string>;
  const sections: [string, string[]][] = [
    [
      t(lang, `日报（${d.records.length} 条）`, `Records (${d.records.length})`),
      d.records.map((r) => `${r.date.slice(5)}　${truncate(r.text.replace(/\s+/g, " "), PREVIEW)}`),
    ],
    [
      t(lang, "申报", "Claims"),
      d.claims.map((c) => {
        const d = c.decision;
        const outcome = d
          ? `${decision[d.decision]}（${d.by}，${v.when(d.at)}` +
            `${d.points != null ? `，${d.points} 分` : ""}${d.comment ? `，${d.comment}` : ""}）`
          : t(lang, "待审批", "pending");
        return `${v.when(c.at)}　${kind[c.kind]}：${truncate(c.evidence, PREVIEW)} → ${outcome}`;
      }),
    ],
    [
      t(lang, "评分", "Ratings"),
      [
        ...d.ratings.map(
          (r) =>
            // A survey's result has no rater to name (by ""), its comment gives the survey and its sample.
            `${v.when(r.at)}　${name(r.dimension)} ${r.score}（${group[r.group] ?? r.group}：${[r.by, r.comment].filter(Boolean).join("，")}）`,
        ),
        ...d.peers.map((p) =>
          t(
            lang,
            `${name(p.dimension)} 同事互评：${p.count} 人，平均 ${p.average.toFixed(1)}（匿名）`,
            `${name(p.dimension)} peers: ${p.count}, average ${p.average.toFixed(1)} (anonymous)`,
          ),
        ),
      ],
    ],
    [
      t(lang, "加分 / 扣分", "Adjustments"),
      d.adjustments.map(
        (a) =>
          `${v.when(a.at)}　${name(a.dimension)} ${a.points > 0 ? "+" : ""}${a.points}：${a.reason}（${a.by}）${a.revoked ? t(lang, "〔已撤销〕", " [revoked]") : ""}`,
      ),
    ],
    [
      t(lang, "奖励", "Awards"),
      d.awards.map(
        (a) =>
          `${v.when(a.at)}　${v.awardLabel(a.level)}：${a.reason}（${a.by}）${a.revoked ? t(lang, "〔已撤销〕", " [revoked]") : ""}`,
      ),
    ],
  ];
  const title = t(lang, `${v.name} · ${v.month} 明细`, `${v.name} · ${v.month} detail`);
  const build = (perSection: number) => {
    const elements: Element[] = [];
    for (const [heading, lines] of sections) {
      const shown = lines.slice(0, perSection).map((l) => truncate(l, LINE_CHARS));
      const more =
        lines.length > shown.length
          ? [
              t(
                lang,
                `……另有 ${lines.length - shown.length} 条，完整明细见导出`,
                `…and ${lines.length - shown.length} more`,
              ),
            ]
          : [];
      elements.push(
        markdown(
          `**${heading}**\n${shown.length ? [...shown, ...more].map(escapeMarkdown).join("\n") : t(lang, "（无）", "(none)")}`,
        ),
        hr(),
      );
    }
    elements.pop();
    elements.push(
      note(
        t(
          lang,
          "同事互评只显示人数和平均分，不显示评分人。",
          "Peer ratings show only a count and an average, never who.",
        ),
      ),
    );
    return card({ title, colour: "grey", summary: title, elements });
  };
  // A busy month shows fewer lines per section rather than a card Lark would refuse.
  let perSection = MAX_LINES;
  let built = build(perSection);
  while (cardBytes(built) > MAX_CARD_BYTES && perSection > 1)
    built = build((perSection = Math.floor(perSection * 0.7)));
  return {
    card: built,
    text: [
      title,
      ...sections.flatMap(([heading, lines]) => [
        `【${heading}】`,
        ...(lines.length ? lines : [t(lang, "（无）", "(none)")]),
      ]),
    ].join("\n"),
  };
}
