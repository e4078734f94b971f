import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { botAddedEvent, textMessageEvent } from "../../src/channels/local/lark-events";
import { APP, TENANT, TOKEN, startHarness, type Harness } from "../support/bot-harness";

/** Lark's id shapes: a prefix and 32 lowercase hex characters, stable per name. */
const larkId = (prefix: "ou_" | "oc_" | "om_", name: string) =>
  `${prefix}${createHash("md5").update(name).digest("hex")}`;

const GROUP = {
  chatId: larkId("oc_", "welcome-group"),
  name: "财务科",
  owner: { openId: larkId("ou_", "welcome-owner"), name: "钱科长" },
  members: [
    { openId: larkId("ou_", "welcome-a"), name: "周一" },
    { openId: larkId("ou_", "welcome-b"), name: "吴二" },
  ],
};
const envelope = { token: TOKEN, appId: APP.appId, tenantKey: TENANT };

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  for (const p of [GROUP.owner, ...GROUP.members]) h.lark.mock.addUser(p);
  h.lark.mock.addChat({
    chatId: GROUP.chatId,
    name: GROUP.name,
    ownerOpenId: GROUP.owner.openId,
    members: [GROUP.owner, ...GROUP.members],
  });
});
afterEach(async () => {
  await h.close();
});

async function addBot() {
  const res = await h.post(
    botAddedEvent({
      ...envelope,
      eventId: larkId("om_", "added").replace("om_", "ev_"),
      chatId: GROUP.chatId,
      operatorOpenId: GROUP.owner.openId,
    }),
  );
  expect(res.status).toBe(200);
  await h.bot.idle();
}

const welcomes = () =>
  h.lark.mock.sentMessages({ chatId: GROUP.chatId }).filter((m) => m.content.includes("绩效考核机器人已加入本群"));

describe("the welcome card says who was read, not 「正在读取群成员……」 forever", () => {
  test("the members are read before the welcome goes out: it goes out saying who is there", async () => {
    await addBot();
    const [welcome, ...more] = welcomes();
    expect(more).toHaveLength(0);
    expect(welcome!.content).toContain("已读取群成员：共 3 人；考核负责人：钱科长");
    expect(welcome!.content).not.toContain("正在读取");
  });

  test("when the first read fails, the card goes out saying it is reading them, and is updated in place (PATCH) once a later message reads them", async () => {
    // The member list is refused while the app lacks im:chat:readonly (as a misconfigured app would be).
    h.lark.mock.failNext({
      path: /^\/open-apis\/im\/v1\/chats\//,
      method: "GET",
      status: 400,
      code: 99991672,
      msg: "Access denied",
      times: 2,
    });
    await addBot();
    const [welcome] = welcomes();
    expect(welcome!.content).toContain("正在读取群成员……");
    expect(welcome!.edits).toHaveLength(0);

    // The permission is granted; the next message in the group reads the members again.
    const sender = GROUP.members[0]!;
    const messageId = h.lark.mock.addUserMessage({
      chatId: GROUP.chatId,
      openId: sender.openId,
      content: JSON.stringify({ text: "@绩效考核机器人 我的" }),
    }).messageId;
    const res = await h.post(
      textMessageEvent({
        ...envelope,
        chatId: GROUP.chatId,
        chatType: "group",
        senderOpenId: sender.openId,
        text: "@绩效考核机器人 我的",
        messageId,
        mentions: [{ openId: APP.botOpenId, name: "绩效考核机器人" }],
      }),
    );
    expect(res.status).toBe(200);
    await h.bot.idle();

    // Still one welcome card in the group: the same message, changed in place.
    const [same, ...more] = welcomes();
    expect(more).toHaveLength(0);
    expect(same!.messageId).toBe(welcome!.messageId);
    expect(same!.edits.map((e) => e.via)).toEqual(["patch"]);
    expect(same!.content).toContain("已读取群成员：共 3 人；考核负责人：钱科长");
    expect(same!.content).not.toContain("正在读取");
  });
});
