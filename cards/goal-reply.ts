import type { CancelGoalCase, SetGoalCase } from "../src/app/goal-changes";
import { completionLine } from "../src/domain/goals";
import { excerpt } from "../src/domain/text";
import { escapeMarkdown, t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { targetProblemsText } from "./targets";

export const GOAL_EXAMPLE = {
  zh: "目标 @张三 业务 完成12个项目 截止2026-12-31",
  en: "/target @张三 业务 完成12个项目",
};

const refusal = (title: string, body: string, hint?: string): Rendered =>
  // What the user typed is quoted: plain text, never markdown.
  noticeCard({ title, body: escapeMarkdown(body), colour: "yellow", ...(hint ? { hint } : {}) });

const notAllowed = (lang: Lang) =>
  refusal(
    t(lang, "只有负责人可以操作", "Leaders only"),
    t(
      lang,
      "「设置目标」只有本群的考核负责人或绩考办（管理员）可以使用。",
      "Only leaders or the office can set targets.",
    ),
  );

/** What 目标 (set) answers. */
export function setGoalReply(r: SetGoalCase, lang: Lang): Rendered {
  if (!r.ok)
    switch (r.code) {
      case "not-allowed":
        return notAllowed(lang);
      case "no_planned":
        return refusal(
          t(lang, "目标要有计划数", "A planned number, please"),
          t(
            lang,
            `「${excerpt(r.text)}」里没有计划数（大于 0 的数字；上限类目标可为 0），完成率无从算起。`,
            `No planned number in “${excerpt(r.text)}”.`,
          ),
          `${t(lang, "例", "e.g.")}：${GOAL_EXAMPLE[lang]}`,
        );
      case "too-many-people":
        return refusal(
          t(lang, "人数太多", "Too many people"),
          t(lang, `一次最多给 ${r.max} 人设目标。`, `At most ${r.max} people at once.`),
        );
      case "who":
        return refusal(t(lang, "找不到这个人", "Who?"), targetProblemsText(r.problems, lang), GOAL_EXAMPLE[lang]);
      case "year_full":
        return refusal(
          t(lang, "目标太多", "Too many targets"),
          t(
            lang,
            `本群 ${r.year} 年已有 ${r.held} 个目标，每年最多 ${r.max} 个。请先取消不再需要的目标（目标 取消 编号），或合并相近的目标。`,
            `This group already has ${r.held} targets in ${r.year}; at most ${r.max} a year. Cancel some first (目标 取消 N).`,
          ),
        );
    }
  const { text, period, dimension } = r;
  const limit = text.direction === "at_most";
  const lines = r.goals.map(({ goal, member }) => {
    const who = member ? member.name || member.userId.slice(-4) : t(lang, "全体", "everyone");
    const plan = limit ? t(lang, "上限", "limit") : t(lang, "计划", "planned");
    const due = goal.deadline ? t(lang, `，${goal.deadline} 前`, `, by ${goal.deadline}`) : "";
    const standard = goal.standard ? t(lang, `，标准：${goal.standard}`, `, standard: ${goal.standard}`) : "";
    return `目标${goal.seq} · ${who}${dimension ? ` ·【${dimension.name}】` : ""} ${text.title}（${period}）：${plan} ${text.planned}${text.unit}${due}${standard}`;
  });
  const first = r.goals[0]!.goal.seq;
  return noticeCard({
    title: t(lang, "已设目标", "Target set"),
    body: escapeMarkdown(lines.join("\n")),
    hint: t(
      lang,
      `完成时在日报里写「#目标${first} +数量」即可计入；「目标」查看完成率${limit ? "" : `（现在：${completionLine(0, text.planned, text.unit)}）`}。绑定指标的目标经「目标计划书」批准后计分。`,
      "Tag records with “#目标N +k”; /target shows the rates; bound targets score once the office approves the plan.",
    ),
    colour: "green",
  });
}

/** What 目标 取消 N answers. */
export function cancelGoalReply(r: CancelGoalCase, seq: number, lang: Lang): Rendered {
  if (!r.ok && r.code === "not-allowed") return notAllowed(lang);
  if (!r.ok)
    return refusal(
      t(lang, "没有这个目标", "No such target"),
      t(lang, `本群没有目标${seq}（或已取消）。发「目标」查看编号。`, `No target ${seq} here.`),
    );
  return noticeCard({
    title: t(lang, "已取消目标", "Target cancelled"),
    body: escapeMarkdown(`目标${r.goal.seq}：${r.goal.title}`),
    colour: "green",
  });
}
