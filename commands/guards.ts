import { noticeCard } from "../cards/notice";
import { escapeMarkdown, t, type Rendered } from "../cards/kit";
import type { CommandContext } from "../src/bot/command";
import { isAdmin } from "../src/app/roles";
import { localDate, monthOf, type IsoMonth } from "../src/domain/dates";
import { isLeader } from "../src/app/authority";

/** Leaders only: answers a refusal and returns false for anyone else. */
export function leadersOnly(ctx: CommandContext<unknown>, what: string): boolean {
  if (isLeader(ctx.member)) return true;
  ctx.reply(
    noticeCard({
      title: t(ctx.lang, "只有负责人可以操作", "Leaders only"),
      body: t(ctx.lang, `「${what}」只有本群的考核负责人可以使用。`, `Only this group's leaders can use “${what}”.`),
      hint: t(
        ctx.lang,
        "负责人默认为群主；负责人或管理员可以发「设置 负责人 @某人」再添一位。",
        "The group owner is a leader; a leader or admin can add one with “设置 负责人 @someone”.",
      ),
      colour: "yellow",
    }),
  );
  return false;
}

/**
 * The appraisal office (管理员 of the tenant) only: answers a refusal and
 * resolves false for anyone else. Office commands (导出, 全员排名…) use it.
 */
export async function officeOnly(ctx: CommandContext<unknown>, what: string): Promise<boolean> {
  if (await isAdmin(ctx.deps.db, ctx.group, ctx.update.senderId)) return true;
  ctx.reply(
    noticeCard({
      title: t(ctx.lang, "只有管理员可以操作", "Appraisal office only"),
      body: t(
        ctx.lang,
        `「${what}」只有绩考办（管理员）可以使用。`,
        `Only the appraisal office (admins) can use “${what}”.`,
      ),
      hint: t(
        ctx.lang,
        "管理员可以发「设置 管理员 @某人」添加管理员。",
        "An admin can add one with “设置 管理员 @someone”.",
      ),
      colour: "yellow",
    }),
  );
  return false;
}

/**
 * A notice whose body quotes what the user typed: escaped in the card, so it
 * cannot become links or formatting, and left as typed in the text rendering.
 */
export function plainNotice(opts: Parameters<typeof noticeCard>[0]): Rendered {
  return { card: noticeCard({ ...opts, body: escapeMarkdown(opts.body) }).card, text: noticeCard(opts).text };
}

/** "请假原因最多 500 字（这次 612 字），请精简后再发。" — a limit said plainly, in the user's language. */
export function tooLong(lang: "zh" | "en", what: string, max: number, got?: number): string {
  const counted = got === undefined ? "" : t(lang, `（这次 ${got} 字）`, ` (this one has ${got})`);
  return t(
    lang,
    `${what}最多 ${max} 字${counted}，请精简后再发。`,
    `At most ${max} characters${counted}; please shorten it.`,
  );
}

/** Says what went wrong with a command's input, and how it should look. */
export function problem(
  ctx: CommandContext<unknown>,
  title: { zh: string; en: string },
  body: string,
  example?: string,
) {
  ctx.reply(
    plainNotice({
      title: t(ctx.lang, title.zh, title.en),
      body,
      ...(example ? { hint: `${t(ctx.lang, "例", "e.g.")}：${example}` } : {}),
      colour: "yellow",
    }),
  );
}

/** The month a score change counts toward: the current month in the group's time zone. */
export function currentMonth(ctx: Pick<CommandContext<unknown>, "now" | "group">): IsoMonth {
  return monthOf(localDate(ctx.now, ctx.group.timezone));
}
