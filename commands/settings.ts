import { settingReply } from "../cards/settings-reply";
import { applySetting } from "../src/app/setting-apply";
import { defineCommand } from "../src/bot/command";
import { settingArgs, settingRequest } from "./args/settings";
import { dateProblem } from "./date-arg";

/** 设置: a group's reminder time, roll-call, and the unit's own holidays and workdays; roles; 部门绩效. */
export const settingsCommand = defineCommand({
  name: "设置",
  aliases: ["settings"],
  summary: {
    zh: "负责人设置本群：提醒时间、提醒点名、本单位放假或调休上班的日期；任免负责人和管理员（绩考办）",
    en: "Leaders: reminder time, roll-call, the unit's own holidays and workdays; appoint leaders and admins",
  },
  example: { zh: "设置 提醒时间 17:30", en: "/settings 提醒时间 17:30" },
  takesText: true,
  args: settingArgs,
  async handle(ctx) {
    const { request, bad } = settingRequest(ctx.args, ctx.group, ctx.now);
    const { group, member, lang, now } = ctx;
    const { senderId: by, mentions } = ctx.update;
    const done = await applySetting(ctx.deps, { group, member, by, mentions, setting: request, now });
    ctx.work.write(...done.writes);
    const problem = bad && dateProblem(bad.text, bad.read, lang);
    ctx.reply(settingReply(done, { lang, groupName: group.name, ...(problem ? { dateProblem: problem } : {}) }));
  },
});
