import { t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import type { CommandContext } from "../src/bot/command";
import { officeOnly } from "./guards";
import { firstAdminWrites } from "../src/app/authority";
import { firstAdminLine } from "../cards/refusals";

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
