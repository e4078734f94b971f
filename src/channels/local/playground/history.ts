import type { WorkCalendar } from "../../../domain/calendar";
import { addDays, firstDayOfMonth, localDate, monthOf, startOfLocalDay, type IsoDate } from "../../../domain/dates";
import { previousMonth, quarterOf } from "../../../domain/periods";
import { DEMO_GROUPS, DEMO_OFFICE, demoTargetMessages, type DemoGroup, type DemoPerson } from "../demo";
import type { ChoiceKey } from "../../../domain/survey";
import { surveySteps } from "./history-surveys";
import { unitSteps } from "./history-units";

/**
 * A month of plausible history for the demo organisation, as the chat
 * messages that would have made it: daily records (about a third said in the
 * group, the rest in private chat), the leaders' ratings at month end, a few
 * adjustments and an award in the group, last month's ranking asked for in
 * each group on the new month's first workday, and claims still waiting for
 * a leader. Pure: the same day gives the
 * same history. On its first day the office gets its role and sets each
 * group a target for the quarter, which records tagged "#目标1" count toward.
 */
export interface DemoStep {
  at: Date;
  from: DemoPerson;
  group: DemoGroup;
  /**
   * group: @mentions the bot in the group chat; p2p: the person's private chat with the bot; page: someone served
   * answers `from`'s open survey on the survey page with the next printed code (`text` only describes it).
   */
  where: "group" | "p2p" | "page";
  text: string;
  /** The survey page's answer, on a "page" step. */
  answer?: { choice: ChoiceKey; comment?: string };
  /** People @mentioned by name in `text`. */
  mentions?: DemoPerson[];
}

/** Work each demo group records, by group name. */
const RECORDS: Record<string, string[]> = {
  示范单位·综合办公室: [
    "完成季度报表初稿，报送分管领导审阅",
    "整理周例会会议纪要，印发各科室",
    "起草年终工作总结提纲",
    "办理来文 12 件，分送相关科室并跟踪回复",
    "协助筹备全体干部大会，布置会场、核对名单",
    "更新档案室目录，完成上年度文书归档",
    "核对办公用品台账，补充采购打印耗材",
    "接待来访群众 2 批次，记录诉求并转办",
    "督办重点工作事项 7 项，更新进度表",
    "编写政务信息 2 篇，上报 1 篇被采用 #目标1 +2",
    "参加联村走访，入户 6 户了解需求",
    "校对党建宣传材料并送印",
  ],
  示范单位·业务一科: [
    "审核项目申报材料 5 份，退回补正 2 份",
    "走访辖区企业 3 家，收集问题清单 #目标1 +3",
    "录入统计数据，完成月报并上报",
    "参加市局业务培训（线上），整理学习笔记",
    "召开业务协调会，形成会议纪要",
    "整理项目资金拨付台账，核对凭证",
    "现场核查安全生产隐患整改 2 处",
    "答复企业咨询电话 9 个，登记办理情况",
    "撰写专题调研报告第二部分",
    "联村入户走访，协助村里核对低保名单",
    "复核上月报表差错并更正",
    "准备迎检材料目录，分工到人",
  ],
};

/** Each person's usual level, so the ranking has a shape. */
const LEVEL: Record<string, number> = {
  张三: 91,
  李四: 86,
  王五: 89,
  赵六: 80,
  刘洋: 92,
  孙丽: 87,
  周杰: 83,
  吴敏: 89,
};
const DIMENSIONS = ["联村", "业务", "作风"] as const;
const COMMENTS = ["工作扎实，材料报送及时", "主动担当，完成质量高", "态度认真，细节还需加强", "配合默契，按时完成任务"];

/** A small stable hash: the history must not change from one start to the next. */
function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

