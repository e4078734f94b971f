import { t, type Lang } from "./kit";

/** The refusal when someone may not appoint this role. */
export function roleNotAllowedBody(role: "admin" | "leader", lang: Lang): string {
  return role === "admin"
    ? t(lang, "只有管理员（绩考办）可以任免管理员。", "Only an admin can appoint or remove admins.")
    : t(
        lang,
        "只有本群负责人或管理员（绩考办）可以任免负责人。",
        "Only this group's leaders or an admin can appoint or remove leaders.",
      );
}

/** Why the last admin or leader cannot go: a problem's title and body. */
export function lastRoleProblem(
  code: "last_admin" | "last_leader",
  lang: Lang,
): { title: { zh: string; en: string }; body: string } {
  return code === "last_admin"
    ? {
        title: { zh: "至少保留一位管理员", en: "Keep one admin" },
        body: t(
          lang,
          "本组织至少要有一位管理员，请先设置另一位。",
          "The organisation needs at least one admin; appoint another first.",
        ),
      }
    : {
        title: { zh: "至少保留一位负责人", en: "Keep one leader" },
        body: t(
          lang,
          "本群至少要有一位负责人（审批申报、评分），请先设置另一位。",
          "The group needs at least one leader; appoint another first.",
        ),
      };
}

/** What changed, naming the people ("张三、李四"). */
export function roleChangedLine(role: "admin" | "leader", add: boolean, who: string, lang: Lang): string {
  if (role === "admin")
    return add
      ? t(lang, `${who} 现在是管理员（绩考办），可管理本组织的所有群。`, `${who} now admin of the organisation.`)
      : t(lang, `${who} 不再是管理员。`, `${who} no longer admin.`);
  return add
    ? t(lang, `${who} 现在是本群负责人。`, `${who} now leader(s) of this group.`)
    : t(lang, `${who} 不再是本群负责人，改为普通成员。`, `${who} now staff.`);
}
