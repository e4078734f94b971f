import { departmentRankingCard, organisationPeopleCard } from "../cards/organisation-ranking";
import { tenantGroups } from "../src/app/groups";
import { organisationMonth } from "../src/app/organisation";
import { unitRedFlag } from "../src/app/units";
import { defineCommand } from "../src/bot/command";
import { currentMonth, officeOnly } from "./guards";
import { monthArg, resolveMonth } from "./month-arg";
import { replyLater } from "./reply-later";

/** 全员排名: the appraisal office sees everyone across the organisation's groups. */
export const organisationRankCommand = defineCommand({
  name: "全员排名",
  aliases: ["总排名", "org-rank"],
  summary: {
    zh: "管理员（绩考办）：本组织所有群的人员统一排名（按方案做部门绩效校正；可加「上月」）",
    en: "Admins: everyone across the organisation's groups, ranked (calibrated where the scheme says)",
  },
  example: { zh: "全员排名 上月", en: "/org-rank" },
  takesText: true,
  args: monthArg,
  async handle(ctx) {
    if (!(await officeOnly(ctx, "全员排名"))) return;
    const month = resolveMonth(ctx.args, currentMonth(ctx));
    const all = await tenantGroups(ctx.deps.db, ctx.group);
    replyLater(ctx, async () => {
      const org = await organisationMonth(ctx.deps.db, all, month, ctx.now);
      return organisationPeopleCard({
        month,
        people: org.ranking.people,
        groups: org.ranking.departments.length,
        grades: org.grades,
        lang: ctx.lang,
      });
    });
  },
});

/**
 * 部门排名: groups against each other by average; the first holds the 流动红旗, or where groups are appraised as
 * units the best unit score does (as the monthly broadcast says). Averages and unit scores only, so everyone may see it.
 */
export const departmentRankCommand = defineCommand({
  name: "部门排名",
  aliases: ["科室排名", "dept-rank"],
  summary: {
    zh: "本组织各群（部门）按平均分排名，第一名得流动红旗；按单位考核的，流动红旗归单位得分第一（可加「上月」）",
    en: "The organisation's groups ranked by average; the first holds the red flag",
  },
  example: { zh: "部门排名", en: "/dept-rank" },
  takesText: true,
  args: monthArg,
  async handle(ctx) {
    const month = resolveMonth(ctx.args, currentMonth(ctx));
    const all = await tenantGroups(ctx.deps.db, ctx.group);
    replyLater(ctx, async () =>
      departmentRankingCard({
        month,
        departments: (await organisationMonth(ctx.deps.db, all, month, ctx.now)).ranking.departments,
        // The flag the monthly broadcast gives (src/jobs/monthly-ranking.ts redFlag): a unit's score first.
        unitFlag: all.length > 1 ? await unitRedFlag(ctx.deps.db, all, month) : null,
        lang: ctx.lang,
      }),
    );
  },
});
