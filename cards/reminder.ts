import { chineseDate, type IsoDate } from "../src/domain/dates";
import { card, markdown, note, t, type Lang, type Rendered } from "./kit";

/** The private nudge: today's record is still missing. */
export function reminderCard(v: { name: string; date: IsoDate; lang: Lang }): Rendered {
  const title = t(v.lang, "今天的日报还没交", "Today's record is missing");
  const body = t(
    v.lang,
    `${v.name}，${chineseDate(v.date)} 还没有工作记录。直接回复今天做了什么就会记下。`,
    `${v.name}, nothing is recorded for ${v.date} yet. Just reply with what you did.`,
  );
  const hint = t(v.lang, "请假请发「请假 11-28 11-30」，这几天就不会提醒。", "On leave? Send “/leave 11-28 11-30”.");
  return {
    card: card({ title, colour: "orange", summary: title, elements: [markdown(body), note(hint)] }),
    text: [title, body, hint].join("\n"),
  };
}

/** The group's one line: how many have recorded today; mentions only where the group asked for them. */
export function reminderLine(v: {
  done: number;
  expected: number;
  missing: { userId: string; name: string }[];
  mention: boolean;
}): string {
  const line = `今日已交 ${v.done}/${v.expected}`;
  if (!v.mention || !v.missing.length) return line;
  // Lark text messages mention with <at user_id="ou_…">name</at>.
  return `${line}，未交：${v.missing.map((m) => `<at user_id="${m.userId}">${m.name}</at>`).join(" ")}`;
}
