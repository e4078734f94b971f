import type { Lang } from "../../cards/kit";
import { classifyChatter, commandNames, editDistance, splitCommand, type Chatter } from "../domain/text";
import type { Command } from "./command";

export type Match =
  | { kind: "command"; command: Command<unknown>; rest: string; lang: Lang }
  | { kind: "tooLong"; chars: number; lang: Lang }
  | { kind: "unknown"; word: string; suggestion?: Command<unknown>; lang: Lang; chatter: Chatter; text: string }
  | { kind: "empty"; lang: Lang };

const ASCII_WORD = /^[a-z0-9/_-]+$/;

/**
 * Longest message the bot reads at all. A record holds 2,000 characters and a
 * scheme imported as JSON a few thousand; past this it is a paste gone wrong,
 * answered (or in a WeChat room, ignored) without being parsed.
 */
export const MAX_MESSAGE_CHARS = 30_000;

/** Enough text to tell the language by. */
const LANGUAGE_SAMPLE_CHARS = 200;

function languageOf(text: string): Lang {
  const letters = text.slice(0, LANGUAGE_SAMPLE_CHARS).replace(/[^\p{L}]/gu, "");
  if (!letters) return "zh";
  const latin = letters.replace(/[^A-Za-z]/g, "").length;
  return latin / letters.length > 0.6 ? "en" : "zh";
}

/**
 * Finds the command a message invokes. In private chat, text that is no
 * command is the day's record (`fallback`), so people can just write.
 */
export function createRouter(commands: readonly Command<unknown>[], fallback: Command<unknown>) {
  const byWord = new Map<string, Command<unknown>>();
  for (const c of commands) for (const w of [c.name, ...c.aliases]) byWord.set(w.toLowerCase(), c);
  const words = commandNames([...byWord.keys()]);

  function suggest(word: string): Command<unknown> | undefined {
    if (!word) return undefined;
    let best: { c: Command<unknown>; d: number } | undefined;
    for (const [w, c] of byWord) {
      const d = w.includes(word) || word.includes(w) ? 0.5 : editDistance(word, w);
      const limit = Math.max(1, Math.floor(w.length / 3));
      if (d <= limit && (!best || d < best.d)) best = { c, d };
    }
    return best?.c;
  }

  return function match(text: string, chatType: "group" | "p2p"): Match {
    if (text.length > MAX_MESSAGE_CHARS) return { kind: "tooLong", chars: text.length, lang: languageOf(text) };
    if (!text.trim()) return { kind: "empty", lang: "zh" };
    const { word, rest } = splitCommand(text, words);
    const command = byWord.get(word);
    const lang: Lang = ASCII_WORD.test(word) ? "en" : "zh";
    if (command && (command.takesText || rest === "")) return { kind: "command", command, rest, lang };
    if (chatType === "p2p") return { kind: "command", command: fallback, rest: text.trim(), lang: languageOf(text) };
    const suggestion = suggest(word);
    // Plain text that tells of work is offered as the record it probably is, unless its
    // first word resembles a command (a typo: "日保 …" is answered "did you mean 日报"); small
    // talk gets a pointer to 帮助.
    const chatter = classifyChatter(text);
    const told = chatter === "record" && suggestion ? "other" : chatter;
    return { kind: "unknown", word, suggestion, lang: languageOf(text), chatter: told, text: text.trim() };
  };
}
