import type { CloseOutcome } from "../src/app/follow-ups";
import { followUpText, type FollowUpLine } from "./follow-ups";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { leadersOnlyCard } from "./refusals";

/**
 * What closing an item tells the leader, in words (the command and the card button say the same).
 * `line` is the closed item as the 整改 list shows it.
 */
export function closeText(outcome: CloseOutcome, line: FollowUpLine | undefined, lang: Lang) {
  switch (outcome.code) {
    case "closed":
      return { ok: true, text: t(lang, `已销号：${line ? followUpText(line, lang) : ""}`, "Closed.") };
    case "already-closed":
      return {
        ok: false,
        text: t(lang, `#${outcome.item.no} 已经销号了。`, `#${outcome.item.no} is already closed.`),
      };
    case "not-found":
      return {
        ok: false,
        text: t(lang, "找不到这条整改项，请发「整改」查看编号。", "No such item; send 整改 for the list."),
      };
  }
}

/** 销号's reply: a leaders-only refusal, or the outcome under the title 销号. */
export function closeFollowUpReply(
  r: CloseOutcome | { code: "leaders_only" },
  line: FollowUpLine | undefined,
  lang: Lang,
): Rendered {
  if (r.code === "leaders_only") return leadersOnlyCard(lang, "销号");
  const said = closeText(r, line, lang);
  return noticeCard({ title: t(lang, "销号", "Close"), body: said.text, colour: said.ok ? "green" : "yellow" });
}
