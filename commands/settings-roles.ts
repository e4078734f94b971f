import { t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { lastRoleProblem, roleChangedLine, roleNotAllowedBody } from "../cards/role-change";
import { settingSavedCard } from "../cards/settings";
import { changeRoles } from "../src/app/roles";
import { displayName } from "../src/app/scores";
import { resolveTargets } from "./target-arg";
import type { CommandContext } from "../src/bot/command";
import { problem } from "./guards";
import { authorityOf, firstAdminWrites, mayAppoint } from "../src/app/authority";

/** 设置 管理员 @某人 · 设置 负责人 @某人 · 设置 取消管理员/取消负责人 @某人. */
export interface RoleSetting {
  kind: "role";
  role: "admin" | "leader";
  add: boolean;
  names: string[];
}

export const ROLE_WORDS: Record<string, { role: RoleSetting["role"]; add: boolean }> = {
  管理员: { role: "admin", add: true },
  负责人: { role: "leader", add: true },
  取消管理员: { role: "admin", add: false },
  撤销管理员: { role: "admin", add: false },
  取消负责人: { role: "leader", add: false },
  撤销负责人: { role: "leader", add: false },
};

const EXAMPLE = "设置 负责人 @张三";

/**
 * The first person to configure the bot in a tenant becomes its admin: a
 * leader (a group owner, at first) using 设置 while the tenant has none.
 * Returns the line to tell them, or null when nothing changed.
 */
export async function claimFirstAdmin(ctx: CommandContext<unknown>): Promise<string | null> {
  const writes = await firstAdminWrites(ctx.deps.db, {
    group: ctx.group,
    member: ctx.member,
    by: ctx.update.senderId,
    now: ctx.now,
  });
  if (!writes) return null;
  ctx.work.write(...writes);
  return t(
    ctx.lang,
    "你是第一位配置机器人的人，已成为本组织的管理员（绩考办）。",
    "You are the first to configure the bot: you are now this organisation's admin.",
  );
}

export async function roleSetting(ctx: CommandContext<RoleSetting>): Promise<void> {
  const { role, add, names } = ctx.args;
  const first = await claimFirstAdmin(ctx);
  const authority = await authorityOf(ctx.deps.db, ctx.group, ctx.member, ctx.update.senderId);
  // Whoever just became the first admin is one.
  if (!mayAppoint(role, { ...authority, admin: first !== null || authority.admin })) {
    const body = roleNotAllowedBody(role, ctx.lang);
    return ctx.reply(noticeCard({ title: t(ctx.lang, "没有权限", "Not allowed"), body, colour: "yellow" }));
  }
  const found = await resolveTargets(ctx.deps.db, ctx.group, names, ctx.update.mentions, ctx.lang);
  if (!found.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, found.problem, EXAMPLE);
  const people = found.members;
  const by = ctx.update.senderId;
  const done = await changeRoles(ctx.deps, { group: ctx.group, role, add, people, by, now: ctx.now });
  if (!done.ok) {
    const p = lastRoleProblem(done.code, ctx.lang);
    return problem(ctx, p.title, p.body);
  }
  ctx.work.write(...done.writes);
  const who = people.map(displayName).join(t(ctx.lang, "、", ", "));
  ctx.reply(settingSavedCard([first, roleChangedLine(role, add, who, ctx.lang)], ctx.lang));
}
