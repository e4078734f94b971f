// The guide: a few steps for the identity picked, one at a time, above the chat. Each step says
// what to try and offers to do it (send a command, open the pending claim, switch identity, open
// the time panel). It folds away, and stays folded on the next visit.
import { h } from "./card.js";

const FOLDED = "playground-guide-folded";
const stepKey = (role) => `playground-guide-step-${role}`;

/**
 * The steps for a role. `ctx` names the people involved: the member's leader, the office, and the
 * leader's pending claims; `act` is what the step's button does (run by the page).
 */
export function guideSteps(role, ctx) {
  if (role === "staff") {
    return [
      { text: "先看上个月的排名：卡片里有排名表和柱状图。", label: "发「排名 上月」", act: { say: "排名 上月", in: "group" } },
      { text: "记一条今天的工作：「日报」后面写做了什么；回执卡片上可以撤回。", label: "填好一条日报", act: { fill: "日报 今天整理了档案目录", in: "group" } },
      { text: "忘了写「日报」也不要紧：直接说做了什么，机器人会问要不要记为日报，点「记为日报」就记下了。", label: "说一句今天的工作", act: { say: "今天核对了上周的会议纪要", in: "group" } },
      { text: "看自己的分数怎么来的：每个维度、加减分和还没评的项。", label: "发「成绩 上月」", act: { say: "成绩 上月", in: "group" } },
      { text: `${ctx.leader} 那里有同事的申报等着审批：换成 ${ctx.leader} 看看。`, label: `换成${ctx.leader}`, act: { become: "leader" } },
    ];
  }
  if (role === "leader") {
    return [
      ctx.pending
        ? { text: `你有 ${ctx.pending} 条申报待审批，在与机器人的私聊里：填意见，点「同意」「调整」或「驳回」。`, label: "去审批", act: { pending: true } }
        : { text: "没有待审批的申报了；「待办」随时列出还没审批的。", label: "发「待办」", act: { say: "待办", in: "p2p" } },
      { text: "负责人看得到全组的排名和每个人的分数。", label: "发「排名 上月」", act: { say: "排名 上月", in: "group" } },
      { text: "群众满意度测评：综合办公室本月请服务对象用答题码在问卷页作答，问卷已结束，结果按样本份数计入「单位管理学习作风」，每个人的「成绩」里也写着。", label: "发「问卷」", act: { say: "问卷", in: "group" } },
      { text: `再换成考核办的 ${ctx.office}（管理员）：看全单位、导出 Excel。`, label: `换成${ctx.office}`, act: { become: "office" } },
    ];
  }
  return [
    { text: "看全单位的排名：两个科室的人一起比。", label: "发「全员排名 上月」", act: { say: "全员排名 上月", in: "p2p" } },
    { text: "考核办也把每个科室当作单位来考核：单位得分第一的科室获流动红旗，奖金池按单位得分两级分配。", label: "发「单位排名」", act: { say: "单位排名", in: "p2p" } },
    { text: `把 ${ctx.quarter} 的结果导出成 Excel，文件会发到私聊里。`, label: `发「导出 ${ctx.quarter}」`, act: { say: `导出 ${ctx.quarter}`, in: "p2p" } },
    { text: "定时任务（每日提醒、月度排名、季度成绩单）在这里不会自己跑：把时间拨到那一刻运行，看每个人收到什么。", label: "打开 ⏱ 模拟时间", act: { time: true } },
  ];
}

/**
 * Draws the guide into `root`; `toggle` is the header button that shows or folds it.
 * `o.role()` and `o.context()` describe the current identity; `o.run(act)` does a step.
 */
export function setupGuide(root, toggle, o) {
  let folded = localStorage.getItem(FOLDED) === "1";
  const stepOf = (role) => Number(localStorage.getItem(stepKey(role)) ?? 0) || 0;

  const draw = () => {
    root.hidden = folded;
    toggle.setAttribute("aria-pressed", String(!folded));
    document.body.classList.toggle("guide-open", !folded);
    if (folded) return root.replaceChildren();
    const role = o.role();
    const steps = guideSteps(role, o.context());
    const i = Math.min(stepOf(role), steps.length - 1);
    const step = steps[i];
    const go = (n) => {
      localStorage.setItem(stepKey(role), String(Math.max(0, Math.min(steps.length - 1, n))));
      draw();
    };
    const doIt = h("button", { type: "button", class: "primary small guide-do" }, step.label);
    doIt.addEventListener("click", async () => {
      doIt.disabled = true;
      try {
        await o.run(step.act);
      } finally {
        doIt.disabled = false;
      }
      // A step that changes who you are starts that person's guide; the others move on.
      if (!step.act.become && i < steps.length - 1) go(i + 1);
    });
    root.replaceChildren(
      h("div", { class: "guide-step" },
        h("span", { class: "guide-count", "aria-label": `第 ${i + 1} 步，共 ${steps.length} 步` }, `${i + 1}/${steps.length}`),
        h("span", { class: "guide-text" }, step.text)),
      h("div", { class: "guide-actions" },
        doIt,
        h("button", { type: "button", class: "link guide-prev", disabled: i === 0, onclick: () => go(i - 1), "aria-label": "上一步" }, "‹"),
        h("button", { type: "button", class: "link guide-next", disabled: i === steps.length - 1, onclick: () => go(i + 1), "aria-label": "下一步" }, "›"),
        h("button", { type: "button", class: "guide-close", onclick: () => setFolded(true), "aria-label": "收起引导", title: "收起（顶部「引导」可再打开）" }, "×")),
    );
  };
  const setFolded = (value) => {
    folded = value;
    localStorage.setItem(FOLDED, value ? "1" : "0");
    draw();
  };
  toggle.addEventListener("click", () => setFolded(!folded));
  return { draw };
}
