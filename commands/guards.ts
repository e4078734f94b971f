import { leadersOnlyCard, officeOnlyCard, problemCard } from "../cards/refusals";
import type { CommandContext } from "../src/bot/command";
import { isAdmin } from "../src/app/roles";
import { localDate, monthOf, type IsoMonth } from "../src/domain/dates";
import { isLeader } from "../src/app/authority";

/** Leaders only: answers a refusal and returns false for anyone else. */
export function leadersOnly(ctx: CommandContext<unknown>, what: string): boolean {
  if (isLeader(ctx.member)) return true;
  ctx.reply(leadersOnlyCard(ctx.lang, what));
  return false;
}

/**
 * The appraisal office (管理员 of the tenant) only: answers a refusal and
 * resolves false for anyone else. Office commands (导出, 全员排名…) use it.
 */
export async function officeOnly(ctx: CommandContext<unknown>, what: string): Promise<boolean> {
  if (await isAdmin(ctx.deps.db, ctx.group, ctx.update.senderId)) return true;
  ctx.reply(officeOnlyCard(ctx.lang, what));
  return false;
}

/** Says what went wrong with a command's input, and how it should look. */
export function problem(
  ctx: CommandContext<unknown>,
  title: { zh: string; en: string },
  body: string,
  example?: string,
) {
  ctx.reply(problemCard(ctx.lang, title, body, example));
}

/** The month a score change counts toward: the current month in the group's time zone. */
export function currentMonth(ctx: Pick<CommandContext<unknown>, "now" | "group">): IsoMonth {
  return monthOf(localDate(ctx.now, ctx.group.timezone));
}
