/**
 * Text normalisation for chat commands. People type commands on phones with
 * Chinese IMEs: full-width colons and spaces, stray @mentions, doubled spaces.
 * The command word is matched on a normalised form; the user's own words are
 * kept as they wrote them (only trimmed), because a record is their text.
 */

/**
 * How much of a message is looked at to find its command word: the longest
 * word is a few characters, so anything past this head cannot change the
 * match, and a 100 KB message costs no more to route than a short one.
 */
export const COMMAND_HEAD_CHARS = 32;

/** Separators people put between a command word and its argument. */
const SEPARATORS = /^[\s:：,，、;；.。!！-]+/u;

/** NFKC folds full-width ASCII (Ａ１：) to ASCII; the ideographic space becomes a space too. */
export function foldWidth(text: string): string {
  return text.normalize("NFKC");
}

/** Collapse runs of whitespace (including U+3000) to one space and trim. */
export function squashSpaces(text: string): string {
  return text.replace(/[\s\u3000]+/gu, " ").trim();
}

/** Removes separators at the start, e.g. "：今天完成了…" → "今天完成了…". */
export function stripLeadingSeparators(text: string): string {
  return text.replace(SEPARATORS, "");
}

export interface SplitCommand {
  /** The first word, folded and lower-cased, without a leading "/". */
  word: string;
  /** Everything after the word and its separators, as the user wrote it. */
  rest: string;
}

/** Command words longest first (so "日报" wins over a hypothetical "日"), each with its folded form. */
export interface CommandNames {
  sorted: readonly { name: string; folded: string }[];
}

/** Sorts and folds the command words once (a router does it when built, not for every message). */
export function commandNames(names: readonly string[]): CommandNames {
  const sorted = [...names].sort((a, b) => b.length - a.length);
  return { sorted: sorted.map((name) => ({ name, folded: foldWidth(name).toLowerCase() })) };
}

/**
 * Splits "日报：今天…" / "/report today…" / "日报 今天…" into word and rest.
 * `names` lets a Chinese command word stand glued to its argument
 * ("日报今天完成了…"), which is how many people type.
 */
export function splitCommand(text: string, names: readonly string[] | CommandNames): SplitCommand {
  const trimmed = squashSpaces(text).replace(/^[/／]/u, "");
  // Command words are short: only the head of the text is folded and compared.
  const folded = foldWidth(trimmed.slice(0, COMMAND_HEAD_CHARS)).toLowerCase();
  const { sorted } = "sorted" in names ? names : commandNames(names);
  for (const { name, folded: n } of sorted) {
    if (!folded.startsWith(n)) continue;
    const after = folded.slice(n.length);
    const glued = after.length > 0 && !SEPARATORS.test(after);
    // ASCII words need a boundary ("/reporter" is not "/report"); CJK words may be glued.
    if (glued && /[a-z0-9]$/.test(n) && /^[a-z0-9]/.test(after)) continue;
    // NFKC keeps length for the characters we fold here, so the offset maps back.
    const rest = stripLeadingSeparators(trimmed.slice(name.length)).trim();
    return { word: n, rest };
  }
  // Unknown word: up to the first space or separator punctuation, at most a head's worth.
  const match = /^([^\s:：,，、;；。!！]+)[\s:：,，、;；。!！]*(.*)$/su.exec(trimmed);
  const word = foldWidth((match?.[1] ?? trimmed).slice(0, COMMAND_HEAD_CHARS)).toLowerCase();
  return { word, rest: (match?.[2] ?? "").trim() };
}

/** Levenshtein distance, for "did you mean" suggestions on short command words. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/** Cuts text to at most `max` characters (code points), marking the cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** How much of someone's text a reply quotes back: enough to recognise it, never a wall. */
export const EXCERPT_CHARS = 20;

/**
 * A short, one-line excerpt of user text for quoting in a reply ("看不懂月份「…」").
 * Replies to a group reach everyone, so a 60,000-character argument must not
 * come back in full; only the first code points are read.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  // Read a bounded prefix only: the rest never matters and may be huge.
  const head = text.slice(0, max * 4);
  const line = squashSpaces(head);
  const chars = [...line];
  return chars.length <= max && head.length === text.length ? line : `${chars.slice(0, max).join("")}…`;
}

/**
 * Removes characters that are not text from what people send: NUL and the
 * other C0/C1 controls (tabs and line breaks stay), bidi overrides that
 * reorder what others see, and unpaired surrogates. SQLite and the platforms
 * treat these inconsistently (a NUL cut a stored record short on reading),
 * so they are dropped at the channel boundary, before anything stores them.
 */
export function stripControls(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu, "")
    .replace(/\p{Surrogate}/gu, "");
}

/** Longest reason, comment or evidence a command stores: a paragraph, not a document. */
export const MAX_REASON_CHARS = 500;

/** Longest record we keep; Lark text messages can be far longer, a record need not be. */
export const MAX_RECORD_CHARS = 2000;

/** What a message that is no command reads like: small talk, a day's work, or neither. */
export type Chatter = "greeting" | "record" | "other";

/** Greetings, thanks and acknowledgements, once punctuation, spaces and emoji are gone. */
const SMALL_TALK_WORDS = [
  "你好|您好|好|hi|hello|hey|嗨|哈喽|哈啰|在吗|在不在",
  "早|早上好|早安|上午好|中午好|下午好|晚上好|晚安",
  "谢谢|谢谢你|多谢|感谢|辛苦了|thanks|thankyou",
  "ok|okay|好的|收到|嗯|哈哈+",
].join("|");
const SMALL_TALK = new RegExp(`^(?:大家|各位|老师|机器人|bot)?(?:${SMALL_TALK_WORDS})(?:呀|啊|哦|呢|啦|了|哈)?$`, "iu");

/** A question is asked, not recorded: it ends with a question mark or particle. */
const QUESTION = /(?:[?？]|[吗呢么][\p{P}]*)$/u;

/** Fewest letters a piece of work can be told in ("整理档案"). */
const RECORD_MIN_LETTERS = 4;

/**
 * Reads plain text that matched no command. A greeting gets a pointer to
 * 帮助; text that tells of work ("今天整理了档案") is offered as a 日报. Only a
 * bounded head is read: past it a message is no greeting, and its length
 * decides nothing else here.
 */
export function classifyChatter(text: string): Chatter {
  const head = text.slice(0, 200);
  const bare = foldWidth(head).replace(/[\s\p{P}\p{S}\p{M}\p{Cf}]/gu, "");
  if (SMALL_TALK.test(bare)) return "greeting";
  const letters = bare.replace(/[^\p{L}]/gu, "");
  if (letters.length < RECORD_MIN_LETTERS || QUESTION.test(squashSpaces(head))) return "other";
  return "record";
}

/** Characters as people count them (code points, as zod's string limits count): an emoji is one, not two. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
