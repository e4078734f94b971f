import { z } from "zod";
import { noticeCard } from "../cards/notice";
import { t, type Lang } from "../cards/kit";
import { surveyClosedCard, surveyCodesCard, surveyListCard, surveyOpenedCard } from "../cards/survey";
import { dimensionProblemText } from "../cards/survey-lines";
import { resolveTarget } from "./target-arg";
import {
  closeSurvey,
  countVotes,
  findSurvey,
  openSurvey,
  surveyCodeList,
  surveysOf,
  type DimensionProblem,
  type Survey,
} from "../src/app/surveys";
import { defineCommand, type CommandContext } from "../src/bot/command";
import { DEFAULT_CODES, DEFAULT_MIN_SAMPLE, MAX_CODES, surveyResult } from "../src/domain/survey";
import { excerpt } from "../src/domain/text";
import { currentMonth, leadersOnly, problem } from "./guards";

const EXAMPLE = "问卷 开 公众形象 份数 100 最少 30";

type SurveyArgs =
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

const surveyArgs = (lang: Lang) =>
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

function dimensionProblem(ctx: CommandContext<unknown>, query: string, p: DimensionProblem) {
  const hint =
    p.code === "no-public-rater"
      ? '请先在方案的 raters 里加上 public（群众），例如 {"leader":70,"public":30}，再开问卷。'
      : EXAMPLE;
  ctx.reply(
    noticeCard({
      title: t(ctx.lang, "问卷没有开启", "Survey not opened"),
      body: dimensionProblemText(query, p),
      hint,
      colour: "yellow",
    }),
  );
}

/** Where people outside the chat reach the page; without one no link can be given. */
function pageBase(ctx: CommandContext<unknown>): string | undefined {
  return ctx.deps.publicUrl?.replace(/\/+$/, "");
}

async function row(ctx: CommandContext<unknown>, s: Survey) {
  const counts = await countVotes(ctx.deps.db, s);
  return {
    seq: s.seq,
    title: s.title,
    source: s.source,
    status: s.status,
    counts,
    result: surveyResult(counts, s.minSample),
    minSample: s.minSample,
  };
}

/**
 * 问卷: 群众/社会评价 (满意度测评) for a month. A leader opens a survey of one leaf, for one person or
 * the whole group; the group gets the link and the QR code, the leader privately the codes to print.
 * Closing it feeds the result to the leaf as the 群众 rating, with its sample size (src/app/surveys.ts).
 */
export const surveyCommand = defineCommand({
  name: "问卷",
  aliases: ["测评", "满意度", "群众评价", "survey"],
  summary: {
    zh: "群众满意度测评：问卷 开 公众形象 [@某人] [份数 100] [最少 30]；问卷 结束 1；问卷 查看本月",
    en: "Public satisfaction survey: /survey open <dimension> [@someone]; /survey close 1",
  },
  example: { zh: EXAMPLE, en: "/survey open 公众形象" },
  takesText: true,
  args: surveyArgs,
  async handle(ctx) {
    const { db } = ctx.deps;
    const a = ctx.args;
    const month = currentMonth(ctx);
    if (a.kind === "list") {
      // This month's, and any still open from before; a person's own survey is for them and the leaders.
      const list = (await surveysOf(db, ctx.group, [month], { alsoOpen: true })).filter(
        (s) => ctx.member.role === "leader" || s.memberId === null || s.memberId === ctx.member.id,
      );
      ctx.reply(surveyListCard({ month, rows: await Promise.all(list.map((s) => row(ctx, s))) }));
      return;
    }
    if (!leadersOnly(ctx, "问卷")) return;
    if (a.kind === "open") {
      const base = pageBase(ctx);
      if (!base)
        return problem(
          ctx,
          { zh: "还不能开问卷", en: "Survey page not reachable" },
          "问卷页需要一个外部能访问的地址：请管理员设置环境变量 PUBLIC_URL（例如 https://bot.example.org）。",
        );
      let member = null;
      if (a.name !== null) {
        const found = await resolveTarget(db, ctx.group, a.name, ctx.update.mentions, ctx.lang);
        if (!found.ok) return problem(ctx, { zh: "找不到这个人", en: "Unknown person" }, found.problem, EXAMPLE);
        member = found.member;
      }
      const opened = await openSurvey(db, {
        group: ctx.group,
        month,
        dimension: a.dimension,
        member,
        codes: a.codes,
        minSample: a.minSample,
        by: ctx.update.senderId,
        now: ctx.now,
      });
      if (opened.code === "already-open")
        return problem(
          ctx,
          { zh: "已有进行中的问卷", en: "Already open" },
          `问卷${opened.seq} 正在测评同一项，请先发「问卷 结束 ${opened.seq}」。`,
        );
      if (opened.code !== "ok") return dimensionProblem(ctx, a.dimension, opened);
      const s = opened.survey;
      ctx.work.write(...opened.writes);
      const pageUrl = `${base}/survey/${s.publicKey}`;
      ctx.reply(
        surveyOpenedCard({
          seq: s.seq,
          title: s.title,
          month,
          minSample: s.minSample,
          codes: opened.codes.length,
          pageUrl,
          posterUrl: `${pageUrl}/qr`,
        }),
      );
      ctx.work.send(
        { type: "open_id", id: ctx.update.senderId },
        surveyCodesCard({
          seq: s.seq,
          title: s.title,
          codes: opened.codes.length,
          slipsUrl: `${pageUrl}/slips?k=${s.printKey}`,
        }),
      );
      return;
    }
    const s = await findSurvey(db, ctx.group, a.seq);
    if (!s || (a.kind === "codes" && s.source !== "page"))
      return problem(
        ctx,
        { zh: "没有这份问卷", en: "No such survey" },
        `本群没有问卷${a.seq}。发「问卷」查看本月的问卷。`,
      );
    if (a.kind === "codes") {
      const base = pageBase(ctx);
      if (!base) return problem(ctx, { zh: "没有问卷页地址", en: "No PUBLIC_URL" }, "请管理员设置 PUBLIC_URL。");
      ctx.work.send(
        { type: "open_id", id: ctx.update.senderId },
        surveyCodesCard({
          seq: s.seq,
          title: s.title,
          codes: (await surveyCodeList(db, s)).length,
          slipsUrl: `${base}/survey/${s.publicKey}/slips?k=${s.printKey}`,
        }),
      );
      ctx.reply(
        noticeCard({
          title: t(ctx.lang, "已私信发送", "Sent privately"),
          body: `问卷${s.seq} 的答题码打印页已私信发给你。`,
        }),
      );
      return;
    }
    const closed = await closeSurvey(db, { survey: s, by: ctx.update.senderId, now: ctx.now });
    if (closed.code === "already-closed")
      return problem(
        ctx,
        { zh: "问卷已结束", en: "Already closed" },
        `问卷${s.seq} 已经结束，结果已计入。发「问卷」查看。`,
      );
    ctx.work.write(...closed.writes);
    ctx.reply(
      surveyClosedCard({
        seq: s.seq,
        title: s.title,
        counts: closed.counts,
        result: closed.result,
        minSample: s.minSample,
        covered: closed.covered,
      }),
    );
  },
});
