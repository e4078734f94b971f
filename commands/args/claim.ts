import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import type { ChatClaim } from "../../src/app/claim-submit";
import { MAX_RECORD_CHARS } from "../../src/app/records";
import { MAX_CHANGE_POINTS } from "../../src/domain/points";
import { isVagueReason } from "../../src/domain/scoring";
import { charCount } from "../../src/domain/text";
import { tooLong } from "../../cards/refusals";

export const CLAIM_EXAMPLES = {
  zh: "申报 市级 获市级先进个人 / 申报 加分 联村 2 牵头完成秋收调度",
  en: "/claim city named city model worker / /claim bonus village 2 led the harvest",
};

export type ClaimArgs = ChatClaim & { evidence: string };

/** "级别 依据" (an award) or "加分 维度 分值 依据" (a bonus), the evidence specific and not too long. */
export const claimArgs = (lang: Lang) =>
  z.string().transform((text, ctx): ClaimArgs => {
    const [first = "", ...rest] = text.trim().split(/\s+/u);
    const fail = (message: string) => (ctx.addIssue({ code: "custom", message }), z.NEVER);
    if (first === "加分" || first.toLowerCase() === "bonus") {
      const [item, pointsText, ...words] = rest;
      const points = Number(pointsText);
      const evidence = words.join(" ").trim();
      if (!item || !Number.isFinite(points) || points <= 0 || points > MAX_CHANGE_POINTS)
        return fail(
          t(
            lang,
            `请写明：申报 加分 维度 分值(0–${MAX_CHANGE_POINTS}) 依据`,
            `Write: /claim bonus dimension points(0–${MAX_CHANGE_POINTS}) evidence`,
          ),
        );
      if (!evidence || isVagueReason(evidence))
        return fail(
          t(
            lang,
            "请写明具体依据（做了什么、结果如何），负责人据此审批。",
            "Give the specific evidence your leader will judge by.",
          ),
        );
      if (charCount(evidence) > MAX_RECORD_CHARS)
        return fail(tooLong(lang, t(lang, "申报依据", "evidence"), MAX_RECORD_CHARS, charCount(evidence)));
      return { kind: "bonus", item, points, evidence };
    }
    const evidence = rest.join(" ").trim();
    if (!first || !evidence || isVagueReason(evidence))
      return fail(
        t(
          lang,
          "请写明：申报 级别 获奖依据，或 申报 加分 维度 分值 依据",
          "Write: /claim level evidence, or /claim bonus dimension points evidence",
        ),
      );
    if (charCount(evidence) > MAX_RECORD_CHARS)
      return fail(tooLong(lang, t(lang, "申报依据", "evidence"), MAX_RECORD_CHARS, charCount(evidence)));
    return { kind: "award", level: first, evidence };
  });
