import { expect } from "vitest";
import { OFFICE, type Harness } from "./bot-harness";

/**
 * The office's chat as the e2e tests talk to it: `ask` sends a message as a person in the group (with every
 * `@name` of the office's people as a real mention), waits until the bot has done all it will, and returns what
 * it sent the group in answer, as JSON text; `rate` gives 评分 @name item score for each item, each one taken.
 */
export function officeChat(harness: () => Harness) {
  const people = () => [...OFFICE.members, OFFICE.owner];
  async function ask(from: { openId: string }, text: string): Promise<string> {
    const h = harness();
    const mentions = people().filter((p) => text.includes(`@${p.name}`));
    const before = h.lark.mock.sentMessages({ chatId: OFFICE.chatId }).length;
    expect((await h.say(from.openId, text, { mentions })).status).toBe(200);
    await h.bot.idle();
    return JSON.stringify(
      h.lark.mock
        .sentMessages({ chatId: OFFICE.chatId })
        .slice(before)
        .map((m) => m.parsed),
    );
  }
  async function rate(who: { name: string }, scores: Record<string, number>): Promise<void> {
    for (const [item, score] of Object.entries(scores))
      expect(await ask(OFFICE.owner, `评分 @${who.name} ${item} ${score}`)).toContain("已评分");
  }
  return { ask, rate };
}
