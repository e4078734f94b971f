import type { ChatClaimResult } from "../src/app/claim-submit";
import { excerpt } from "../src/domain/text";
import { claimNoticeCard } from "./claim-notice";
import { claimSummary } from "./claim-view";
import { t, type Lang, type Rendered } from "./kit";
import { problemCard } from "./refusals";

/** The answer to 申报 / 补报: received (and by how many leaders), saved with nobody to decide, or what was unclear. */
export function claimReply(r: ChatClaimResult, lang: Lang, example?: { zh: string; en: string }): Rendered {
  switch (r.code) {
    case "unknown_level":
      return problemCard(
        lang,
        { zh: "看不懂这条申报", en: "Unclear claim" },
        t(lang, `「${excerpt(r.level)}」不是方案里的奖励级别。`, `“${excerpt(r.level)}” is not an award level.`),
        example?.[lang],
      );
    case "unknown_dimension":
      return problemCard(
        lang,
        { zh: "哪个维度？", en: "Which dimension?" },
        t(lang, `可选：${r.options.join("、")}`, `One of: ${r.options.join(", ")}`),
        example?.[lang],
      );
    case "no_leader":
      return problemCard(
        lang,
        { zh: "本群还没有负责人", en: "No leader yet" },
        t(
          lang,
          "申报已保存，但本群没有可以审批的负责人。请群主先设置负责人。",
          "Saved, but this group has no leader to decide it.",
        ),
      );
    case "sent": {
      const { kindLabel, lines } = claimSummary(r.claim, r.scheme, lang);
      return claimNoticeCard({ kind: "received", what: `${kindLabel}：${lines[0]}`, leaders: r.leaders, lang });
    }
  }
}
