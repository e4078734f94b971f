import { t, type Lang } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { setDepartmentScore } from "../src/app/organisation";
import type { CommandContext } from "../src/bot/command";
import { claimFirstAdmin } from "./settings-roles";
import { currentMonth, officeOnly } from "./guards";
import { monthArg, resolveMonth, type MonthArg } from "./month-arg";

/** 设置 部门绩效 92 [上月|2026-10]: the office's score for this group's month (部门绩效校正). */
export interface DepartmentScoreSetting {
  kind: "departmentScore";
  score: number;
  month: MonthArg;
}

export const DEPARTMENT_WORD = "部门绩效";

/** Parses what follows 部门绩效; returns a problem in the user's language instead when it is not a score. */
export function parseDepartmentScore(rest: string[], lang: Lang): DepartmentScoreSetting | { problem: string } {
  const [scoreText = "", ...monthWords] = rest;
  const score = Number(scoreText);
  if (!scoreText || !Number.isFinite(score) || score < 0 || score > 100) {
    return {
      problem: t(
        lang,
        `部门绩效须是 0–100 之间的数，例如：设置 部门绩效 92 上月`,
        "The department score must be 0–100, e.g. 设置 部门绩效 92",
      ),
    };
  }
  const month = monthArg(lang).safeParse(monthWords.join(" "));
  if (!month.success) return { problem: month.error.issues[0]!.message };
  return { kind: "departmentScore", score: Math.round(score * 100) / 100, month: month.data };
}

export async function departmentScoreSetting(ctx: CommandContext<DepartmentScoreSetting>): Promise<void> {
  const first = await claimFirstAdmin(ctx);
  if (first === null && !(await officeOnly(ctx, "设置 部门绩效"))) return;
  const month = resolveMonth(ctx.args.month, currentMonth(ctx));
  const { score } = ctx.args;
  const done = await setDepartmentScore(ctx.deps, {
    group: ctx.group,
    month,
    score,
    by: ctx.update.senderId,
    now: ctx.now,
  });
  ctx.work.write(...done.writes);
  const { previous } = done;
  const said = t(
    ctx.lang,
    `${ctx.group.name || "本群"} ${month} 的部门绩效：${ctx.args.score} 分${previous === null ? "" : `（原为 ${previous}）`}。方案开启部门绩效校正时，本群每人总分按「部门绩效 ÷ 本群平均分」校正后参加全员排名。`,
    `Department score for ${month}: ${ctx.args.score}${previous === null ? "" : ` (was ${previous})`}.`,
  );
  ctx.reply(
    noticeCard({
      title: t(ctx.lang, "已设置", "Saved"),
      body: [first, said].filter(Boolean).join("\n"),
      colour: "green",
    }),
  );
}
