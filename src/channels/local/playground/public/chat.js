// One chat's timeline: each message drawn once and redrawn only when its revision changes,
// so what a person typed into a card's form survives the polling.
import { h, renderCard } from "./card.js";

export function formatTime(ms, timeZone, withDate) {
  const opts = { timeZone, hour: "2-digit", minute: "2-digit", hour12: false, ...(withDate ? { month: "numeric", day: "numeric" } : {}) };
  return new Intl.DateTimeFormat("zh-CN", opts).format(new Date(ms));
}

export function dayOf(ms, timeZone) {
  return new Intl.DateTimeFormat("zh-CN", { timeZone, year: "numeric", month: "long", day: "numeric", weekday: "short" }).format(new Date(ms));
}

/** The text of a user's message with its @_user_N placeholders named again. */
export function displayText(m) {
  let text = m.parsed?.text ?? m.body?.content ?? "";
  for (const x of m.mentions ?? []) text = text.replaceAll(x.key, `@${x.name}`);
  return text;
}

/** One line describing a message: a card's title, a file's name, or the start of a text. */
export function summary(m) {
  if (m.msg_type === "interactive") return m.parsed?.header?.title?.content ?? m.parsed?.config?.summary?.content ?? "卡片";
  if (m.msg_type === "file") return `[文件] ${m.file?.file_name ?? ""}`;
  return displayText(m).slice(0, 60);
}

const sizeText = (n) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** A file message as Lark shows it: the file's name and size, a click downloads it (from the mock's copy). */
function fileBubble(m, fileUrl) {
  const f = m.file;
  if (!f) return h("div", { class: "bubble" }, "[文件]");
  const ext = (f.file_name.split(".").pop() ?? "").slice(0, 4).toUpperCase();
  return h(
    "a",
    { class: "bubble file-bubble", href: fileUrl(f.file_key), download: f.file_name, title: `下载 ${f.file_name}` },
    h("span", { class: `file-icon file-${ext.toLowerCase()}`, "aria-hidden": "true" }, ext || "文件"),
    h("span", { class: "file-meta" }, h("span", { class: "file-name" }, f.file_name), h("span", { class: "file-size" }, `${sizeText(f.size)} · 点击下载`)),
  );
}

export function createTimeline(container, ctx) {
  const nodes = new Map(); // message_id → { rev, node }
  let lastDay = "";

  const draw = (m) => {
    const fromBot = m.sender.sender_type === "app";
    const name = fromBot ? ctx.botName : (ctx.people[m.sender.id] ?? m.sender.id);
    const parent = m.parent_id ? ctx.message(m.parent_id) : undefined;
    const content =
      m.msg_type === "interactive"
        ? renderCard(m.parsed, { people: ctx.people, toast: ctx.toast, onAction: (a) => ctx.onAction(m, a) })
        : m.msg_type === "file"
          ? fileBubble(m, ctx.fileUrl)
          : h("div", { class: "bubble" }, displayText(m));
    return h(
      "div",
      { class: `msg ${fromBot ? "from-bot" : "from-user"} ${m.sender.id === ctx.me()?.openId ? "mine" : ""}`, "data-message-id": m.message_id, "data-rev": m.rev },
      h("div", { class: "avatar", "aria-hidden": "true" }, fromBot ? "绩" : name.slice(-2)),
      h(
        "div",
        { class: "msg-main" },
        h("div", { class: "msg-meta" }, h("span", { class: "msg-name" }, name), h("span", { class: "msg-time" }, formatTime(Number(m.create_time), ctx.timeZone)), m.updated ? h("span", { class: "msg-edited" }, "已更新") : null),
        parent ? h("div", { class: "quote" }, `回复 ${parent.sender.sender_type === "app" ? ctx.botName : (ctx.people[parent.sender.id] ?? "")}：${summary(parent)}`) : null,
        content,
      ),
    );
  };

  return {
    clear() {
      nodes.clear();
      lastDay = "";
      container.replaceChildren();
    },
    /** Adds new messages at the end and redraws changed ones in place. */
    update(messages) {
      const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 120;
      let added = false;
      for (const m of messages) {
        const seen = nodes.get(m.message_id);
        if (seen && seen.rev === m.rev) continue;
        const node = draw(m);
        if (seen) {
          seen.node.replaceWith(node);
          nodes.set(m.message_id, { rev: m.rev, node });
          continue;
        }
        const day = dayOf(Number(m.create_time), ctx.timeZone);
        if (day !== lastDay) container.append(h("div", { class: "day" }, day));
        lastDay = day;
        container.append(node);
        nodes.set(m.message_id, { rev: m.rev, node });
        added = true;
      }
      if (added && (nearBottom || messages.length === nodes.size)) container.scrollTop = container.scrollHeight;
    },
  };
}
