import { z } from "zod";
import { t, type Lang } from "../../cards/kit";

/** "重发" (all) or "重发 12 13" / "重发 #12,13": the numbers 发送失败 listed. */
export const resendArgs = (lang: Lang) =>
  z.string().transform((s, ctx) => {
    const words = s.trim() ? s.trim().split(/[\s,，]+/u) : [];
    const ids = words.map((x) => Number(x.replace(/^#/, "")));
    if (ids.every((n) => Number.isInteger(n) && n > 0)) return ids;
    ctx.addIssue({
      code: "custom",
      message: t(
        lang,
        "编号应是「发送失败」列出的数字，例如：重发 12",
        "Numbers as listed by /failed, e.g. /resend 12",
      ),
    });
    return z.NEVER;
  });
