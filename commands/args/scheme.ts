import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import type { SchemeChoice } from "../../src/app/scheme-chat";

export type SchemeArgs = { kind: "show" } | { kind: "templates" } | SchemeChoice;

/** Phones turn quotes curly; JSON needs them straight. */
export function straightenQuotes(json: string): string {
  return json
    .replace(/[“”＂]/gu, '"')
    .replace(/[‘’]/gu, "'")
    .replace(/：/gu, ":")
    .replace(/，/gu, ",");
}

/** The JSON typed after 方案 导入, straightened and parsed, or the text and the parser's error. */
export function readSchemeJson(typed: string): Extract<SchemeChoice, { kind: "import" }>["parsed"] {
  const text = straightenQuotes(typed);
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (error) {
    return { ok: false, text, error };
  }
}

/** "" (show), "模板", "使用 名称", "导入 {JSON}" or the JSON alone. */
export const schemeArgs = (lang: Lang) =>
  z.string().transform((text, ctx): SchemeArgs => {
    const s = text.trim();
    if (s === "") return { kind: "show" };
    const [word = ""] = s.split(/\s+/u);
    const tail = s.slice(word.length).trim();
    if (["模板", "templates", "template"].includes(word.toLowerCase())) return { kind: "templates" };
    if (["使用", "use"].includes(word.toLowerCase()) && tail) return { kind: "use", name: tail };
    if (["导入", "import"].includes(word.toLowerCase()) && tail)
      return { kind: "import", parsed: readSchemeJson(tail) };
    if (s.startsWith("{")) return { kind: "import", parsed: readSchemeJson(s) };
    ctx.addIssue({
      code: "custom",
      message: t(
        lang,
        "可以发：方案、方案 模板、方案 使用 模板名、方案 导入 {JSON}",
        "Try: /scheme, /scheme templates, /scheme use <name>, /scheme import {JSON}",
      ),
    });
    return z.NEVER;
  });
