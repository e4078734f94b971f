import { describe, expect, test } from "vitest";
import { textMessageEvent } from "../../../src/channels/local/lark-events";
import { resolveMentions } from "../../../src/channels/lark/events";
import { larkChatId, larkOpenId, larkTenantKey } from "../../support/ids";

/**
 * textMessageEvent turns "@name" in a test's text into Lark's "@_user_N"
 * placeholders. It used to replace the first substring, so "@成员1" landed
 * inside "@成员10" and the bot read a different person than the test meant.
 */

const envelope = {
  token: "test-verification-token",
  appId: "cli_a5c3e7f90b12d046",
  tenantKey: larkTenantKey("events"),
};
const person = (n: number) => ({ openId: larkOpenId(`member-${n}`), name: `成员${n}` });

function sent(text: string, mentions: { openId: string; name: string }[]) {
  const payload = textMessageEvent({
    ...envelope,
    chatId: larkChatId("events"),
    chatType: "group",
    senderOpenId: larkOpenId("leader"),
    text,
    mentions,
  });
  const message = (payload.event as { message: unknown }).message as {
    content: string;
    mentions?: { key: string; id: { open_id: string }; name: string }[];
  };
  return { text: (JSON.parse(message.content) as { text: string }).text, mentions: message.mentions ?? [] };
}

describe("textMessageEvent places mention placeholders on whole names", () => {
  test("@成员1 is not replaced inside @成员10, whatever order the mentions come in", () => {
    const one = person(1);
    const ten = person(10);
    for (const mentions of [
      [one, ten],
      [ten, one],
    ]) {
      const out = sent("加分 @成员10 和 @成员1 业务 1", mentions);
      const key = (p: { openId: string }) => out.mentions.find((m) => m.id.open_id === p.openId)!.key;
      expect(out.text).toBe(`加分 ${key(ten)} 和 ${key(one)} 业务 1`);
      // The production parser reads back the same people, each where the test wrote them.
      const people = mentions.map((p) => ({ userId: p.openId, name: p.name }));
      expect(resolveMentions(out.text, out.mentions)).toEqual({ text: "加分 @成员10 和 @成员1 业务 1", people });
    }
  });

  test("a name only found as the start of a longer name is not a mention there: it goes in front", () => {
    expect(sent("评分 @成员10 本职 90", [person(1)]).text).toBe("@_user_1 评分 @成员10 本职 90");
  });

  test("punctuation and the end of the text end a name; a name that looks like a placeholder is left as written", () => {
    expect(sent("@成员2，@成员3", [person(2), person(3)]).text).toBe("@_user_1，@_user_2");
    const odd = { openId: larkOpenId("odd"), name: "_user_1" };
    expect(sent("@成员2 和 @_user_1", [person(2), odd]).text).toBe("@_user_1 和 @_user_2");
  });

  test("two people with the same name take the placeholders in the order they are written", () => {
    const a = { openId: larkOpenId("zhang-a"), name: "张三" };
    const b = { openId: larkOpenId("zhang-b"), name: "张三" };
    expect(sent("@张三 和 @张三", [a, b]).text).toBe("@_user_1 和 @_user_2");
  });
});
