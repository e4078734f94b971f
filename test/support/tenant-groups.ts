import { botAddedEvent } from "../../src/channels/local/lark-events";
import { APP, TENANT, TOKEN, type Harness } from "./bot-harness";

export interface Person {
  openId: string;
  name: string;
}

/** Another work group of the same tenant: created in the Lark mock, then the bot is added to it by its owner. */
export async function addGroup(
  h: Harness,
  chat: { chatId: string; name: string; owner: Person; members: Person[] },
): Promise<void> {
  for (const p of [chat.owner, ...chat.members]) h.lark.mock.addUser(p);
  h.lark.mock.addChat({
    chatId: chat.chatId,
    name: chat.name,
    ownerOpenId: chat.owner.openId,
    members: [chat.owner, ...chat.members],
  });
  const res = await h.post(
    botAddedEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: TENANT,
      chatId: chat.chatId,
      operatorOpenId: chat.owner.openId,
    }),
  );
  if (res.status !== 200) throw new Error(`bot added to ${chat.chatId}: HTTP ${res.status}`);
  await h.bot.idle();
}

/** Says something in a chat (mentions taken from "@name" in the text) and returns the bot's next message there, as JSON text. */
export async function ask(
  h: Harness,
  people: readonly Person[],
  from: Person,
  text: string,
  chatId: string,
): Promise<string> {
  const mentions = people.filter((p) => text.includes(`@${p.name}`));
  const before = h.lark.mock.sentMessages({ chatId }).length;
  const res = await h.say(from.openId, text, { mentions, chatId });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  const [reply] = await h.lark.mock.waitForMessages(
    (m) => m.sender.type === "app" && m.chatId === chatId && h.lark.mock.sentMessages({ chatId }).indexOf(m) >= before,
  );
  return JSON.stringify(reply!.parsed);
}

/** The leader approves the claim whose approval card (sent to them privately) mentions `text`; returns the click's HTTP answer once the bot is idle. */
export async function approveClaim(h: Harness, leader: Person, text: string): Promise<Response> {
  // The approval card is queued with the submitter's receipt; wait until it has been delivered too.
  await h.bot.idle();
  const approval = h.lark.mock
    .sentMessages({ openId: leader.openId })
    .find((m) => JSON.stringify(m.parsed).includes(text))!;
  const id = (JSON.stringify(approval.parsed).match(/"id":"(clm_[^"]+)"/) ?? [])[1];
  const res = await h.click(
    leader.openId,
    { a: "claim.decide", id, d: "approve" },
    approval.messageId,
    approval.chatId,
  );
  await h.bot.idle();
  return res;
}
