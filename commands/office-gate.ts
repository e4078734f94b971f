import { t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { isAdmin, listAdmins } from "../src/app/roles";
import type { CommandContext } from "../src/bot/command";
import { officeOnly } from "./guards";
import { firstAdminWrites, isLeader } from "../src/app/authority";
import { firstAdminLine } from "../cards/refusal";

/**
 * Who may use the appraisal office's file commands (导出, 花名册导入): the
 * tenant's admins. Like 设置, the first leader to use one in a tenant that has
 * no admin yet becomes its admin, and is told so.
 */
export async function officeGate(ctx: CommandContext<unknown>, what: string): Promise<boolean> {
  const first = await claimFirstAdmin(ctx);
  if (first === null) return officeOnly(ctx, what);
  ctx.reply(noticeCard({ title: t(ctx.lang, "你已是管理员", "You are the admin"), body: first, colour: "green" }));
  return true;
}

/** Whether a file shared in a group comes from the office (or from a leader who would become it). */
export async function isOffice(ctx: CommandContext<unknown>): Promise<boolean> {
  if (await isAdmin(ctx.deps.db, ctx.group, ctx.update.senderId)) return true;
  return isLeader(ctx.member) && (await listAdmins(ctx.deps.db, ctx.group)).length === 0;
}

/**
 * The first person to configure the bot in a tenant becomes its admin: a leader (a group
 * owner, at first) using an office command while the tenant has none. The line to tell them, or null.
 */
async function claimFirstAdmin(ctx: CommandContext<unknown>): Promise<string | null> {
  const by = ctx.update.senderId;
  const writes = await firstAdminWrites(ctx.deps.db, { group: ctx.group, member: ctx.member, by, now: ctx.now });
  if (!writes) return null;
  ctx.work.write(...writes);
  return firstAdminLine(ctx.lang);
}
