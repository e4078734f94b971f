import { targetProblemsText } from "./targets";
import type { ApplySettingResult } from "../src/app/setting-apply";
import { displayName } from "../src/domain/names";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { firstAdminLine, leadersOnlyCard, officeOnlyCard, plainNotice, problemCard } from "./refusals";
import { lastRoleProblem, roleChangedLine, roleNotAllowedBody } from "./role-change";
import { datesRefusalCard, settingSavedCard, settingSavedLine } from "./settings";

/**
 * 设置's answer to each code of applySetting. `dateProblem` is the reply's body when the
 * calendar dates typed were no dates (read by the command's grammar, which says why).
 */
export function settingReply(
  r: ApplySettingResult,
  ctx: { lang: Lang; groupName: string; dateProblem?: string },
): Rendered {
  const { lang } = ctx;
  const first = r.first ? firstAdminLine(lang) : null;
  switch (r.code) {
    case "leaders_only":
      return leadersOnlyCard(lang, "设置");
    case "office_only":
      return officeOnlyCard(lang, "设置 部门绩效");
    case "not_allowed":
      return noticeCard({
        title: t(lang, "没有权限", "Not allowed"),
        body: roleNotAllowedBody(r.role, lang),
        colour: "yellow",
      });
    case "no_target":
      return problemCard(
        lang,
        { zh: "找不到这个人", en: "Who?" },
        targetProblemsText(r.problems, lang),
        "设置 负责人 @张三",
      );
    case "last_admin":
    case "last_leader": {
      const p = lastRoleProblem(r.code, lang);
      return problemCard(lang, p.title, p.body);
    }
    case "unread_dates":
      return plainNotice({
        title: t(lang, "看不懂日期", "Unclear dates"),
        body: ctx.dateProblem ?? "",
        hint: t(lang, "例：设置 放假 2026-12-31", "e.g. /settings 放假 2026-12-31"),
        colour: "yellow",
      });
    case "year_out_of_range":
    case "too_many_dates":
      return datesRefusalCard(r, lang);
    case "saved":
      if (r.kind === "group") return settingSavedCard([first, settingSavedLine(r.change, lang)], lang);
      if (r.kind === "role") {
        const who = r.people.map(displayName).join(t(lang, "、", ", "));
        return settingSavedCard([first, roleChangedLine(r.role.role, r.role.add, who, lang)], lang);
      }
      return settingSavedCard([first, departmentScoreLine(r, ctx.groupName, lang)], lang);
  }
}

/** What the office's department score now is, and what it does when the scheme calibrates by it. */
function departmentScoreLine(r: { month: string; score: number; previous: number | null }, group: string, lang: Lang) {
  const { month, score, previous } = r;
  return t(
    lang,
    `${group || "本群"} ${month} 的部门绩效：${score} 分${previous === null ? "" : `（原为 ${previous}）`}。方案开启部门绩效校正时，本群每人总分按「部门绩效 ÷ 本群平均分」校正后参加全员排名。`,
    `Department score for ${month}: ${score}${previous === null ? "" : ` (was ${previous})`}.`,
  );
}
