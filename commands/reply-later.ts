import type { Rendered } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import { t } from "../cards/kit";
import type { CommandContext } from "../src/bot/command";
import type { BatchItem } from "../src/db/database";
import { queueFor } from "../src/outbox/queue";
import { DATA_ERROR_TEXT, isDataError } from "../src/domain/data-error";

/**
 * For answers that read a whole organisation (hundreds of groups): computed
 * after the HTTP answer, so Lark's 3-second deadline never depends on the
 * tenant's size, then queued as the reply like any other. The key derives
 * from the message, so a second run queues nothing new; on failure the
 * person is told rather than left waiting.
 */
export function replyLater(ctx: CommandContext<unknown>, build: () => Promise<Rendered>): void {
  const { db, clock, log } = ctx.deps;
  const to = { type: "reply" as const, id: ctx.update.messageId, chatId: ctx.update.chatId };
  const key = `m:${ctx.update.messageId}:later`;
  ctx.work.defer(async () => {
    let body: Rendered;
    try {
      body = await build();
    } catch (error) {
      if (isDataError(error)) {
        log.error("data error", { messageId: ctx.update.messageId, during: "deferred reply", ...error.fields });
        body = noticeCard({
          title: t(ctx.lang, "数据有误，已报告管理员", "A data problem, reported"),
          body: t(ctx.lang, DATA_ERROR_TEXT.zh, DATA_ERROR_TEXT.en),
          colour: "orange",
        });
      } else {
        log.error("deferred reply failed", { messageId: ctx.update.messageId, error: String(error) });
        body = noticeCard({
          title: t(ctx.lang, "出错了", "Something went wrong"),
          body: t(ctx.lang, "这次没有算出来，请稍后再发一次。", "That did not work; please try again shortly."),
          colour: "red",
        });
      }
    }
    // Routed like every reply: back to the channel the question came from (it was always Lark's before).
    const items = await queueFor(db, ctx.group, [{ key, to, ...body }], clock.now(), ctx.deps.platform);
    await db.batch(items as [BatchItem, ...BatchItem[]]);
  });
}
