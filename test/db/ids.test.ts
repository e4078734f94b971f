import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  currentGroupId,
  currentMemberId,
  DERIVED_ID_LENGTH,
  groupIdFor,
  legacyGroupId,
  legacyMemberId,
  memberIdFor,
} from "../../src/db/ids";
import { sha256Hex } from "../../src/db/sha256";
import { larkChatId, larkOpenId, wechatContactId, wechatRoomId, wechatWebRoomId } from "../support/ids";

describe("group and member ids", () => {
  test("the pure SHA-256 agrees with node:crypto on padding edges and UTF-8", () => {
    for (const text of [
      "",
      "abc",
      "a".repeat(55),
      "a".repeat(56),
      "a".repeat(64),
      "a".repeat(119),
      "绩效考核 ✅".repeat(40),
    ]) {
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
  });

  test("are 36 characters whatever the platform's ids look like", () => {
    const chats = [larkChatId("office"), wechatRoomId("office"), wechatWebRoomId("office"), "x".repeat(500)];
    for (const chat of chats) {
      const group = groupIdFor(chat.startsWith("oc_") ? "lark" : "wechat", chat);
      expect(group).toMatch(/^grp_[0-9a-f]{32}$/);
      for (const user of [larkOpenId("zhang"), wechatContactId("zhang"), `wxid_${"a".repeat(60)}`]) {
        expect(memberIdFor(group, user)).toHaveLength(DERIVED_ID_LENGTH);
      }
    }
  });

  test("are deterministic, and differ across platforms, chats, people and how the parts are split", () => {
    const chat = larkChatId("office");
    expect(groupIdFor("lark", chat)).toBe(groupIdFor("lark", chat));
    expect(groupIdFor("lark", chat)).not.toBe(groupIdFor("wechat", chat));
    expect(groupIdFor("lark", chat)).not.toBe(groupIdFor("lark", larkChatId("finance")));
    const group = groupIdFor("lark", chat);
    expect(memberIdFor(group, larkOpenId("zhang"))).not.toBe(memberIdFor(group, larkOpenId("li")));
    expect(memberIdFor(group, larkOpenId("zhang"))).not.toBe(
      memberIdFor(groupIdFor("lark", larkChatId("finance")), larkOpenId("zhang")),
    );
    // Plain concatenation would make these two equal.
    expect(groupIdFor("lark_a", "b")).not.toBe(groupIdFor("lark", "a_b"));
  });

  test("card buttons sent before migration 0009 still find their group and member", () => {
    const chat = larkChatId("office");
    const group = { id: groupIdFor("lark", chat), platform: "lark", chatId: chat };
    const old = legacyGroupId("lark", chat);
    expect(currentGroupId(old)).toBe(group.id);
    expect(currentGroupId(group.id)).toBe(group.id);
    const zhang = larkOpenId("zhang");
    expect(currentMemberId(legacyMemberId(old, zhang), group)).toBe(memberIdFor(group.id, zhang));
    expect(currentMemberId(memberIdFor(group.id, zhang), group)).toBe(memberIdFor(group.id, zhang));
  });
});
