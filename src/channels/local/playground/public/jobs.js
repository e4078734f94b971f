// Moving time: run one of the bot's scheduled jobs "as of" a chosen time, through the same
// operator route a real deployment has (POST /admin/jobs/:name?at=), then show what every
// member received, private messages included.
import { h, renderCard } from "./card.js";

const JOBS = [
  { name: "reminders", label: "今晚的日报提醒", hint: "工作日 17:30：私信提醒还没交日报的人，群里一行「今日已交」", when: (d) => at(d, 17, 35) },
  { name: "pending-digest", label: "负责人的待办汇总", hint: "工作日 9:00：有待审批申报的负责人收到一张汇总卡", when: (d) => at(d, 9, 5) },
  { name: "monthly-review", label: "月评议", hint: "月末最后一个工作日 15:00：每位负责人收到评分表单", when: (d) => lastWeekday(d) },
  { name: "monthly-ranking", label: "月度排名（上个月）", hint: "每月 1 日 9:00：群里发排名和图表，每人私信自己的名次", when: (d) => at({ ...d, day: 1 }, 9, 5) },
  { name: "quarterly-report", label: "季度成绩单（本季度）", hint: "下季度首个工作日 9:00：每人私信成绩单，群里发汇总", when: (d) => at({ year: d.month > 9 ? d.year + 1 : d.year, month: d.month > 9 ? 1 : Math.floor((d.month - 1) / 3) * 3 + 4, day: 10 }, 9, 5) },
  { name: "annual-summary", label: "年度总结（今年）", hint: "次年 1 月首个工作日 9:00：年度总分、等次和奖金分配", when: (d) => at({ year: d.year + 1, month: 1, day: 10 }, 9, 5) },
];

const pad = (n) => String(n).padStart(2, "0");
const at = (d, hh, mm) => `${d.year}-${pad(d.month)}-${pad(d.day)}T${pad(hh)}:${pad(mm)}`;
function lastWeekday(d) {
  const last = new Date(Date.UTC(d.year, d.month, 0));
  while ([0, 6].includes(last.getUTCDay())) last.setUTCDate(last.getUTCDate() - 1);
  return at({ year: d.year, month: d.month, day: last.getUTCDate() }, 15, 5);
}

/** Today in the bot's time zone. */
function today(timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(new Date()).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** "2026-12-01T09:05" on the wall clock of `timeZone` → an ISO time with its offset. */
export function zonedIso(wall, timeZone) {
  const guess = new Date(`${wall}:00Z`);
  const shown = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(guess);
  const p = Object.fromEntries(shown.map((x) => [x.type, x.value]));
  const offsetMin = (Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - guess.getTime()) / 60000;
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${wall}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function setupJobs(o) {
  const select = h("select", { id: "job", class: "field" }, JOBS.map((j) => h("option", { value: j.name }, j.label)));
  const when = h("input", { id: "job-at", class: "field", type: "datetime-local" });
  const hint = h("p", { class: "hint" });
  const result = h("div", { id: "job-result", class: "job-result" });
  const run = h("button", { id: "run-job", type: "submit", class: "primary" }, "运行");
  const choose = () => {
    const job = JOBS.find((j) => j.name === select.value);
    when.value = job.when(today(o.cfg.timeZone));
    hint.textContent = `${job.hint}。时间按 ${o.cfg.timeZone}。`;
  };
  select.addEventListener("change", choose);
  select.value = "monthly-ranking"; // the one with the most to see
  choose();

  const form = h("form", { class: "job-form" }, h("label", {}, "任务", select), h("label", {}, "假装现在是", when), hint, run);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    run.disabled = true;
    result.replaceChildren(h("p", { class: "hint" }, "运行中…"));
    try {
      await o.poll();
      const before = o.lastSeq();
      const iso = zonedIso(when.value, o.cfg.timeZone);
      const res = await fetch(`/admin/jobs/${select.value}?at=${encodeURIComponent(iso)}`, { method: "POST", headers: { authorization: `Bearer ${o.cfg.adminToken}` } });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      // The bot sends after answering, paced as Lark requires: wait until the count stops growing.
      let count = -1;
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 400));
        await o.poll();
        const now = o.messagesSince(before).length;
        if (now === count && now >= body.queued) break;
        count = now;
      }
      show(body, o.messagesSince(before));
    } catch (error) {
      result.replaceChildren(h("p", { class: "error" }, `运行失败：${error.message}`));
    } finally {
      run.disabled = false;
    }
  });

  const show = (body, messages) => {
    const periods = [...new Set(body.runs.map((r) => r.period))].join("、");
    const head = body.runs.length
      ? `${periods}：${body.runs.length} 个群运行，新发出 ${messages.length} 条消息`
      : "这个时间没有到期的这项任务（换个时间试试）。";
    const note = body.runs.length && !body.queued ? "（这一期已经发过：同一期只发一次）" : "";
    const byChat = new Map();
    for (const m of messages) byChat.set(m.chat_id, [...(byChat.get(m.chat_id) ?? []), m]);
    result.replaceChildren(
      h("p", { class: "job-head" }, head, note),
      h("ul", { class: "recipients" },
        [...byChat].map(([chatId, list]) =>
          h("li", {},
            h("details", {},
              h("summary", {}, h("strong", {}, o.chatLabel(chatId)), ` · ${list.map(o.summary).join("；")}`),
              list.map((m) => (m.msg_type === "interactive" ? renderCard(m.parsed, { people: o.people, toast: o.toast, onAction: () => o.showChat(chatId) }) : h("div", { class: "bubble" }, m.parsed?.text ?? ""))),
              h("button", { type: "button", class: "link", onclick: () => o.showChat(chatId) }, "到这个会话里看 →"),
            ),
          ),
        ),
      ),
    );
  };

  const close = h("button", { type: "button", class: "close-time", "aria-label": "关闭", onclick: () => o.close() }, "×");
  o.root.append(close, h("h2", {}, "⏱ 模拟时间"), h("p", { class: "hint" }, "定时任务在这里不会自己跑：选一个任务和时间，机器人就像到了那一刻一样运行它。"), form, result);
}
