import type { SchemeFromChatResult, showScheme } from "../src/app/scheme-chat";
import { localDate } from "../src/domain/dates";
import type { Scheme } from "../src/domain/scheme";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { leadersOnlyCard, problemCard } from "./refusals";
import { schemeCard } from "./scheme";
import { scoreChangeCard } from "./score-change";

/** Characters of the text shown either side of where the JSON went wrong. */
const SNIPPET = 12;

/**
 * JSON.parse's message is English and varies by engine; users get the place
 * it failed, the text around it and the two usual causes, in their language.
 */
export function describeJsonError(json: string, error: unknown, lang: Lang): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  // Engines say "end of JSON input", or give a position at the very end.
  if ((!at && /end of JSON input/i.test(message)) || (at && Number(at[1]) >= json.trimEnd().length)) {
    return t(lang, "JSON 不完整：括号或引号没有闭合。", "The JSON ends too early: a bracket or quote is not closed.");
  }
  const hint = t(
    lang,
    '名称要用英文双引号（"name"），最后一项后面不要加逗号。',
    'Names need double quotes ("name"), and no comma after the last item.',
  );
  if (!at) return `${t(lang, "无法解析这段 JSON。", "This JSON cannot be read.")}${hint}`;
  const pos = Number(at[1]);
  const chars = [...json.slice(0, pos)].length; // position counts UTF-16 units; people count characters
  const around = json.slice(Math.max(0, pos - SNIPPET), pos + SNIPPET);
  return `${t(lang, `第 ${chars + 1} 个字符附近有误：`, `Error near character ${chars + 1}: `)}「${around}」\n${hint}`;
}

/** Who approved the scheme in force: 篇5 line 89, the 考评委员会 (the office) is responsible for it. */
function approvalText(
  a: { kind: "approved"; by: string; at: Date } | { kind: "unapproved" },
  timeZone: string,
  lang: Lang,
): string {
  return a.kind === "approved"
    ? t(
        lang,
        `批准：${a.by}（绩考办）· ${localDate(a.at, timeZone)}`,
        `Approved by ${a.by} · ${localDate(a.at, timeZone)}`,
      )
    : t(
        lang,
        "本版未经绩考办批准（设置时本组织还没有管理员，或在方案审批启用之前）",
        "Not approved by the office (set before there was an admin, or before approval existed)",
      );
}

/** 方案 alone: the scheme in force, with its approval. */
export function schemeShownCard(v: Awaited<ReturnType<typeof showScheme>>, timeZone: string, lang: Lang): Rendered {
  const { inForce, since, approval } = v;
  return schemeCard({
    scheme: inForce.scheme,
    version: inForce.version,
    isDefault: inForce.isDefault,
    ...(since ? { since } : {}),
    ...(approval.kind === "default" ? {} : { approval: approvalText(approval, timeZone, lang) }),
    lang,
  });
}

/** "单位业务 60% / 作风 40%": a scheme's top dimensions and their weights. */
export const schemeWeights = (scheme: Scheme) => scheme.dimensions.map((d) => `${d.name} ${d.weight}%`).join(" / ");

/** The answer to 方案 使用 / 导入: set, proposed to the office, or why not. */
export function schemeChangeReply(r: SchemeFromChatResult, lang: Lang): Rendered {
  switch (r.code) {
    case "not-leader":
      return leadersOnlyCard(lang, "方案");
    case "no-template": {
      const names = r.names.join("、");
      return problemCard(
        lang,
        { zh: "没有这个模板", en: "No such template" },
        t(lang, `模板有：${names}`, `Templates: ${names}`),
        t(lang, "方案 使用 单位干部", "/scheme use 单位干部"),
      );
    }
    case "bad-json":
      return problemCard(
        lang,
        { zh: "JSON 格式不对，方案未保存", en: "Invalid JSON: scheme not saved" },
        describeJsonError(r.text, r.error, lang),
      );
    case "invalid": {
      const lines = r.errors.slice(0, 12).map((e) => `· ${e.path || "(方案)"}：${lang === "en" ? e.en : e.zh}`);
      const more =
        r.errors.length > 12 ? [t(lang, `……另有 ${r.errors.length - 12} 处`, `…and ${r.errors.length - 12} more`)] : [];
      return problemCard(lang, { zh: "方案有误，未保存", en: "Scheme not saved" }, [...lines, ...more].join("\n"));
    }
    case "proposed": {
      const { proposal } = r;
      return noticeCard({
        title: t(lang, `方案申请已提交（第 ${proposal.no} 号）`, `Scheme proposal ${proposal.no} sent`),
        body: t(
          lang,
          `「${proposal.name}」（${schemeWeights(r.scheme)}）已交绩考办（${r.admins.map((a) => a.name || "管理员").join("、")}）审批；批准前本群仍按现行方案计分。`,
          `“${proposal.name}” goes to the office for approval; the scheme in force stays until then.`,
        ),
        colour: "blue",
      });
    }
    case "set":
      return scoreChangeCard({
        kind: "scheme",
        who: "",
        lines: [
          t(
            lang,
            `本群方案：${r.scheme.name}（第 ${r.version} 版）`,
            `Scheme: ${r.scheme.name} (version ${r.version})`,
          ),
          schemeWeights(r.scheme),
          t(
            lang,
            "从本月起按新方案计分；已结束的月份保持原方案。",
            "Scores from this month use it; finished months keep theirs.",
          ),
          ...(r.noOffice
            ? [
                t(
                  lang,
                  "本组织还没有管理员（绩考办），方案直接生效、记为未经批准；设置管理员后，负责人的更改须经其批准。",
                  "No office admin yet: the scheme applies unapproved; once there is one, leaders' changes need approval.",
                ),
              ]
            : []),
        ],
        lang,
      });
  }
}
