import { z } from "zod";
import { renderApproval } from "../cards/claim-view";
import { todoReply } from "../cards/todo-reply";
import { leaderTodo, MAX_TODO_CARDS } from "../src/app/todo";
import { defineCommand } from "../src/bot/command";

/** 待办: a leader's pending claims, each as its approval card, privately. */
export const todoCommand = defineCommand({
  name: "待办",
  aliases: ["待审批", "todo"],
  summary: {
    zh: "负责人查看待审批的申报（私信发送审批卡片）",
    en: "Leaders: pending claims, as approval cards in private",
  },
  example: { zh: "待办", en: "/todo" },
  takesText: false,
  args: () => z.string(),
  async handle(ctx) {
    const { tenantKey, senderId: by } = ctx.update;
    const todo = await leaderTodo(ctx.deps, { tenantKey, by, now: ctx.now });
    for (const { claim, scheme } of todo.claims)
      ctx.work.send({ type: "open_id", id: by }, renderApproval(claim, scheme, ctx.lang));
    ctx.reply(todoReply({ ...todo, max: MAX_TODO_CARDS }, ctx.lang));
  },
});
