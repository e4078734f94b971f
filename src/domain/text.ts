/**
 * Text normalisation for chat commands. People type commands on phones with
 * Chinese IMEs: full-width colons and spaces, stray @mentions, doubled spaces.
 * The command word is matched on a normalised form; the user's own words are
 * kept as they wrote them (only trimmed), because a record is their text.
 */

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

/**
 * Splits "日报：今天…" / "/report today…" / "日报 今天…" into word and rest.
 * `names` lets a Chinese command word stand glued to its argument
 * ("日报今天完成了…"), which is how many people type.
 */
export function splitCommand(text: string, names: readonly string[]): SplitCommand {
  const trimmed = squashSpaces(text).replace(/^[/／]/u, "");
  const folded = foldWidth(trimmed).toLowerCase();
  // Longest name first so "日报" wins over a hypothetical "日".
  const sorted = [...names].sort((a, b) => b.length - a.length);
  for (const name of sorted) {
    const n = foldWidth(name).toLowerCase();
    if (!folded.startsWith(n)) continue;
    const after = folded.slice(n.length);
    const glued = after.length > 0 && !SEPARATORS.test(after);
    // ASCII words need a boundary ("/reporter" is not "/report"); CJK words may be glued.
    if (glued && /[a-z0-9]$/.test(n) && /^[a-z0-9]/.test(after)) continue;
    // NFKC keeps length for the characters we fold here, so the offset maps back.
    const rest = stripLeadingSeparators(trimmed.slice(name.length)).trim();
    return { word: n, rest };
  }
  // Unknown word: up to the first space or separator punctuation.
  const match = /^([^\s:：,，、;；。!！]+)[\s:：,，、;；。!！]*(.*)$/su.exec(trimmed);
  const word = foldWidth(match?.[1] ?? trimmed).toLowerCase();
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
