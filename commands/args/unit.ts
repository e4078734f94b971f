import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { excerpt } from "../../src/domain/text";
import { monthArg, type MonthArg } from "../month-arg";
import { describeJsonError } from "../../cards/scheme-reply";

/**
 * The argument grammars of the unit commands (issue 14 items 3 and 4), pure so they can be tested alone. Each returns
 * what was asked, or `{ problem }` in the user's language.
 */

export type UnitSchemeArgs =
  | { kind: "show" }
  | { kind: "templates" }
  | { kind: "use"; name: string }
  | { kind: "import"; json: unknown };

/** Phones turn quotes curly; JSON needs them straight (as 方案 导入 does). */
const straighten = (json: string) =>
  json
    .replace(/[“”＂]/gu, '"')
    .replace(/[‘’]/gu, "'")
    .replace(/：/gu, ":")
    .replace(/，/gu, ",");

/** 单位方案 · 单位方案 模板 · 单位方案 使用 村 · 单位方案 [导入] {JSON} */
export function parseUnitSchemeArgs(text: string, lang: Lang): UnitSchemeArgs | { problem: string } {
  const s = text.trim();
  if (!s) return { kind: "show" };
  if (s === "模板" || s.toLowerCase() === "templates") return { kind: "templates" };
  const use = /^(?:使用|use)\s+(.+)$/iu.exec(s);
  if (use) return { kind: "use", name: use[1]!.trim() };
  const imported = /^(?:导入|import)\s+([\s\S]+)$/iu.exec(s);
  const json = straighten(imported ? imported[1]!.trim() : s);
  if (!json.startsWith("{"))
    return {
      problem: t(
        lang,
        "可以写：单位方案（查看）、单位方案 模板、单位方案 使用 村、单位方案 {JSON}",
        "Try: 单位方案, 单位方案 模板, 单位方案 使用 村, 单位方案 {JSON}",
      ),
    };
  try {
    return { kind: "import", json: JSON.parse(json) as unknown };
  } catch (error) {
    return { problem: describeJsonError(json, error, lang) };
  }
}

export interface UnitRateArgs {
  item: string;
  score: number;
  month: MonthArg;
  comment: string;
}

export const MAX_UNIT_COMMENT = 300;

/** 单位评分 经济发展 90 [上月|10月|2026-10] [评语…] */
export function parseUnitRate(text: string, lang: Lang): UnitRateArgs | { problem: string } {
  const [item = "", scoreText = "", ...rest] = text.trim().split(/\s+/u);
  if (!item || !scoreText)
    return {
      problem: t(
        lang,
        "请写指标和分数，例如：单位评分 经济发展 90",
        "Write the item and a score, e.g. 单位评分 经济发展 90",
      ),
    };
  // A unit scheme has no 加分/扣分 items (篇5 第95行 caps a village's 加分 at 20% of the item and its 附加分 at 3;
  // the bot rates each item on the 百分制 only): a signed figure or a 加分 word is refused, never read as a score.
  if (/^(加分|扣分|附加分|bonus|deduct)$/iu.test(item))
    return {
      problem: t(
        lang,
        "单位方案没有加分、扣分项：单位各项由管理员直接按 0–100 评分，例如：单位评分 经济发展 90",
        "A unit scheme has no bonus or deduction items: rate each item 0–100, e.g. 单位评分 经济发展 90",
      ),
    };
  if (/^[+\-＋－加减扣]/u.test(scoreText))
    return {
      problem: t(
        lang,
        `单位评分是该项的得分（0–100），不是加分或扣分；「${excerpt(scoreText)}」请改写成该项的分数，例如：单位评分 ${excerpt(item)} 90`,
        `单位评分 takes the item's score (0–100), not a bonus or deduction like “${excerpt(scoreText)}”`,
      ),
    };
  const plain = scoreText.replace(/分$/u, "");
  const score = /^\d+(\.\d+)?$/u.test(plain) ? Number(plain) : Number.NaN;
  if (!Number.isFinite(score) || score < 0 || score > 100)
    return {
      problem: t(
        lang,
        `分数须是 0–100 之间的数，「${excerpt(scoreText)}」不是`,
        `The score must be 0–100, not “${excerpt(scoreText)}”`,
      ),
    };
  const maybeMonth = rest[0] === undefined ? undefined : monthArg(lang).safeParse(rest[0]);
  const month: MonthArg = maybeMonth?.success ? maybeMonth.data : { kind: "current" };
  const comment = (maybeMonth?.success ? rest.slice(1) : rest).join(" ").trim();
  if ([...comment].length > MAX_UNIT_COMMENT)
    return {
      problem: t(lang, `评语最多 ${MAX_UNIT_COMMENT} 字`, `A comment holds at most ${MAX_UNIT_COMMENT} characters`),
    };
  return { item, score: Math.round(score * 100) / 100, month, comment };
}

export interface UnitPayArgs {
  /** YYYY, or undefined for this year. */
  year?: string;
  /** The pool to set, in fen; undefined to show the split. */
  poolFen?: number;
}

/** 两级分配 [2026] [奖金池 500000] */
export function parseUnitPay(text: string, lang: Lang): UnitPayArgs | { problem: string } {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  const out: UnitPayArgs = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const year = /^(\d{4})年?$/u.exec(w);
    if (year && Number(year[1]) >= 2000 && Number(year[1]) <= 2099) {
      out.year = year[1]!;
      continue;
    }
    if (/^(奖金池|总额|pool)$/iu.test(w)) {
      const amount = Number((words[i + 1] ?? "").replace(/元$/u, "").replaceAll(",", ""));
      if (
        !Number.isFinite(amount) ||
        amount <= 0 ||
        amount > 1e9 ||
        Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6
      )
        return {
          problem: t(
            lang,
            "奖金池须是大于 0 的金额（元，最多两位小数），例如：两级分配 2026 奖金池 500000",
            "The pool must be an amount in yuan, e.g. 两级分配 2026 奖金池 500000",
          ),
        };
      out.poolFen = Math.round(amount * 100);
      i += 1;
      continue;
    }
    return {
      problem: t(
        lang,
        `看不懂「${excerpt(w)}」。可以写：两级分配 2026，或 两级分配 2026 奖金池 500000`,
        `Cannot read “${excerpt(w)}”. Try: 两级分配 2026 奖金池 500000`,
      ),
    };
  }
  return out;
}

/** A parser above as a command's zod argument schema: a problem becomes the answer the user sees. */
export const zodOf = <A extends object>(parse: (text: string, lang: Lang) => A | { problem: string }, lang: Lang) =>
  z.string().transform((text, ctx): A => {
    const r = parse(text, lang);
    if ("problem" in r) {
      ctx.addIssue({ code: "custom", message: r.problem });
      return z.NEVER;
    }
    return r;
  });
