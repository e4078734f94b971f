import type { z } from "zod";
import { t, type Lang } from "../../cards/kit";

/**
 * Messages for the checks a command's argument schema leaves without its own
 * words (a bare `.max(1000)`). Commands give their own messages where people
 * read them; this map is the net under them, so a limit never reaches a chat
 * as zod's English default ("Too big: expected string to have <=1000
 * characters"), and speaks the user's language. zod's zh-CN locale is not
 * used: it names types in English ("期望 string").
 */
export function argumentIssueMessage(lang: Lang): z.core.$ZodErrorMap {
  return (issue) => {
    switch (issue.code) {
      case "too_big":
        return issue.origin === "string"
          ? t(
              lang,
              `太长了：最多 ${issue.maximum} 字，请精简后再发。`,
              `Too long: at most ${issue.maximum} characters.`,
            )
          : t(lang, `数值太大：最多 ${issue.maximum}。`, `At most ${issue.maximum}.`);
      case "too_small":
        return issue.origin === "string"
          ? Number(issue.minimum) <= 1
            ? t(lang, "内容不能为空。", "Please write something after the command.")
            : t(lang, `太短了：至少 ${issue.minimum} 字。`, `At least ${issue.minimum} characters.`)
          : t(lang, `数值太小：至少 ${issue.minimum}。`, `At least ${issue.minimum}.`);
      default:
        return t(lang, "格式不对。", "That is not the right format.");
    }
  };
}
