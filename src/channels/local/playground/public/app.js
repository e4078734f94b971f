// The playground: a person picks who they are and talks to the real bot the way Lark would
// carry it. Messages are stored in the Lark mock and delivered to /lark/events as sealed
// events; card clicks are card.action.trigger callbacks; what the bot sends is read back
// from the mock. Nothing here reaches into the bot.
import { h } from "./card.js";
import { createTimeline, summary } from "./chat.js";
import { setupGuide } from "./guide.js";
import { setupJobs } from "./jobs.js";
import { cardActionEvent, messageEvent, postEvent, withMentions } from "./seal.js";

// Browsers give Web Crypto only to secure origins: http://127.0.0.1 and http://localhost are, a LAN address is not.
if (!globalThis.crypto?.subtle) {
  document.body.innerHTML = `<div class="fatal"><h2>请用 http://127.0.0.1:${location.port || 80}/ 打开</h2><p>试玩页面在浏览器里给事件加密和签名（Web Crypto），浏览器只在本机地址或 HTTPS 上提供它。</p></div>`;
  throw new Error("Web Crypto unavailable: not a secure context");
}
const cfg = await (await fetch("/playground/config.json")).json();
const ctxEvents = { app: cfg.app, tenantKey: cfg.tenantKey };
const mock = (path, init) =>
  fetch(`${cfg.mock}/mock${path}`, init).then(async (r) => {
    const body = await r.json();
    if (!r.ok) throw new Error(body.msg ?? body.error ?? `HTTP ${r.status}`);
    return body;
  });
const $ = (id) => document.getElementById(id);

// Who one can be: each group's leader and members, and the appraisal office (考核办·王老师, the
// tenant's 管理员, a member of every group).
const people = { [cfg.app.botOpenId]: cfg.app.botName };
const identities = [];
for (const g of cfg.groups) {
  people[g.owner.openId] = g.owner.name;
  identities.push({ ...g.owner, role: "leader", group: g });
  for (const m of g.members) {
    people[m.openId] = m.name;
    identities.push({ ...m, role: "staff", group: g });
  }
}
people[cfg.office.openId] = cfg.office.name;
identities.push({ ...cfg.office, role: "office" });
const ROLE = { leader: "负责人", staff: "员工", office: "考核办" };

const state = { me: identities[1], chatId: null, messages: new Map(), cursor: 0, chats: [], seen: new Map() };

function toast(t) {
  const el = h("div", { class: `toast toast-${t.type ?? "info"}`, role: "status" }, t.content);
  $("toasts").append(el);
  setTimeout(() => el.remove(), 3500);
}

// ---- chats ------------------------------------------------------------------
function chatLabel(chat) {
  if (chat.chat_mode === "group") return chat.name;
  return `与${cfg.app.botName}的私聊`;
}

/** The chats the current person sees: their groups and their private chat with the bot. */
function visibleChats() {
  const me = state.me;
  const list = state.chats.filter((c) =>
    c.chat_mode === "group" ? c.members.some((m) => m.open_id === me.openId) || c.owner_open_id === me.openId : c.members[0]?.open_id === me.openId,
  );
  const groups = list.filter((c) => c.chat_mode === "group");
  const p2p = list.filter((c) => c.chat_mode === "p2p");
  // A private chat Lark has not created yet (nobody wrote in it): shown, created on the first message.
  if (!p2p.length) p2p.push({ chat_id: `p2p:${me.openId}`, chat_mode: "p2p", members: [{ open_id: me.openId }], pending: true });
  return [...groups, ...p2p];
}

function messagesOf(chatId) {
  return [...state.messages.values()].filter((m) => m.chat_id === chatId).sort((a, b) => a.seq - b.seq);
}

function unread(chatId) {
  const seen = state.seen.get(`${state.me.openId}:${chatId}`) ?? 0;
  return messagesOf(chatId).filter((m) => m.sender.sender_type === "app" && m.seq > seen).length;
}

function drawChatList() {
  const nav = $("chat-list");
  nav.replaceChildren(
    ...visibleChats().map((c) => {
      const n = c.chat_id === state.chatId ? 0 : unread(c.chat_id);
      return h(
        "button",
        { type: "button", class: `chat-item ${c.chat_id === state.chatId ? "active" : ""}`, "data-chat": c.chat_mode === "group" ? "group" : "p2p", onclick: () => openChat(c.chat_id) },
        h("span", { class: "chat-icon" }, c.chat_mode === "group" ? "群" : "私"),
        h("span", { class: "chat-name" }, chatLabel(c)),
        n ? h("span", { class: "badge" }, n > 99 ? "99+" : String(n)) : null,
      );
    }),
  );
}

