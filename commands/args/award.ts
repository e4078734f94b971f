import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { MAX_TARGETS, splitTargets } from "../../src/app/targets";
import { isVagueReason } from "../../src/domain/scoring";
import { charCount, excerpt, MAX_REASON_CHARS } from "../../src/domain/text";
import { tooLong } from "../../cards/refusals";

/** "@张三 @李四 市级 获评市级优秀共产党员" → who (a team at once), the level, the reason. */
export const awardArgs = (lang: Lang) =>
  z.string().transform((text, ctx) => {
    const { names, words } = splitTargets(text);
    // A team award (同奖同赔) names everyone at once; a typed name without @ is one person.
    const who = names.length ? names : words.length >= 3 ? [words.shift()!] : [];
    const [level, ...reasonWords] = words;
    const reason = reasonWords.join(" ").trim();
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (!who.length || !level || !reason)
      return fail(t(lang, "请写明：奖励 @某人 级别 获奖事由", "Write: /award @person level what for"));
    if (who.length > MAX_TARGETS)
      return fail(
        t(
          lang,
          `一次最多 ${MAX_TARGETS} 人，请分几次发送。`,
          `At most ${MAX_TARGETS} people at once; please split it.`,
        ),
      );
    if (isVagueReason(reason))
      return fail(
        t(
          lang,
          `事由「${excerpt(reason)}」过于笼统，请写明获得的是什么奖、由谁授予。`,
          `“${excerpt(reason)}” is too vague: name the award and who gave it.`,
        ),
      );
    if (charCount(reason) > MAX_REASON_CHARS)
      return fail(tooLong(lang, t(lang, "获奖事由", "reason"), MAX_REASON_CHARS, charCount(reason)));
    return { who, level, reason };
  });
