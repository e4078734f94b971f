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
    case "unit_scored":
      return plainNotice({
        title: t(lang, "部门绩效取单位得分", "The unit's score is used"),
        body: [first, unitScoredBody(r, ctx.groupName, lang)].filter(Boolean).join("\n"),
        hint: t(lang, "例：单位评分 指标名 90（发「单位方案」看各项指标）", "e.g. 单位评分 <item> 90"),
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

/** Why a typed 部门绩效 is not taken: the group's month is appraised as a unit, and what counts instead. */
function unitScoredBody(
  r: { month: string; unitScheme: string; unitScore: number | null; rated: number; leaves: number },
  group: string,
  lang: Lang,
): string {
  const who = group || "本群";
  const now =
    r.unitScore === null
      ? `单位尚未评完（已评 ${r.rated}/${r.leaves} 项），评完后以单位得分为部门绩效`
      : `部门绩效取单位得分 ${r.unitScore.toFixed(2)} 分`;
  return t(
    lang,
    `${who} ${r.month} 按单位方案考核（${r.unitScheme}），${now}；输入的分数未保存。要改部门绩效，请用「单位评分」改单位各项得分。`,
    `${who} is appraised as a unit (${r.unitScheme}) in ${r.month}: its department score is the unit's score` +
      `${r.unitScore === null ? ` once fully rated (${r.rated}/${r.leaves} items so far)` : ` (${r.unitScore.toFixed(2)})`}; nothing was saved. Use 单位评分 to change it.`,
  );
}
