import { z } from "zod";
import type { PlanRow } from "../src/app/goal-plans";
import type { TargetCurve } from "../src/domain/targets/curve";
import { defineButtonAction } from "./action";
import {
  button,
  buttonRow,
  card,
  decisionStatus,
  escapeMarkdown,
  markdown,
  note,
  t,
  type Lang,
  type Rendered,
} from "./kit";

/** 批准 / 驳回 a 目标计划书. */
export const goalPlanDecideButton = defineButtonAction({
  id: "goal-plan.decide",
  schema: z.object({ id: z.string().min(1).max(64), decision: z.enum(["approve", "reject"]) }),
});

export interface GoalPlanView {
  planId: string;
  no: number;
  period: string;
  groupName: string;
  proposer: string;
  rows: PlanRow[];
  state: { kind: "pending" } | { kind: "decided"; decision: "approved" | "rejected"; by: string; at: string };
  /** "office": the card the office decides on; "group": the approved plan as published to the group. */
  audience: "office" | "group";
  lang: Lang;
}

const num = (x: number) => String(Math.round(x * 100) / 100);

/** Lines a plan or 通报 card lists: a year's 500 targets would pass Lark's 30 KB; the rest are one 「目标」 away. */
export const MAX_TARGET_LINES = 60;

export function capLines(lines: readonly string[], lang: Lang): string[] {
  if (lines.length <= MAX_TARGET_LINES) return [...lines];
  const more = lines.length - MAX_TARGET_LINES;
  return [
    ...lines.slice(0, MAX_TARGET_LINES),
    t(lang, `……另有 ${more} 个目标，发「目标」查看全部`, `…${more} more; send 目标 to see them all`),
  ];
}

/** 考核标准 in words: what the leader wrote, else the bound indicator's curve (domain/targets/curve.ts). */
export function standardText(row: PlanRow, lang: Lang): string {
  if (row.standard) return row.standard;
  if (!row.curve) return t(lang, "只统计完成率，不计分", "Tracked, not scored");
  return curveText(row.direction, row.planned, row.unit, row.curve, lang);
}

export function curveText(
  direction: PlanRow["direction"],
  planned: number,
  unit: string,
  c: TargetCurve,
  lang: Lang,
): string {
  if (direction === "at_most")
    return t(
      lang,
      `不超过 ${num(planned)}${unit} 得满分，每超 1${unit} 扣 ${num(c.overStep)} 分，扣完为止`,
      `Full marks at most ${num(planned)}${unit}; −${num(c.overStep)} per unit over`,
    );
  const bonus =
    c.bonusCapPct > 0 && c.bonusPerPct > 0
      ? t(
          lang,
          `，超额每 1% 加该项分值的 ${num(c.bonusPerPct)}%（至多 ${num(c.bonusCapPct)}%）`,
          `; +${num(c.bonusPerPct)}% of the item per 1% over (≤ ${num(c.bonusCapPct)}%)`,
        )
      : "";
  return t(
    lang,
    `完成率≥100% 得满分${bonus}；${num(c.floor)}%–100% 按完成率计分；低于 ${num(c.floor)}% 不得分`,
    `≥100% full marks${bonus}; ${num(c.floor)}–100% proportional; below ${num(c.floor)}% scores 0`,
  );
}

/** One plan line: 目标3 · 张三 ·【安全生产】事故不超过2起 · 2026-12-31 前 · standard. */
export function planLine(r: PlanRow, lang: Lang): string {
  const owner = r.owner ?? t(lang, "全体", "everyone");
  const indicator = r.indicator ? `【${r.indicator}】` : "";
  const due = t(lang, `${r.deadline} 前`, `by ${r.deadline}`);
  return `目标${r.seq} · ${owner} · ${indicator}${r.title} · ${due} · ${standardText(r, lang)}`;
}

/**
 * 目标计划书 (篇8 line 165 「责任主体、完成时效、考核标准」): for the office with 批准 / 驳回, or, once approved, as
 * published to the group.
 */
export function goalPlanCard(v: GoalPlanView): Rendered {
  const { lang } = v;
  const title = t(lang, `目标计划书 · ${v.groupName} · ${v.period}`, `Target plan · ${v.groupName} · ${v.period}`);
  const decided = v.state.kind === "decided" ? v.state : undefined;
  const status = decisionStatus(v.state, t(lang, "待绩考办审批", "Waiting for the office"), lang);
  const head =
    v.audience === "group"
      ? t(lang, `绩考办已批准本群目标计划书（第 ${v.no} 号），按此考核：`, `The office approved plan ${v.no}:`)
      : t(lang, `${v.proposer} 提交第 ${v.no} 号目标计划书：`, `${v.proposer} submits plan ${v.no}:`);
  const lines = capLines(
    v.rows.map((r) => planLine(r, lang)),
    lang,
  );
  const how = t(
    lang,
    "日报或申报里写「#目标编号 +数量」计入完成；每季度向本群通报完成情况",
    "Tag work “#目标N +k”; completion is reported to the group each quarter",
  );
  const buttons =
    decided || v.audience === "group"
      ? []
      : [
          buttonRow([
            {
              ...button({
                text: t(lang, "批准", "Approve"),
                type: "primary_filled",
                value: goalPlanDecideButton.value({ id: v.planId, decision: "approve" }, lang),
              }),
              name: "approve",
            },
            {
              ...button({
                text: t(lang, "驳回", "Reject"),
                type: "danger",
                value: goalPlanDecideButton.value({ id: v.planId, decision: "reject" }, lang),
              }),
              name: "reject",
            },
          ]),
        ];
  const colour = decided ? (decided.decision === "approved" ? "green" : "red") : "blue";
  return {
    card: card({
      title,
      subtitle: status,
      colour,
      summary: title,
      elements: [markdown(escapeMarkdown([head, ...lines].join("\n"))), ...buttons, note(how)],
    }),
    text: [title, status, head, ...lines, how].join("\n"),
  };
}