const timeline = createTimeline($("messages"), {
  botName: cfg.app.botName,
  people,
  timeZone: cfg.timeZone,
  me: () => state.me,
  message: (id) => state.messages.get(id),
  toast,
  onAction: (m, a) => clickCard(m, a),
  fileUrl: (key) => `${cfg.mock}/mock/files/${encodeURIComponent(key)}`,
});

function openChat(chatId) {
  state.chatId = chatId;
  const chat = visibleChats().find((c) => c.chat_id === chatId);
  $("chat-title").textContent = chat ? chatLabel(chat) : "";
  $("chat-sub").textContent = chat?.chat_mode === "group" ? `${chat.members.length} 位成员 · 发言时自动 @${cfg.app.botName}` : chat ? "私聊里直接写：不是命令的话就是今天的日报" : "";
  document.body.classList.add("chat-open");
  timeline.clear();
  timeline.update(messagesOf(chatId));
  scrollTo(null);
  markSeen();
  drawChatList();
  drawComposer();
}

// ---- pending claims: where a leader's approval cards wait ------------------------
/** A card that still offers a decision (同意 / 驳回 …): a claim or an appeal nobody has decided yet. */
const awaitsDecision = (m) => m.msg_type === "interactive" && /"(?:action|a)":"(claim|appeal)\.decide"/.test(m.body?.content ?? JSON.stringify(m.parsed ?? {}));

function myPrivateChat() {
  return visibleChats().find((c) => c.chat_mode === "p2p");
}

function pendingCards() {
  const p2p = myPrivateChat();
  return p2p && !p2p.pending ? messagesOf(p2p.chat_id).filter(awaitsDecision) : [];
}

/** Opens the private chat on the newest card waiting for this leader, scrolled to it and highlighted. */
function showPending() {
  const newest = pendingCards().at(-1);
  if (!newest) return false;
  if (state.chatId !== newest.chat_id) openChat(newest.chat_id);
  const node = $("messages").querySelector(`[data-message-id="${newest.message_id}"]`);
  if (!node) return false;
  scrollTo(node);
  node.classList.remove("focus");
  void node.offsetWidth; // restart the highlight's animation
  node.classList.add("focus");
  return true;
}

/**
 * Scrolls the message list to a message (centred), or to its end; again once the frame is laid
 * out, since charts and tables settle their height after the first layout.
 */
let scrollTarget = null;
function scrollTo(node) {
  scrollTarget = node;
  const apply = () => {
    const box = $("messages");
    if (scrollTarget) scrollTarget.scrollIntoView({ block: "center" });
    else box.scrollTop = box.scrollHeight;
  };
  apply();
  requestAnimationFrame(() => requestAnimationFrame(apply));
}

function markSeen() {
  const last = messagesOf(state.chatId).at(-1);
  if (last) state.seen.set(`${state.me.openId}:${state.chatId}`, last.seq);
}

// ---- polling the mock: everything the bot sent, and every card it patched -------
let polling = Promise.resolve();
function poll() {
  polling = polling.then(async () => {
    const { messages, cursor } = await mock(`/messages?since=${state.cursor}`);
    state.cursor = cursor;
    let unknownChat = false;
    for (const m of messages) {
      state.messages.set(m.message_id, m);
      if (!state.chats.some((c) => c.chat_id === m.chat_id)) unknownChat = true;
    }
    if (unknownChat) await loadChats();
    if (messages.length) {
      const current = state.chatId;
      if (current?.startsWith("p2p:")) {
        const real = visibleChats().find((c) => c.chat_mode === "p2p" && !c.pending);
        if (real) return openChat(real.chat_id);
      }
      if (messages.some((m) => m.chat_id === current)) {
        timeline.update(messagesOf(current));
        markSeen();
      }
      drawChatList();
      // A leader's first step counts the claims still waiting: a decision changes it.
      if (state.me.role === "leader") guide.draw();
    }
    return messages;
  }).catch((error) => console.warn("poll failed", error));
  return polling;
}

async function loadChats() {
  state.chats = (await mock("/chats")).chats;
}

