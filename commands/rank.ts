import { rankingCards, TOP_N, type RankingRow } from "../cards/ranking";
import { computeMonth } from "../src/app/scores";
import { defineCommand } from "../src/bot/command";
import { currentMonth } from "./guards";
import { monthArg, resolveMonth } from "./month-arg";
import { rankingImage } from "../src/app/images";
import { previousMonth } from "../src/domain/periods";
import { isLeader } from "../src/app/authority";

/** 排名: the group's ranking this month, as the scheme's rankingVisibility allows the viewer. */
export const rankCommand = defineCommand({
  name: "排名",
  aliases: ["排行", "rank", "ranking"],
  summary: {
    zh: "看本群本月排名（公开范围由方案决定；可加「上月」）",
    en: "This month's ranking in the group (what you see depends on the scheme)",
  },
  example: { zh: "排名", en: "/rank" },
  takesText: true,
  args: monthArg,
  async handle(ctx) {
    const month = resolveMonth(ctx.args, currentMonth(ctx));
    const { inForce, result } = await computeMonth(ctx.deps.db, ctx.group, month, ctx.now);
    const all: RankingRow[] = result.members.map((m) => ({
      rank: m.rank,
      name: m.name,
      total: m.total,
      grade: m.grade,
      me: m.id === ctx.member.id,
    }));
    const mine = all.find((r) => r.me);
    const leader = isLeader(ctx.member);
    const visibility = leader ? "leader" : inForce.scheme.rankingVisibility;
    const rows =
      visibility === "leader" || visibility === "full" ? all : visibility === "top" ? all.slice(0, TOP_N) : [];
    // A group too large for one card gets several, in order: everyone's place is shown.
    const cards = rankingCards({
      groupName: ctx.group.name,
      month,
      rows,
      headcount: result.headcount,
      visibility,
      ...(mine && !leader ? { myPlace: mine } : {}),
      lang: ctx.lang,
    });
    // WeChat has no cards: the picture goes first, with the first card's text.
    const image =
      ctx.deps.platform === "wechat" && rows.length ? await pictureOf(ctx, month, result, rows.length) : undefined;
    cards.forEach((rendered, i) => ctx.reply({ ...rendered, ...(image && i === 0 ? { image } : {}) }));
  },
});

type MonthResult = Awaited<ReturnType<typeof computeMonth>>["result"];

/** WeChat shows no cards: the table goes as a picture first (as the monthly broadcast does), with each place's movement. */
async function pictureOf(
  ctx: Parameters<typeof rankCommand.handle>[0],
  month: string,
  result: MonthResult,
  shown: number,
) {
  const earlier = await computeMonth(ctx.deps.db, ctx.group, previousMonth(month), ctx.now);
  const before = new Map(earlier.result.members.map((m) => [m.id, m.rank]));
  return rankingImage({
    groupName: ctx.group.name,
    month,
    headcount: result.headcount,
    average: result.members.reduce((n, m) => n + m.total, 0) / result.members.length,
    rows: result.members.slice(0, shown).map((m) => ({
      rank: m.rank,
      name: m.name,
      total: m.total,
      grade: m.grade,
      movement: before.has(m.id) ? before.get(m.id)! - m.rank : null,
    })),
  });
}
