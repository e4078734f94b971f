/**
 * The survey page (群众/社会评价, issue 14 item 2), served by the same Hono app on Node and on Workers:
 *   GET  /survey/:key           the question (with ?c=<code> from a slip's QR code, the code filled in)
 *   POST /survey/:key           an answer, as a plain HTML form posts it (works without JavaScript)
 *   GET  /survey/:key/qr        a poster with the page's QR code
 *   GET  /survey/:key/slips     printable slips, one per code (?k=<print key>, &p=<page>)
 * Every answer is in Chinese; bad input gets the form back with what to fix, never a 500.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { Logger } from "../bot/deps";
import type { Database } from "../db/database";
import type { Survey } from "../db/schema";
import { CHOICE_KEYS, CODE_PATTERN, normaliseCode } from "../domain/survey";
import { answerSurvey, codeState, surveyByKey, surveyCodeList } from "../app/surveys";
import { formPage, MAX_COMMENT_CHARS, messagePage, posterPage, slipsPage } from "./survey-html";

/** A form with a 200-character comment is well under 4 KB; more is not our form. */
const MAX_FORM_BYTES = 8 * 1024;
/** Slips per printed page: each carries an inline QR code, so a page stays a few hundred KB. */
const SLIPS_PER_PAGE = 60;
const KEY_PATTERN = /^[0-9a-f]{32}$/;

/** Codes arrive as typed ("abcde-23456 "), so they are normalised before the pattern is checked. */
const codeField = z
  .string({ error: "请填写答题码" })
  .transform(normaliseCode)
  .refine((c) => c.length > 0, { message: "请填写答题码" })
  .refine((c) => CODE_PATTERN.test(c), { message: "答题码应为 10 位字母和数字（纸条上的码），请核对后重填" });

const AnswerForm = z.object({
  code: codeField,
  choice: z.enum(CHOICE_KEYS, { error: "请选择满意、基本满意或不满意中的一项" }),
  comment: z
    .string()
    .default("")
    .transform((s) => s.trim())
    .refine((s) => [...s].length <= MAX_COMMENT_CHARS, { message: `意见最多 ${MAX_COMMENT_CHARS} 字，请精简后再提交` }),
});

export interface SurveyRoutesOptions {
  db: Database;
  log: Logger;
  now: () => number;
  /** The address people reach the bot at (PUBLIC_URL); otherwise the request's own origin. */
  publicUrl?: string;
}

/** Pages hold codes in their addresses: no referrer to other sites, not cached, not indexed, no script. */
function secure(c: Context) {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Robots-Tag", "noindex");
  c.header("X-Content-Type-Options", "nosniff");
  c.header(
    "Content-Security-Policy",
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; " +
      "base-uri 'none'; frame-ancestors 'none'",
  );
}

const notFound = () =>
  messagePage("问卷不存在", "找不到这份问卷", "链接不完整或有误。请重新扫码，或向发放答题码的工作人员确认。");
const closedPage = (s: Survey) =>
  messagePage("问卷已结束", "问卷已结束", `「${s.title}」的测评已经结束，不再接受作答。感谢您的关注。`);

