import { z } from "zod";
import { defineButtonAction } from "./action";
import { button, card, markdown, note, t, type Element, type Lang, type Rendered } from "./kit";
import { paginate } from "./pages";

export interface ReviewView {
  kind: "leader" | "self" | "peer";
  groupId: string;
  groupName: string;
  month: string;
  /** leader and self cards: who is rated. */
  subject?: { id: string; name: string };
  /** peer cards: whom one may rate (never oneself). */
  colleagues?: { id: string; name: string }[];
  dimensions: { key: string; name: string; weight: number }[];
  lang: Lang;
  /** Peer cards of a group larger than one select holds: which of the cards this is. */
  part?: { index: number; count: number };
}

/** 提交 on a 月评议 form: whose group, which month, what kind of rating, and (leader and self cards) whom. */
export const reviewButton = defineButtonAction({
  id: "review.submit",
  schema: z.object({
    group: z.string().min(1).max(80),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    kind: z.enum(["leader", "self", "peer"]),
    subject: z.string().max(200).optional(),
  }),
  legacy: { g: "group", m: "month", k: "kind", s: "subject" },
});

const TITLES = {
  leader: ["月度评议", "Monthly review"],
  self: ["月度自评", "Monthly self-review"],
  peer: ["同事互评（匿名）", "Peer review (anonymous)"],
} as const;

/**
 * Colleagues one peer card offers at most: with 40 dimensions this is what 200 elements
 * allow (each option's text counts). Long names and many dimensions make a card take fewer.
 */
export const MAX_COLLEAGUES = 100;

/**
 * The peer cards for one member: the colleagues split over as many cards as Lark's limits
 * need (see pages.ts), so nobody is left out of the choice. Other kinds are one card.
 */
export function reviewCards(v: ReviewView): Rendered[] {
  if (v.kind !== "peer") return [reviewCard(v)];
  const view = (colleagues: readonly { id: string; name: string }[], part: { index: number; count: number }) =>
    reviewCard({ ...v, colleagues: [...colleagues], part });
  return paginate(v.colleagues ?? [], (c, part) => view(c, part).card, view, { maxRows: MAX_COLLEAGUES });
}

/**
 * 月评议: a form to rate each dimension 0–100 with a comment. Leaders get one
 * per member; with peer and self rater groups, members get their own.
 */
export function reviewCard(v: ReviewView): Rendered {
  const { lang } = v;
  const part =
    v.part && v.part.count > 1
      ? t(lang, `（${v.part.index}/${v.part.count}）`, ` (${v.part.index}/${v.part.count})`)
      : "";
  const title = `${t(lang, TITLES[v.kind][0], TITLES[v.kind][1])}${part} · ${v.month}${v.subject ? ` · ${v.subject.name}` : ""}`;
  if ((v.colleagues?.length ?? 0) > MAX_COLLEAGUES)
    throw new Error(`a peer card offers at most ${MAX_COLLEAGUES} colleagues: split them with reviewCards`);
  const value = reviewButton.value(
    { group: v.groupId, month: v.month, kind: v.kind, ...(v.subject ? { subject: v.subject.id } : {}) },
    lang,
  );
  // A label and no placeholder per field: two elements a dimension, so 40 of them leave room for 100 colleagues.
  const inputs: Element[] = v.dimensions.map((d) => ({
    tag: "input",
    name: `d_${d.key}`,
    input_type: "text",
    max_length: 5,
    label: { tag: "plain_text", content: `${d.name}（${d.weight}%）` },
  }));
  const chooser: Element[] =
    v.kind === "peer"
      ? [
          {
            tag: "select_static",
            name: "subject",
            required: true,
            placeholder: { tag: "plain_text", content: t(lang, "选择要评的同事", "Choose a colleague") },
            options: (v.colleagues ?? []).map((c) => ({ text: { tag: "plain_text", content: c.name }, value: c.id })),
          },
        ]
      : [];
  const form: Element = {
    tag: "form",
    name: "review_form",
    elements: [
      ...chooser,
      ...inputs,
      {
        tag: "input",
        name: "comment",
        max_length: 300,
        placeholder: { tag: "plain_text", content: t(lang, "评语（选填）", "Comment (optional)") },
      },
      {
        ...button({ text: t(lang, "提交", "Submit"), type: "primary_filled", value }),
        name: "submit",
        form_action_type: "submit",
      },
    ],
  };
  const hint = {
    leader: t(
      lang,
      "评分计入该成员本月「领导」评分；再次提交会覆盖你之前的评分。",
      "Counts as your leader rating this month; submitting again replaces it.",
    ),
    self: t(lang, "自评按方案权重计入本月得分。", "Your self-rating counts with the scheme's weight."),
    peer: t(
      lang,
      "匿名：被评人只看到平均分；同一项至少 3 位同事评分后才计入。可逐个选择同事提交。",
      "Anonymous: only averages are shown, and only once 3 colleagues rated. Submit once per colleague.",
    ),
  }[v.kind];
  return {
    card: card({
      title,
      subtitle: v.groupName,
      colour: v.kind === "peer" ? "purple" : "wathet",
      summary: title,
      elements: [
        markdown(
          t(lang, `请为 ${v.month} 打分：每项 0–100，不评的项可留空。`, `Rate ${v.month}: 0–100 each, or leave empty.`),
        ),
        form,
        note(hint),
      ],
    }),
    text: [title, ...v.dimensions.map((d) => `${d.name}（${d.weight}%）：`), replyHint(v), hint].join("\n"),
  };
}

/** Where a form cannot be shown (WeChat): exactly what to type instead, answered by 评议打分. */
function replyHint(v: ReviewView): string {
  const who = v.subject?.name ?? t(v.lang, "同事姓名", "colleague");
  const pairs = v.dimensions.map((d) => `${d.name} ${t(v.lang, "分数", "score")}`).join(" ");
  const colleagues =
    v.kind === "peer" && v.colleagues?.length
      ? `\n${t(v.lang, "可评的同事", "Colleagues")}：${v.colleagues.map((c) => c.name).join(t(v.lang, "、", ", "))}`
      : "";
  return t(
    v.lang,
    `回复「评议打分 ${v.month} ${who} ${pairs} 评语」打分：分数 0–100，不评的维度可省略，评语选填。${colleagues}`,
    `Reply “/review-score ${v.month} ${who} ${pairs} comment”: scores 0–100, leave out what you do not rate, comment optional.${colleagues}`,
  );
}