// ---- acting as a person ------------------------------------------------------
async function send(text) {
  const me = state.me;
  const chat = visibleChats().find((c) => c.chat_id === state.chatId);
  if (!chat || !text.trim()) return;
  const inGroup = chat.chat_mode === "group";
  const mentionable = [{ openId: cfg.app.botOpenId, name: cfg.app.botName }, ...identities];
  const written = inGroup && !text.includes(`@${cfg.app.botName}`) ? `@${cfg.app.botName} ${text}` : text;
  const { text: withKeys, mentions } = withMentions(written, mentionable);
  const content = JSON.stringify({ text: withKeys });
  // 1. The message exists in Lark (so the bot can reply to it)…
  const { message } = await mock("/user-messages", {
    method: "POST",
    body: JSON.stringify(chat.pending ? { open_id: me.openId, content, p2p: true, mentions } : { chat_id: chat.chat_id, open_id: me.openId, content, mentions }),
  });
  // 2. …and Lark delivers it to the bot as a sealed im.message.receive_v1 event.
  await postEvent(messageEvent(ctxEvents, { messageId: message.message_id, chatId: message.chat_id, chatType: inGroup ? "group" : "p2p", senderOpenId: me.openId, content, mentions }), cfg.app);
  await poll();
  if (chat.pending) openChat(message.chat_id);
  settle();
}

/** Polls a little faster for a few seconds after an action: the bot answers after its HTTP reply. */
function settle() {
  for (const ms of [300, 700, 1500, 3000]) setTimeout(poll, ms);
}

async function clickCard(m, action) {
  const answer = await postEvent(
    cardActionEvent(ctxEvents, { operatorOpenId: state.me.openId, messageId: m.message_id, chatId: m.chat_id, ...action }),
    cfg.app,
  ).catch((error) => ({ toast: { type: "error", content: error.message } }));
  if (answer.toast) toast(answer.toast);
  // Lark applies the card in the callback's answer to the message, for everyone who sees it.
  if (answer.card?.type === "raw") {
    await mock(`/messages/${m.message_id}/callback-card`, { method: "POST", body: JSON.stringify({ card: answer.card.data }) }).catch((e) => toast({ type: "error", content: e.message }));
  }
  await poll();
  settle();
}

// ---- the page -----------------------------------------------------------------
/** The quarter of last month: the demo history's, so an export has something in it. */
function demoQuarter() {
  const p = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone: cfg.timeZone, year: "numeric", month: "numeric" }).formatToParts(new Date()).map((x) => [x.type, x.value]));
  const [year, month] = Number(p.month) === 1 ? [Number(p.year) - 1, 12] : [Number(p.year), Number(p.month) - 1];
  return `${year}-Q${Math.ceil(month / 3)}`;
}

const QUICK = {
  staff: [["日报 ", "日报 …"], ["我的"], ["成绩 上月"], ["排名 上月"], ["成绩"], ["申报 加分 业务 2 ", "申报 加分 …"], ["帮助"]],
  leader: [["待办"], ["排名 上月"], ["排名"], ["明细 上月"], ["评分 @张三 业务 90 ", "评分 …"], ["方案"], ["帮助"]],
  office: [["全员排名 上月"], ["部门排名 上月"], ["目标"], [`导出 ${demoQuarter()}`], ["目标 业务 完成 10 项 ", "目标 …"], ["设置 部门绩效 90 上月", "设置 部门绩效 …"], ["帮助"]],
};

function drawComposer() {
  $("input").placeholder = state.me.role === "office" ? "输入消息，例如：全员排名 上月、导出 " + demoQuarter() : "输入消息，例如：日报 今天完成了季度报表初稿";
  const leaderName = state.me.group?.members[0]?.name ?? "张三";
  $("quick").replaceChildren(
    ...(QUICK[state.me.role] ?? []).map(([text, label]) => {
      const filled = text.replace("@张三", `@${leaderName}`);
      return h("button", { type: "button", class: "chip", onclick: () => (label ? fill(filled) : void send(filled).catch(fail)) }, (label ?? text).replace("@张三", `@${leaderName}`));
    }),
  );
}

function fill(text) {
  $("input").value = text;
  $("input").focus();
}

function fail(error) {
  toast({ type: "error", content: String(error.message ?? error) });
}

function drawIdentities() {
  const select = $("identity");
  select.replaceChildren(
    ...cfg.groups.map((g) =>
      h("optgroup", { label: g.name }, identities.filter((i) => i.group === g).map((i) => h("option", { value: i.openId }, `${i.name}（${ROLE[i.role]}）`))),
    ),
    h("optgroup", { label: "考核办" }, h("option", { value: cfg.office.openId }, `${cfg.office.name}（管理员：全员排名、目标、导出）`)),
  );
  select.value = state.me.openId;
}

function become(openId) {
  state.me = identities.find((i) => i.openId === openId) ?? state.me;
  $("identity").value = state.me.openId;
  document.body.dataset.role = state.me.role;
  $("who").textContent = `${state.me.name} · ${ROLE[state.me.role]}`;
  // The guide first: its height changes the message list's, which then scrolls to its end.
  guide.draw();
  const chats = visibleChats();
  openChat((chats.find((c) => c.chat_id === state.chatId) ?? chats[0])?.chat_id);
  // A leader with claims waiting is taken straight to them: that is what they would open Lark for.
  if (state.me.role === "leader") showPending();
}

