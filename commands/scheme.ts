import { z } from "zod";
import { t, type Lang } from "../cards/kit";
import { schemeCard, templatesCard } from "../cards/scheme";
import { scoreChangeCard } from "../cards/score-change";
import { approvalOf, changeScheme, findTemplate, schemeInForce } from "../src/app/schemes";
import { isAdmin } from "../src/app/roles";
import { noticeCard } from "../cards/notice";
import { schemeProposalCard } from "../cards/scheme-proposal";
import { defineCommand } from "../src/bot/command";
import { localDate } from "../src/domain/dates";
import { schemeTemplates } from "../src/domain/scheme";
import { leadersOnly, problem } from "./guards";

type SchemeArgs =
  | { kind: "show" }
  | { kind: "templates" }
  | { kind: "use"; name: string }
  | { kind: "import"; json: string };

const schemeArgs = (lang: Lang) =>
  z.string().transform((text, ctx): SchemeArgs => {
    const s = text.trim();
    if (s === "") return { kind: "show" };
    const [word = ""] = s.split(/\s+/u);
    const tail = s.slice(word.length).trim();
    if (["模板", "templates", "template"].includes(word.toLowerCase())) return { kind: "templates" };
    if (["使用", "use"].includes(word.toLowerCase()) && tail) return { kind: "use", name: tail };
    if (["导入", "import"].includes(word.toLowerCase()) && tail) return { kind: "import", json: tail };
    if (s.startsWith("{")) return { kind: "import", json: s };
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

/** Phones turn quotes curly; JSON needs them straight. */
function straightenQuotes(json: string): string {
  return json
    .replace(/[“”＂]/gu, '"')
    .replace(/[‘’]/gu, "'")
    .replace(/：/gu, ":")
    .replace(/，/gu, ",");
}

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

/** 方案: show the group's appraisal scheme; leaders choose a template or import their own. */
export const schemeCommand = defineCommand({
  name: "方案",
  aliases: ["考核方案", "scheme"],
  summary: {
    zh: "看本群的考核方案；负责人可「方案 模板」「方案 使用 名称」「方案 导入 {JSON}」",
    en: "The group's scheme; leaders: templates, use <name>, import {JSON}",
  },
  example: { zh: "方案 使用 单位干部", en: "/scheme use 单位干部" },
  takesText: true,
  args: schemeArgs,
  async handle(ctx) {
    const { db } = ctx.deps;
    const { lang } = ctx;
    if (ctx.args.kind === "show") {
      const inForce = await schemeInForce(db, ctx.group.id);
      const since = inForce.createdAt ? localDate(inForce.createdAt, ctx.group.timezone) : undefined;
      const approval = await approvalOf(db, ctx.group, inForce);
      ctx.reply(
        schemeCard({
          scheme: inForce.scheme,
          version: inForce.version,
          isDefault: inForce.isDefault,
          ...(since ? { since } : {}),
          ...(approval.kind === "default" ? {} : { approval: approvalText(approval, ctx.group.timezone, lang) }),
          lang,
        }),
      );
      return;
    }
    if (ctx.args.kind === "templates") {
      ctx.reply(templatesCard(schemeTemplates, lang));
      return;
    }
    // Staff are refused before their text is read; an admin who is not a leader here may still set it.
    if (ctx.member.role !== "leader" && !(await isAdmin(db, ctx.group, ctx.update.senderId)))
      return void leadersOnly(ctx, "方案");
    let json: unknown;
    let source: string;
    if (ctx.args.kind === "use") {
      const template = findTemplate(ctx.args.name);
      if (!template) {
        const names = schemeTemplates.map((x) => x.name).join("、");
        return problem(
          ctx,
          { zh: "没有这个模板", en: "No such template" },
          t(lang, `模板有：${names}`, `Templates: ${names}`),
          t(lang, "方案 使用 单位干部", "/scheme use 单位干部"),
        );
      }
      json = template.scheme;
      source = `template:${template.id}`;
    } else {
      const straightened = straightenQuotes(ctx.args.json);
      try {
        json = JSON.parse(straightened);
      } catch (error) {
        return problem(
          ctx,
          { zh: "JSON 格式不对，方案未保存", en: "Invalid JSON: scheme not saved" },
          describeJsonError(straightened, error, lang),
        );
      }
      source = "import";
    }
    const change = await changeScheme(db, { group: ctx.group, member: ctx.member, json, source, now: ctx.now });
    if (!change.ok && change.code === "not-leader") return void leadersOnly(ctx, "方案");
    if (!change.ok) {
      const lines = change.errors.slice(0, 12).map((e) => `· ${e.path || "(方案)"}：${lang === "en" ? e.en : e.zh}`);
      const more =
        change.errors.length > 12
          ? [t(lang, `……另有 ${change.errors.length - 12} 处`, `…and ${change.errors.length - 12} more`)]
          : [];
      return problem(ctx, { zh: "方案有误，未保存", en: "Scheme not saved" }, [...lines, ...more].join("\n"));
    }
    ctx.work.write(...change.writes);
    const weights = change.scheme.dimensions.map((d) => `${d.name} ${d.weight}%`).join(" / ");
    if (change.code === "proposed") {
      const { proposal } = change;
      for (const admin of change.admins)
        ctx.work.send(
          { type: "open_id", id: admin.userId },
          schemeProposalCard({
            proposalId: proposal.id,
            no: proposal.no,
            groupName: ctx.group.name || ctx.group.chatId,
            proposer: ctx.member.name || ctx.update.senderId.slice(-4),
            schemeName: proposal.name,
            weights,
            state: { kind: "pending" },
            lang: "zh",
          }),
          `scheme-proposal:${proposal.id}:${admin.userId}`,
        );
      ctx.reply(
        noticeCard({
          title: t(lang, `方案申请已提交（第 ${proposal.no} 号）`, `Scheme proposal ${proposal.no} sent`),
          body: t(
            lang,
            `「${proposal.name}」（${weights}）已交绩考办（${change.admins.map((a) => a.name || "管理员").join("、")}）审批；批准前本群仍按现行方案计分。`,
            `“${proposal.name}” goes to the office for approval; the scheme in force stays until then.`,
          ),
          colour: "blue",
        }),
      );
      return;
    }
    ctx.reply(
      scoreChangeCard({
        kind: "scheme",
        who: "",
        lines: [
          t(
            lang,
            `本群方案：${change.scheme.name}（第 ${change.version} 版）`,
            `Scheme: ${change.scheme.name} (version ${change.version})`,
          ),
          weights,
          t(
            lang,
            "从本月起按新方案计分；已结束的月份保持原方案。",
            "Scores from this month use it; finished months keep theirs.",
          ),
          ...(change.noOffice
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
      }),
    );
  },
});
