import { DEMO_GROUPS, DEMO_OFFICE, DEMO_UNIT_ITEMS, DEMO_UNIT_POOL_YUAN, DEMO_UNITS } from "../demo";
import type { IsoDate } from "../../../domain/dates";
import type { DemoStep } from "./history";

/**
 * The demo's unit appraisal (issue 14 items 3 and 4), on the history's last workday: 王老师 of the office gives each
 * group its unit scheme and rates it item by item, a minute apart (as people type, and under Lark's per-chat limit),
 * then sets the year's two-level pool. A visitor sees 单位排名 and 两级分配 answer at once.
 */
export function unitSteps(last: IsoDate, at: (date: IsoDate, hhmm: string) => Date): DemoStep[] {
  const steps: DemoStep[] = [];
  const hhmm = (minute: number) => `15:${String(minute).padStart(2, "0")}`;
  DEMO_UNITS.forEach((unit, u) => {
    const group = DEMO_GROUPS.find((g) => g.chatId === unit.chatId);
    if (!group) return;
    const say = (minute: number, text: string) =>
      steps.push({ at: at(last, hhmm(u * 10 + minute)), from: DEMO_OFFICE, group, where: "group", text });
    say(0, `单位方案 使用 ${unit.template}`);
    DEMO_UNIT_ITEMS.forEach((item, i) => say(i + 1, `单位评分 ${item} ${unit.scores[i]}`));
  });
  const first = DEMO_GROUPS[0];
  if (first)
    steps.push({
      at: at(last, hhmm(30)),
      from: DEMO_OFFICE,
      group: first,
      where: "group",
      text: `两级分配 ${last.slice(0, 4)} 奖金池 ${DEMO_UNIT_POOL_YUAN}`,
    });
  return steps;
}
