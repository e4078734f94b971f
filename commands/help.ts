import { z } from "zod";
import { helpCard, type HelpEntry } from "../cards/help";
import { defineCommand } from "../src/bot/command";

/** 帮助: the commands, each with one example. The list is passed in to avoid an import cycle. */
export function createHelpCommand(entries: () => readonly HelpEntry[]) {
  return defineCommand({
    name: "帮助",
    aliases: ["help", "菜单", "?", "？"],
    summary: { zh: "查看全部命令", en: "Every command" },
    example: { zh: "帮助", en: "/help" },
    takesText: false,
    args: () => z.string(),
    async handle(ctx) {
      ctx.reply(helpCard(entries(), ctx.lang));
    },
  });
}
