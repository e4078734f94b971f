import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { charCount, MAX_REASON_CHARS } from "../../src/domain/text";

/** "销号 3 已整改到位": the item's number (a leading # allowed), then an optional note. */
export const closeFollowUpArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const [first = "", ...rest] = text.trim().split(/\s+/u);
    const no = Number(first.replace(/^#/, ""));
    const note = rest.join(" ").trim();
    if (!Number.isInteger(no) || no <= 0) {
      ctx.addIssue({
        code: "custom",
        message: t(lang, "请写整改项的编号，例如：销号 3 已整改到位", "Write the item's number, e.g. 销号 3"),
      });
      return z.NEVER;
    }
    if (charCount(note) > MAX_REASON_CHARS) {
      ctx.addIssue({ code: "custom", message: t(lang, `说明最多 ${MAX_REASON_CHARS} 字`, "Note too long") });
      return z.NEVER;
    }
    return { no, note };
  });