$("identity").addEventListener("change", (e) => become(e.target.value));

// ---- the guide and the time panel -------------------------------------------------
/** Opens the chat a guide step speaks in: the identity's group, or their private chat. */
function openWhere(where) {
  const chat = where === "p2p" ? myPrivateChat() : visibleChats().find((c) => c.chat_mode === "group");
  if (chat && chat.chat_id !== state.chatId) openChat(chat.chat_id);
  else document.body.classList.add("chat-open");
}

function identityOf(role) {
  if (role === "office") return cfg.office.openId;
  const group = state.me.group ?? cfg.groups[0];
  return role === "leader" ? group.owner.openId : group.members[0].openId;
}

const guide = setupGuide($("guide"), $("toggle-guide"), {
  role: () => state.me.role,
  context: () => ({ leader: (state.me.group ?? cfg.groups[0]).owner.name, office: cfg.office.name, quarter: demoQuarter(), pending: pendingCards().length }),
  async run(act) {
    if (act.become) return become(identityOf(act.become));
    if (act.pending) return void showPending();
    if (act.time) return setTimePanel(true);
    openWhere(act.in);
    if (act.fill) return fill(act.fill);
    if (act.say) await send(act.say).catch(fail);
  },
});

/** The ⏱ panel: the button opens and closes it, and says which it is; opening draws the eye to it. */
function setTimePanel(open) {
  document.body.classList.toggle("time-open", open);
  $("toggle-time").setAttribute("aria-pressed", String(open));
  if (!open) return;
  const panel = $("jobs");
  panel.classList.remove("flash");
  void panel.offsetWidth;
  panel.classList.add("flash");
  panel.querySelector("select")?.focus({ preventScroll: true });
}
$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  const text = $("input").value;
  $("input").value = "";
  send(text).catch(fail);
});
$("back").addEventListener("click", () => document.body.classList.remove("chat-open"));
$("toggle-time").addEventListener("click", () => setTimePanel(!document.body.classList.contains("time-open")));
$("reset").addEventListener("click", async () => {
  if (!window.confirm("把演示数据恢复到初始状态？所有新消息和改动都会清除。")) return;
  $("overlay").hidden = false;
  try {
    const res = await fetch("/playground/reset", { method: "POST" });
    if (!res.ok) throw new Error(`重置失败：HTTP ${res.status}`);
    cfg.epoch = (await res.json()).epoch;
    state.messages.clear();
    state.cursor = 0;
    state.seen.clear();
    await loadChats();
    await poll();
    become(state.me.openId);
    toast({ type: "success", content: "已恢复到初始状态" });
  } catch (error) {
    fail(error);
  } finally {
    $("overlay").hidden = true;
  }
});

setupJobs({
  cfg,
  root: $("jobs"),
  people,
  poll,
  messagesSince: (cursor) => [...state.messages.values()].filter((m) => m.seq > cursor && m.sender.sender_type === "app").sort((a, b) => a.seq - b.seq),
  lastSeq: () => Math.max(0, ...[...state.messages.values()].map((m) => m.seq)),
  chatLabel: (chatId) => {
    const c = state.chats.find((x) => x.chat_id === chatId);
    return !c ? chatId : c.chat_mode === "group" ? `群「${c.name}」` : `私聊 · ${people[c.members[0]?.open_id] ?? ""}`;
  },
  summary,
  showChat: (chatId) => {
    const c = state.chats.find((x) => x.chat_id === chatId);
    const owner = c?.chat_mode === "p2p" ? c.members[0]?.open_id : undefined;
    if (owner && identities.some((i) => i.openId === owner)) become(owner);
    // A group chat the current person is not in: the office is in every group.
    else if (!visibleChats().some((x) => x.chat_id === chatId)) become(cfg.office.openId);
    openChat(chatId);
    if (window.matchMedia("(max-width: 1100px)").matches) setTimePanel(false);
  },
  toast,
  close: () => setTimePanel(false),
});

await loadChats();
await poll();
drawIdentities();
// On a phone too the visit starts in the group, with the guide: the chat list is one tap back.
become(state.me.openId);
document.body.dataset.ready = "true";
setInterval(poll, 1200);
// Another tab reset the demo: start again from the new state.
setInterval(async () => {
  const { epoch } = await fetch("/playground/epoch").then((r) => r.json()).catch(() => ({ epoch: cfg.epoch }));
  if (epoch !== cfg.epoch && $("overlay").hidden) location.reload();
}, 5000);
