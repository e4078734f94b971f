import type { Lang } from "../../cards/kit";
import { editDistance, splitCommand } from "../domain/text";
import type { Command } from "./command";

export type Match =
  | { kind: "command"; command: Command<unknown>; rest: string; lang: Lang }
  | { kind: "unknown"; word: string; suggestion?: Command<unknown>; lang: Lang }
  | { kind: "empty"; lang: Lang };

const ASCII_WORD = /^[a-z0-9/_-]+$/;

function languageOf(text: string): Lang {
  const letters = text.replace(/[^\p{L}]/gu, "");
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
  const words = [...byWord.keys()];

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
    if (!text.trim()) return { kind: "empty", lang: "zh" };
    const { word, rest } = splitCommand(text, words);
    const command = byWord.get(word);
    const lang: Lang = ASCII_WORD.test(word) ? "en" : "zh";
    if (command && (command.takesText || rest === "")) return { kind: "command", command, rest, lang };
    if (chatType === "p2p") return { kind: "command", command: fallback, rest: text.trim(), lang: languageOf(text) };
    return { kind: "unknown", word, suggestion: suggest(word), lang: languageOf(text) };
  };
}
