import type { z } from "zod";
import type { Lang } from "../../cards/kit";
import type { Group, Member } from "../db/schema";
import type { BotDeps } from "./deps";
import type { MessageUpdate } from "./update";
import type { Work } from "./work";
import type { ImageSpec } from "../outbox/message";

export interface CommandContext<A> {
  deps: BotDeps;
  update: MessageUpdate;
  lang: Lang;
  args: A;
  now: Date;
  /** The group the message is about: the chat itself, or in private chat the sender's group. */
  group: Group;
  member: Member;
  work: Work;
  /** Reply to the message that invoked the command (with a picture for channels without cards). */
  reply(body: { card?: object; text: string; image?: ImageSpec }): void;
}

export interface Command<A = unknown> {
  /** The Chinese command word users see first. */
  name: string;
  /** Other words that invoke it: Chinese synonyms and English ("report", matched with or without "/"). */
  aliases: readonly string[];
  summary: { zh: string; en: string };
  /** One example line for 帮助. */
  example: { zh: string; en: string };
  /** Whether text may follow the command word. Commands without arguments match only alone. */
  takesText: boolean;
  /** Parses the text after the command word; error messages are shown to the user as written. */
  args: (lang: Lang) => z.ZodType<A, string>;
  handle(ctx: CommandContext<A>): Promise<void>;
}

/** Declares a command; the router matches it, the handler decides. */
export function defineCommand<A>(command: Command<A>): Command<A> {
  return command;
}
