import { describe, expect, test } from "vitest";
import { buttonActionId, buttonLang } from "../../cards/action";
import { decideAppealButton } from "../../cards/appeal";
import { decideClaimButton } from "../../cards/approval";
import { closeFollowUpButton } from "../../cards/follow-ups";
import { confirmGradesButton } from "../../cards/grade-confirmation";
import { leaveDecideButton } from "../../cards/leave-request";
import { withdrawRecordButton } from "../../cards/receipt";
import { fileSuggestedRecordButton } from "../../cards/record-suggestion";
import { reportDetailButton, reportObjectButton } from "../../cards/report-card";
import { reviewButton } from "../../cards/review";
import { schemeDecideButton } from "../../cards/scheme-proposal";
import { larkChatId, larkMessageId, larkOpenId } from "../support/ids";

const CLAIM = "clm_0mhx2k3a9q1b2c3d4e5f";
const GROUP = `grp_${"0123456789abcdef".repeat(2)}`;
const MEMBER = `mem_${"fedcba9876543210".repeat(2)}`;

describe("a card button's value, declared once beside its card", () => {
  test("the card writes readable keys, and the handler reads back what it wrote", () => {
    const value = decideClaimButton.value({ id: CLAIM, decision: "adjust" }, "zh");
    expect(value).toEqual({ action: "claim.decide", id: CLAIM, decision: "adjust" });
    expect(buttonActionId(value)).toBe("claim.decide");
    expect(buttonLang(value)).toBe("zh");
    expect(decideClaimButton.read(value)).toMatchObject({ success: true, data: { id: CLAIM, decision: "adjust" } });
  });

  test("an English card says so in its value", () => {
    const value = reportDetailButton.value({ group: GROUP, period: "2026-Q4" }, "en");
    expect(value).toEqual({ action: "report.detail", group: GROUP, period: "2026-Q4", lang: "en" });
    expect(buttonLang(value)).toBe("en");
  });

  test("buttons sent before the readable keys (a, l and one letter a field) read the same", () => {
    const sender = larkOpenId("writer");
    const message = larkMessageId("suggested");
    const chat = larkChatId("office");
    const old = [
      [decideClaimButton, { a: "claim.decide", id: CLAIM, d: "approve", l: "en" }, { id: CLAIM, decision: "approve" }],
      [decideAppealButton, { a: "appeal.decide", id: "apl_x1", d: "amend" }, { id: "apl_x1", decision: "amend" }],
      [withdrawRecordButton, { a: "record.withdraw", id: "rec_x1" }, { id: "rec_x1" }],
      [reportDetailButton, { a: "report.detail", g: GROUP, q: "2026-Q3" }, { group: GROUP, period: "2026-Q3" }],
      [reportObjectButton, { a: "report.object", g: GROUP }, { group: GROUP }],
      [
        reviewButton,
        { a: "review.submit", g: GROUP, m: "2026-11", k: "leader", s: MEMBER },
        { group: GROUP, month: "2026-11", kind: "leader", subject: MEMBER },
      ],
      [
        leaveDecideButton,
        { a: "leave.decide", id: "lv_x1", d: "reject", l: "en" },
        { id: "lv_x1", decision: "reject" },
      ],
      [schemeDecideButton, { a: "scheme.decide", id: "spr_x1", d: "approve" }, { id: "spr_x1", decision: "approve" }],
      [confirmGradesButton, { a: "grades.confirm", g: GROUP, p: "2026-Q4" }, { groupId: GROUP, period: "2026-Q4" }],
      [closeFollowUpButton, { a: "followup.close", g: GROUP, id: "fup_x1" }, { groupId: GROUP, id: "fup_x1" }],
      [
        fileSuggestedRecordButton,
        { a: "record.suggested", m: message, u: sender, c: chat, d: "2026-11-27", t: " 整理了档案 " },
        { message, sender, chat, date: "2026-11-27", text: "整理了档案" },
      ],
    ] as const;
    for (const [button, value, fields] of old) {
      expect(buttonActionId(value)).toBe(button.id);
      const read = (button.read as (raw: Record<string, unknown>) => { success: boolean; data?: unknown })(value);
      expect(read.success, button.id).toBe(true);
      expect(read.data).toEqual(fields);
    }
    expect(buttonLang({ a: "claim.decide", l: "en" })).toBe("en");
  });

  test("a malformed value is refused, old keys or new", () => {
    expect(decideClaimButton.read({ action: "claim.decide", id: CLAIM, decision: "maybe" }).success).toBe(false);
    expect(decideClaimButton.read({ a: "claim.decide", id: CLAIM, d: "maybe" }).success).toBe(false);
    expect(reportDetailButton.read({ a: "report.detail", g: GROUP, q: "2026-Q5" }).success).toBe(false);
    expect(withdrawRecordButton.read({ action: "record.withdraw" }).success).toBe(false);
    expect(leaveDecideButton.read({ a: "leave.decide", id: "lv_x1", d: "maybe" }).success).toBe(false);
    expect(confirmGradesButton.read({ a: "grades.confirm", g: GROUP, p: "2026-Q5" }).success).toBe(false);
  });

  test("when a value carries both, today's key wins", () => {
    const read = decideClaimButton.read({ action: "claim.decide", id: CLAIM, d: "reject", decision: "approve" });
    expect(read.data).toEqual({ id: CLAIM, decision: "approve" });
  });
});
