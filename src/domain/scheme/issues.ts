/**
 * Turns zod issues into bilingual field errors. People who define schemes read Chinese first,
 * developers and logs read English, so every message carries both.
 */
import type { z } from "zod";
import type { FieldError } from "./types";

/** ["dimensions", 1, "children"] → "dimensions[1].children" (the form the errors quote). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(root)" : out;
}

export function fieldError(path: readonly PropertyKey[] | string, zh: string, en: string): FieldError {
  return { path: typeof path === "string" ? path : formatPath(path), zh, en };
}

/** Messages our own schemas attach to checks whose generic wording would not help (e.g. a regex). */
export const MESSAGES = {
  key: {
    zh: "键只能含小写字母、数字、下划线和连字符",
    en: "a key may contain only a-z, 0-9, _ and -",
  },
  quota: {
    zh: '名额须为非负整数或百分比字符串（如 "20%"）',
    en: 'a quota must be a non-negative integer or a percentage string such as "20%"',
  },
  cents: { zh: "金额最多两位小数（到分）", en: "an amount has at most two decimals (fen)" },
  blank: { zh: "不能为空", en: "must not be empty" },
  zero: { zh: "加减分不能为 0", en: "points must not be 0" },
  sum100: { zh: "四个季度的权重之和须为 100", en: "the four quarter weights must sum to 100" },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageCode = keyof typeof MESSAGES;

const TYPE_ZH: Record<string, string> = {
  string: "字符串",
  number: "数字",
  object: "对象",
  array: "数组",
  boolean: "布尔值",
  undefined: "空",
  null: "null",
};

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, small: boolean) {
  const limit = String(small ? issue.minimum : issue.maximum);
  const op = small ? (issue.inclusive === false ? ">" : "≥") : issue.inclusive === false ? "<" : "≤";
  return `${op} ${limit}`;
}

function translate(issue: z.core.$ZodIssue): { zh: string; en: string } {
  if (Object.hasOwn(MESSAGES, issue.message)) return MESSAGES[issue.message as MessageCode];
  switch (issue.code) {
    case "invalid_type": {
      const expected = String(issue.expected);
      if (issue.message.endsWith("received undefined")) {
        return { zh: "缺少必填项", en: "required" };
      }
      if (expected === "int") return { zh: "须为整数", en: "must be an integer" };
      return { zh: `类型应为${TYPE_ZH[expected] ?? expected}`, en: `must be of type ${expected}` };
    }
    case "too_small":
      if (issue.origin === "array")
        return { zh: `至少 ${issue.minimum} 项`, en: `needs at least ${issue.minimum} item(s)` };
      if (issue.origin === "string") return MESSAGES.blank;
      return { zh: `须 ${bound(issue, true)}`, en: `must be ${bound(issue, true)}` };
    case "too_big":
      if (issue.origin === "array") return { zh: `最多 ${issue.maximum} 项`, en: `at most ${issue.maximum} item(s)` };
      if (issue.origin === "string")
        return { zh: `最长 ${issue.maximum} 字`, en: `at most ${issue.maximum} characters` };
      return { zh: `须 ${bound(issue, false)}`, en: `must be ${bound(issue, false)}` };
    case "unrecognized_keys": {
      const keys = issue.keys.join(", ");
      return { zh: `未知字段：${keys}`, en: `unknown field(s): ${keys}` };
    }
    case "invalid_value": {
      const values = issue.values.map((v) => JSON.stringify(v)).join(" | ");
      return { zh: `取值须为 ${values} 之一`, en: `must be one of ${values}` };
    }
    case "not_multiple_of":
      return { zh: `须为 ${String(issue.divisor)} 的整数倍`, en: `must be a multiple of ${String(issue.divisor)}` };
    case "invalid_union":
      return { zh: "格式不符合任何允许的形式", en: "matches none of the allowed forms" };
    case "custom":
      return { zh: issue.message, en: issue.message };
    default:
      // zod's own wording is English and technical; people importing a scheme read neither.
      return { zh: "取值不符合要求", en: "not an allowed value" };
  }
}

/** Every zod issue becomes one field error; `prefix` places a sub-document's issues in its parent. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): FieldError[] {
  return issues.map((issue) => {
    const { zh, en } = translate(issue);
    return fieldError([...prefix, ...issue.path], zh, en);
  });
}