export function demoHistory(now: Date, timeZone: string, calendar: WorkCalendar): DemoStep[] {
  const today = localDate(now, timeZone);
  const at = (date: IsoDate, hhmm: string) => {
    const [h, m] = hhmm.split(":").map(Number) as [number, number];
    return new Date(startOfLocalDay(date, timeZone).getTime() + (h * 60 + m) * 60_000);
  };
  // A month back: the whole previous month early in a month, else the last 30 days.
  const start = Number(today.slice(8)) <= 10 ? firstDayOfMonth(previousMonth(monthOf(today))) : addDays(today, -30);
  const workdays: IsoDate[] = [];
  for (let d = start; d < today; d = addDays(d, 1)) if (calendar.isWorkday(d)) workdays.push(d);
  const steps: DemoStep[] = [];
  const [g1, g2] = DEMO_GROUPS as [DemoGroup, DemoGroup];

  // The appraisal office: 李主任, the first to configure the bot, becomes its 管理员 and appoints
  // 王老师 of the 考核办, who takes over and sets each group a target for the history's quarter.
  const [first, last] = [workdays[0], workdays.at(-1)];
  if (first && last) {
    const quarter = quarterOf(monthOf(last));
    const say = (from: DemoPerson, group: DemoGroup, hhmm: string, text: string, mentions?: DemoPerson[]) =>
      steps.push({ at: at(first, hhmm), from, group, where: "group", text, ...(mentions ? { mentions } : {}) });
    say(g1.owner, g1, "09:00", `设置 管理员 @${DEMO_OFFICE.name}`, [DEMO_OFFICE]);
    say(DEMO_OFFICE, g1, "09:05", `设置 取消管理员 @${g1.owner.name}`, [g1.owner]);
    say(DEMO_OFFICE, g1, "09:10", `目标 业务 编写政务信息 20 篇 ${quarter}`);
    say(DEMO_OFFICE, g2, "09:15", `目标 业务 走访辖区企业 40 家 ${quarter}`);
    // Issue 14 item 1: 业务一科's 单位业务 scores by that target, its 目标计划书 approved (demo.ts).
    const bound = demoTargetMessages(quarter);
    say(DEMO_OFFICE, g2, "09:12", bound.before);
    say(DEMO_OFFICE, g2, "09:20", bound.after);
  }

  for (const [i, date] of workdays.entries()) {
    for (const group of DEMO_GROUPS) {
      const pool = RECORDS[group.name] ?? RECORDS["示范单位·综合办公室"]!;
      // One starting point per day, each person three sentences further on: with four people and twelve
      // sentences, no two colleagues write the same one on the same day.
      const dayBase = hash(`${date}:${group.chatId}`) % pool.length;
      for (const [j, person] of group.members.entries()) {
        const h = hash(`${date}:${person.openId}`);
        if (h % 10 === 0) continue; // about one day in ten without a record
        const text = pool[(dayBase + j * 3) % pool.length]!;
        // Some say it in the group (so the group shows the month's work), most write to the bot privately.
        const inGroup = (h >>> 12) % 3 === 0;
        steps.push({
          at: at(date, `17:${String(5 + j * 7).padStart(2, "0")}`),
          from: person,
          group,
          where: inGroup ? "group" : "p2p",
          text: inGroup ? `日报 ${text}` : text,
        });
      }
    }
    // Adjustments and an award, a third of the way in.
    if (i === Math.floor(workdays.length / 3)) {
      const adjust = (group: DemoGroup, who: DemoPerson, text: string, hhmm: string) =>
        steps.push({
          at: at(date, hhmm),
          from: group.owner,
          group,
          where: "group",
          text: text.replace("$", `@${who.name}`),
          mentions: [who],
        });
      adjust(g1, g1.members[2]!, "加分 $ 联村 2 牵头完成秋收调度，提前三天完成", "10:00");
      adjust(g1, g1.members[3]!, "扣分 $ 作风 1 两次周例会无故迟到", "10:05");
      adjust(g2, g2.members[0]!, "加分 $ 业务 2 独立完成重点项目可研报告", "10:00");
      adjust(g2, g2.members[1]!, "奖励 $ 市级 获评市级三八红旗手", "10:10");
    }
  }

  // Ratings over each month's last workdays in the history (the month in progress: its last days so far),
  // one dimension a day, as leaders do them; it also keeps each leader under Lark's 5 messages a second.
  const byMonth = new Map<string, IsoDate[]>();
  for (const d of workdays) byMonth.set(monthOf(d), [...(byMonth.get(monthOf(d)) ?? []), d]);
  for (const days of byMonth.values()) {
    const ratingDays = days.slice(-DIMENSIONS.length);
    for (const [k, dim] of DIMENSIONS.entries()) {
      const date = ratingDays[Math.max(0, ratingDays.length - DIMENSIONS.length + k)]!;
      for (const group of DEMO_GROUPS) {
        for (const [j, person] of group.members.entries()) {
          const h = hash(`${date}:${person.openId}:${dim}`);
          const score = Math.min(100, (LEVEL[person.name] ?? 85) + (h % 7) - 3);
          const comment = k === 1 ? ` ${COMMENTS[h % COMMENTS.length]}` : "";
          steps.push({
            at: at(date, `16:${String(j * 10 + k).padStart(2, "0")}`),
            from: group.owner,
            group,
            where: "p2p",
            text: `评分 ${person.name} ${dim} ${score}${comment}`,
          });
        }
      }
    }
  }

  // A new month began inside the history: on its first workday each leader shows the group last month's ranking.
  const months = [...byMonth.keys()];
  for (const month of months.slice(1)) {
    const firstDay = byMonth.get(month)![0]!;
    for (const group of DEMO_GROUPS)
      steps.push({ at: at(firstDay, "09:30"), from: group.owner, group, where: "group", text: "排名 上月" });
  }

  // Claims still waiting for a leader, on the last workday before today.
  if (last) {
    steps.push({
      at: at(last, "11:00"),
      from: g1.members[0]!,
      group: g1,
      where: "group",
      text: "申报 加分 业务 2 牵头完成年度预算编制，提前一周报送",
    });
    steps.push({
      at: at(last, "11:20"),
      from: g2.members[2]!,
      group: g2,
      where: "group",
      text: "申报 县级 获评县级优秀共产党员",
    });
  }
  // Units (issue 14 items 3 and 4): the office appraises each group as a unit on the last workday (history-units.ts).
  if (last) steps.push(...unitSteps(last, at));
  // 群众满意度测评 (issue 14 item 2): a survey opened, answered on its page and closed (history-surveys.ts).
  steps.push(...surveySteps(workdays, at));
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}