export function surveyRoutes(opts: SurveyRoutesOptions) {
  const app = new Hono();
  const base = (c: Context) => (opts.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, "");
  const pageUrl = (c: Context, s: Survey) => `${base(c)}/survey/${s.publicKey}`;

  app.use("*", async (c, next) => {
    await next();
    secure(c);
  });

  /** A page survey by its key; anything else (an imported tally, a mistyped key) is not found. */
  async function load(key: string): Promise<Survey | undefined> {
    if (!KEY_PATTERN.test(key)) return undefined;
    const s = await surveyByKey(opts.db, key);
    return s?.source === "page" ? s : undefined;
  }

  app.get("/:key", async (c) => {
    const s = await load(c.req.param("key"));
    if (!s) return c.html(notFound(), 404);
    if (s.status !== "open") return c.html(closedPage(s), 410);
    const action = `/survey/${s.publicKey}`;
    const typed = c.req.query("c");
    if (typed === undefined) return c.html(formPage({ title: s.title, month: s.period, action }));
    const code = normaliseCode(typed);
    const state = CODE_PATTERN.test(code) ? await codeState(opts.db, s, code) : "unknown";
    if (state === "used")
      return c.html(messagePage("已作答", "这个答题码已经作答", "每个答题码只能提交一次，您的回答已记录。"), 409);
    if (state === "unknown")
      return c.html(
        formPage({ title: s.title, month: s.period, action, error: "链接里的答题码不对，请输入纸条上的答题码。" }),
        400,
      );
    return c.html(formPage({ title: s.title, month: s.period, action, code, codeFromLink: true }));
  });

  app.post(
    "/:key",
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) => c.html(messagePage("提交失败", "提交的内容太长", "请精简意见后重新提交。"), 413),
    }),
    async (c) => {
      const s = await load(c.req.param("key"));
      if (!s) return c.html(notFound(), 404);
      if (s.status !== "open") return c.html(closedPage(s), 410);
      const action = `/survey/${s.publicKey}`;
      let raw: Record<string, unknown>;
      try {
        raw = (await c.req.parseBody()) as Record<string, unknown>;
      } catch {
        raw = {};
      }
      const text = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
      const parsed = AnswerForm.safeParse({ code: text("code"), choice: text("choice"), comment: text("comment") });
      const again = (error: string, status: 400 | 409) =>
        c.html(
          formPage({
            title: s.title,
            month: s.period,
            action,
            error,
            code: text("code") ?? "",
            comment: (text("comment") ?? "").slice(0, MAX_COMMENT_CHARS * 2),
            ...(CHOICE_KEYS.includes(text("choice") as never) ? { choice: text("choice") as never } : {}),
          }),
          status,
        );
      if (!parsed.success) return again(parsed.error.issues[0]?.message ?? "提交的内容不完整，请检查后重新提交", 400);
      const { code, choice, comment } = parsed.data;
      const outcome = await answerSurvey(opts.db, {
        publicKey: s.publicKey,
        code,
        choice,
        comment: comment || null,
        now: new Date(opts.now()),
      });
      switch (outcome) {
        case "ok":
          return c.html(messagePage("提交成功", "提交成功，谢谢您！", "您的评价已记录。本页可以关闭。", true));
        case "used-code":
          return c.html(messagePage("已作答", "这个答题码已经作答", "每个答题码只能提交一次，这次提交没有计入。"), 409);
        case "unknown-code":
          return again("没有这个答题码，请核对纸条上的 10 位码后重填。", 400);
        case "closed":
          return c.html(closedPage(s), 410);
        case "no-survey":
          return c.html(notFound(), 404);
      }
    },
  );

  app.get("/:key/qr", async (c) => {
    const s = await load(c.req.param("key"));
    if (!s) return c.html(notFound(), 404);
    return c.html(posterPage({ title: s.title, month: s.period, url: pageUrl(c, s) }));
  });

  app.get("/:key/slips", async (c) => {
    const s = await load(c.req.param("key"));
    if (!s) return c.html(notFound(), 404);
    if (c.req.query("k") !== s.printKey)
      return c.html(messagePage("无权查看", "无权查看答题码", "答题码打印页只发给开启问卷的负责人。"), 403);
    const codes = await surveyCodeList(opts.db, s);
    const pages = Math.max(1, Math.ceil(codes.length / SLIPS_PER_PAGE));
    const asked = Number(c.req.query("p") ?? "1");
    const pageNo = Number.isInteger(asked) && asked >= 1 && asked <= pages ? asked : 1;
    const shown = codes.slice((pageNo - 1) * SLIPS_PER_PAGE, pageNo * SLIPS_PER_PAGE);
    return c.html(
      slipsPage({
        title: s.title,
        month: s.period,
        slips: shown.map((x) => ({ ...x, url: `${pageUrl(c, s)}?c=${x.code}` })),
        total: codes.length,
        used: codes.filter((x) => x.used).length,
        pageNo,
        pages,
        pageLink: (n) => `/survey/${s.publicKey}/slips?k=${s.printKey}&p=${n}`,
      }),
    );
  });

  // Any other address under /survey: the same Chinese page as a wrong key, not a bare 404.
  app.all("*", (c) => c.html(notFound(), 404));

  // A database that does not answer: say so in Chinese, and log it; never a bare 500.
  app.onError((error, c) => {
    opts.log.error("survey page failed", { path: c.req.path, error: String(error) });
    secure(c);
    return c.html(messagePage("暂时无法访问", "暂时无法处理", "服务器暂时繁忙，请稍后刷新重试。"), 503);
  });

  return app;
}
