import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { envelopeSchema, EventShapeError, toUpdate } from "../../../src/channels/lark/events";
import { larkOpenId, larkTenantKey } from "../../support/ids";

/**
 * 用户进群 / 用户出群 / 撤销拉用户进群 read into the neutral updates, from the payloads of the Lark
 * documentation (test/fixtures/lark/); test/e2e/member-events.test.ts sends them through the webhook.
 */
const DIR = join(import.meta.dirname, "../../fixtures/lark");
const payload = (type: "added" | "deleted" | "withdrawn") =>
  JSON.parse(readFileSync(join(DIR, `im.chat.member.user.${type}_v1.json`), "utf8")).payload;
const read = (p: unknown) => toUpdate(envelopeSchema.parse(p));

const WANG = "ou_86b7ca3ff2b3e3bf105a8416fb4dd2ab";
const OPERATOR = "ou_9f93a3983803d0de62b9bd2bc543dc9f";
const CHAT = "oc_60336001e83d200733db17fa19d28791";

describe("Lark member events → members_joined / members_left", () => {
  test("用户进群: the chat, who added and the people by open_id with their names", () => {
    expect(read(payload("added"))).toEqual({
      kind: "members_joined",
      eventId: "19a5571833ef8ca8569a5c5beb8a20a7",
      tenantKey: "d3d955e9902c84dc",
      chatId: CHAT,
      operatorId: OPERATOR,
      people: [{ userId: WANG, name: "王五" }],
    });
  });

  test("用户出群 by someone else reads as removed; by the person themself as left", () => {
    const removed = payload("deleted");
    expect(read(removed)).toMatchObject({ kind: "members_left", reason: "removed", people: [{ userId: WANG }] });
    removed.event.operator_id = removed.event.users[0].user_id;
    expect(read(removed)).toMatchObject({ kind: "members_left", reason: "left", operatorId: WANG });
  });

  test("撤销拉用户进群 reads as withdrawn", () => {
    expect(read(payload("withdrawn"))).toMatchObject({ kind: "members_left", reason: "withdrawn", chatId: CHAT });
  });

  test("someone of another tenant is marked external; someone without an open_id is left out", () => {
    const p = payload("added");
    const other = { name: "赵六", tenant_key: larkTenantKey("partner"), user_id: { open_id: larkOpenId("zhao") } };
    const nobody = { name: "无名", tenant_key: p.header.tenant_key, user_id: { union_id: "on_" + "0".repeat(32) } };
    p.event.users.push(other, nobody);
    expect(read(p)).toMatchObject({
      people: [
        { userId: WANG, name: "王五" },
        { userId: larkOpenId("zhao"), name: "赵六", external: true },
      ],
    });
  });

  test("names lose control characters; an event without users changes nobody", () => {
    const p = payload("added");
    p.event.users[0].name = "王\u0000五\u202e\n";
    expect(read(p)).toMatchObject({ people: [{ name: "王五" }] });
    delete p.event.users;
    expect(read(p)).toMatchObject({ kind: "members_joined", people: [] });
  });

  test("without a chat_id the event is refused as malformed (the webhook answers 400)", () => {
    const p = payload("deleted");
    delete p.event.chat_id;
    expect(() => read(p)).toThrow(EventShapeError);
  });
});
