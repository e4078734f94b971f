import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { DEFAULT_CODES, DEFAULT_MIN_SAMPLE, MAX_CODES } from "../../src/domain/survey";
import { excerpt } from "../../src/domain/text";

export const SURVEY_EXAMPLE = "问卷 开 公众形象 份数 100 最少 30";
const EXAMPLE = SURVEY_EXAMPLE;

export type SurveyArgs =
  | { kind: "list" }
  | { kind: "open"; name: string | null; dimension: string; codes: number; minSample: number }
  | { kind: "close"; seq: number }
  | { kind: "codes"; seq: number };

/** "份数 100" / "100份", "最少 30" pulled out of the words; what is left names the dimension. */
function numberOption(words: string[], re: RegExp): number | undefined | null {
  for (let i = 0; i < words.length; i++) {
    // "份数 100" is two words, "100份" one.
    for (const used of [2, 1]) {
      if (i + used > words.length) continue;
      const m = re.exec(words.slice(i, i + used).join(" "));
      if (!m) continue;
      words.splice(i, used);
      const n = Number(m[1] ?? m[2]);
      return Number.isInteger(n) ? n : null;
    }
  }
  return undefined;
}

/** "", "结束 1", "答题码 1", "开 维度 [@某人] [份数 N] [最少 N]". */
export const surveyArgs = (lang: Lang) =>
  z.string().transform((text, ctx): SurveyArgs => {
    const s = text.trim();
    const fail = (zh: string, en: string) => {
      ctx.addIssue({ code: "custom", message: t(lang, zh, en) });
      return z.NEVER;
    };
    if (s === "" || /^(列表|查看|list)$/iu.test(s)) return { kind: "list" };
    const close = /^(?:结束|关闭|截止|close)\s*(?:问卷)?\s*(\d{1,6})$/iu.exec(s);
    if (close) return { kind: "close", seq: Number(close[1]) };
    const codes = /^(?:答题码|码|codes)\s*(?:问卷)?\s*(\d{1,6})$/iu.exec(s);
    if (codes) return { kind: "codes", seq: Number(codes[1]) };
    const open = /^(?:开|开启|开始|发起|open)\s+(.+)$/iu.exec(s);
    if (!open) return fail(`看不懂「${excerpt(s)}」。例：${EXAMPLE}；问卷 结束 1`, `Try: /survey open 公众形象`);
    // "@某人" may stand anywhere: 问卷 开 服务对象 @李四 reads as naturally as 问卷 开 @李四 服务对象.
    const tokens = open[1]!.split(/\s+/u).filter(Boolean);
    const names = tokens.filter((w) => /^[@＠]./u.test(w)).map((w) => w.slice(1));
    const words = tokens.filter((w) => !/^[@＠]./u.test(w));
    if (names.length > 1) return fail("一份问卷只评一个人（或不写人，评整个群）", "One person per survey");
    const count = numberOption(words, /^(?:份数\s*(\d+)|(\d+)\s*份)$/u);
    const countValue = count === undefined ? DEFAULT_CODES : count === null ? NaN : count;
    const min = numberOption(words, /^(?:最少|至少|最少样本)\s*(\d+)$/u);
    // Fewer codes than the default minimum: all of them must answer, unless the leader says otherwise.
    const minValue = min === undefined ? Math.min(DEFAULT_MIN_SAMPLE, countValue) : min === null ? NaN : min;
    if (!(countValue >= 1 && countValue <= MAX_CODES))
      return fail(`答题码份数要在 1 到 ${MAX_CODES} 之间`, `Codes: 1 to ${MAX_CODES}`);
    if (!(minValue >= 1 && minValue <= countValue))
      return fail(`最少样本要在 1 到份数（${countValue}）之间`, "The minimum sample must be 1 to the number of codes");
    if (!words.length) return fail(`请写要测评的维度，例：${EXAMPLE}`, "Name the dimension");
    return { kind: "open", name: names[0] ?? null, dimension: words.join(" "), codes: countValue, minSample: minValue };
  });
