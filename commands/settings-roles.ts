import { t } from "../cards/kit";
import { noticeCard } from "../cards/notice";
import {
  addAdminWrites,
  groupLeaders,
  isAdmin,
  listAdmins,
  removeAdminWrites,
  setLeaderWrites,
} from "../src/app/roles";
import { displayName } from "../src/app/scores";
import { resolveTargets } from "../src/app/targets";
import type { CommandContext } from "../src/bot/command";
import { problem } from "./guards";
import { firstAdminWrites, isLeader } from "../src/app/authority";

/** 设置 管理员 @某人 · 设置 负责人 @某人 · 设置 取消管理员/取消负责人 @某人. */
export interface RoleSetting {
  kind: "role";
  role: "admin" | "leader";
  add: boolean;
  names: string[];
}

export const ROLE_WORDS: Record<string, { role: RoleSetting["role"]; add: boolean }> = {
  管理员: { role: "admin", add: true },
  负责人: { role: "leader", add: true },
  取消管理员: { role: "admin", add: false },
  撤销管理员: { role: "admin", add: false },
  取消负责人: { role: "leader", add: false },
  撤销负责人: { role: "leader", add: false },
};

const EXAMPLE = "设置 负责人 @张三";

/**
 * The first person to configure the bot in a tenant becomes its admin: a
 * leader (a group owner, at first) using 设置 while the tenant has none.
 * Returns the line to tell them, or null when nothing changed.
 */
export async function claimFirstAdmin(ctx: CommandContext<unknown>): Promise<string | null> {
  const writes = await firstAdminWrites(ctx.deps.db, {
    group: ctx.group,
    member: ctx.member,
    by: ctx.update.senderId,
    now: ctx.now,
  });
  if (!writes) return null;
  ctx.work.write(...writes);
  return t(
    ctx.lang,
    "你是第一位配置机器人的人，已成为本组织的管理员（绩考办）。",
    "You are the first to configure the bot: you are now this organisation's admin.",
  );
}

export async function roleSetting(ctx: CommandContext<RoleSetting>): Promise<void> {
  const { db } = ctx.deps;
  const { role, add, names } = ctx.args;
  const first = await claimFirstAdmin(ctx);
  const admin = first !== null || (await isAdmin(db, ctx.group, ctx.update.senderId));
  // Admins appoint admins; leaders of this group (or admins) appoint its leaders.
  const allowed = role === "admin" ? admin : admin || isLeader(ctx.member);
  if (!allowed) {
    const body =
      role === "admin"
        ? t(ctx.lang, "只有管理员（绩考办）可以任免管理员。", "Only an admin can appoint or remove admins.")
        : t(
            ctx.lang,
            "只有本群负责人或管理员（绩考办）可以任免负责人。",
            "Only this group's leaders or an admin can appoint or remove leaders.",
          );
    ctx.reply(noticeCard({ title: t(ctx.lang, "没有权限", "Not allowed"), body, colour: "yellow" }));
    return;
  }
  const found = await resolveTargets(db, ctx.group, names, ctx.update.mentions, ctx.lang);
  if (!found.ok) return problem(ctx, { zh: "找不到这个人", en: "Who?" }, found.problem, EXAMPLE);
  const people = found.members;
  const who = people.map(displayName).join(t(ctx.lang, "、", ", "));

  if (role === "admin") {
    if (!add) {
      const admins = await listAdmins(db, ctx.group);
      const staying = admins.filter((a) => !people.some((p) => p.userId === a.userId));
      if (staying.length === 0) {
        return problem(
          ctx,
          { zh: "至少保留一位管理员", en: "Keep one admin" },
          t(
            ctx.lang,
            "本组织至少要有一位管理员，请先设置另一位。",
            "The organisation needs at least one admin; appoint another first.",
          ),
        );
      }
    }
    for (const p of people) {
      const target = { userId: p.userId, name: displayName(p) };
      ctx.work.write(
        ...(add
          ? addAdminWrites(db, { group: ctx.group, by: ctx.update.senderId, target, now: ctx.now })
          : removeAdminWrites(db, { group: ctx.group, by: ctx.update.senderId, target, now: ctx.now })),
      );
    }
    const said = add
      ? t(ctx.lang, `${who} 现在是管理员（绩考办），可管理本组织的所有群。`, `${who} now admin of the organisation.`)
      : t(ctx.lang, `${who} 不再是管理员。`, `${who} no longer admin.`);
    ctx.reply(
      noticeCard({
        title: t(ctx.lang, "已设置", "Saved"),
        body: [first, said].filter(Boolean).join("\n"),
        colour: "green",
      }),
    );
    return;
  }

  if (!add) {
    const leaders = await groupLeaders(db, ctx.group);
    if (leaders.every((l) => people.some((p) => p.id === l.id))) {
      return problem(
        ctx,
        { zh: "至少保留一位负责人", en: "Keep one leader" },
        t(
          ctx.lang,
          "本群至少要有一位负责人（审批申报、评分），请先设置另一位。",
          "The group needs at least one leader; appoint another first.",
        ),
      );
    }
  }
  for (const p of people)
    ctx.work.write(
      ...setLeaderWrites(db, { group: ctx.group, by: ctx.update.senderId, target: p, leader: add, now: ctx.now }),
    );
  const said = add
    ? t(ctx.lang, `${who} 现在是本群负责人。`, `${who} now leader(s) of this group.`)
    : t(ctx.lang, `${who} 不再是本群负责人，改为普通成员。`, `${who} now staff.`);
  ctx.reply(
    noticeCard({
      title: t(ctx.lang, "已设置", "Saved"),
      body: [first, said].filter(Boolean).join("\n"),
      colour: "green",
    }),
  );
}
