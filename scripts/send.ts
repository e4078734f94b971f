/**
 * Talk to a bot running in local mode from the terminal:
 *   npm run send -- 日报 今天完成了季度报表初稿
 *   npm run send -- --as 李四 --p2p 整理了档案室
 * It does what Lark does: the member's message exists in (mock) Lark, and a
 * signed, encrypted im.message.receive_v1 event goes to /lark/events. Then it
 * prints what the bot sent back.
 */
import { DEMO_GROUPS, DEMO_TENANT, demoChatMembers, LOCAL_APP } from "../src/channels/local/demo";
import { MOCK_MOUNT_PATH } from "../src/channels/local/local-lark";
import { sealEvent, textMessageEvent } from "../src/channels/local/lark-events";

interface MessageView {
  message_id: string;
  chat_id: string;
  msg_type: string;
  sender: { sender_type: string };
  parent_id?: string;
  parsed: { text?: string; header?: { title?: { content?: string } }; body?: { elements?: CardElement[] } };
}

/** The parts of Card JSON 2.0 elements the terminal shows. */
interface CardElement {
  tag: string;
  content?: string;
  text?: { content?: string };
  elements?: CardElement[];
  columns?: (CardElement & { elements?: CardElement[] })[];
  rows?: Record<string, unknown>[];
  name?: string;
  placeholder?: { content?: string };
}

/** Markdown as plain text: no emphasis marks, no font tags, @mentions by name. */
const plain = (md: string) =>
  md
    .replace(/\*\*/g, "")
    .replace(/<\/?font[^>]*>/g, "")
    .replace(/<at [^>]*>([^<]*)<\/at>/g, "@$1");

function lines(e: CardElement): string[] {
  switch (e.tag) {
    case "markdown":
    case "div":
      return [plain(e.content ?? e.text?.content ?? "")];
    case "button":
      return [`[${e.text?.content ?? ""}]`];
    case "table": {
      const cols = (e.columns ?? []) as unknown as { name: string; display_name?: string }[];
      const head = cols.map((c) => c.display_name ?? c.name).join("  ");
      return [head, ...(e.rows ?? []).map((r) => cols.map((c) => String(r[c.name] ?? "")).join("  "))];
    }
    case "chart":
      return ["[图表 chart]"];
    case "input":
    case "select_static":
    case "date_picker":
      return [`[${e.placeholder?.content ?? e.name ?? e.tag}: ____]`];
    case "hr":
      return ["—"];
    default:
      return [...(e.elements ?? []), ...(e.columns ?? []).flatMap((c) => c.elements ?? [])].flatMap(lines);
  }
}

function parseArgs(argv: string[]) {
  const opts = {
    as: DEMO_GROUPS[0]!.members[0]!.name,
    p2p: false,
    url: process.env.BOT_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`,
    text: "",
  };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--as") opts.as = argv[++i] ?? opts.as;
    else if (a === "--p2p") opts.p2p = true;
    else if (a === "--url") opts.url = argv[++i] ?? opts.url;
    else words.push(a);
  }
  opts.text = words.join(" ");
  return opts;
}

/** A card as a terminal reads it: title, then each text element. */
function render(m: MessageView, mock: string): string {
  if (m.msg_type === "text") return m.parsed.text ?? "";
  if (m.msg_type === "file") return `[文件 file] ${mock}/files/${(m.parsed as { file_key?: string }).file_key ?? ""}`;
  const title = m.parsed.header?.title?.content ?? "";
  return [`【${title}】`, ...(m.parsed.body?.elements ?? []).flatMap(lines).filter(Boolean)].join("\n");
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!o.text) {
    console.error("用法 usage: npm run send -- [--as 张三] [--p2p] 日报 今天完成了季度报表初稿");
    process.exit(2);
  }
  const group = DEMO_GROUPS[0]!;
  const person = demoChatMembers(group).find((p) => p.name === o.as || p.openId === o.as);
  if (!person) {
    console.error(
      `没有这个人 unknown person: ${o.as} (demo: ${demoChatMembers(group)
        .map((p) => p.name)
        .join("、")})`,
    );
    process.exit(2);
  }
  const mock = `${o.url}${MOCK_MOUNT_PATH}/mock`;
  const cursor = ((await (await fetch(`${mock}/messages`)).json()) as { cursor: number }).cursor;

  // In a group people @mention the bot; in a private chat they just write.
  const text = o.p2p ? o.text : `@_user_1 ${o.text}`;
  const created = await fetch(`${mock}/user-messages`, {
    method: "POST",
    body: JSON.stringify({
      chat_id: group.chatId,
      open_id: person.openId,
      content: JSON.stringify({ text }),
      p2p: o.p2p,
    }),
  });
  if (!created.ok) {
    console.error(`the local Lark mock refused the message: HTTP ${created.status} ${await created.text()}`);
    process.exit(1);
  }
  const { message_id: messageId, chat_id: chatId } = ((await created.json()) as { message: MessageView }).message;

  const event = textMessageEvent({
    token: LOCAL_APP.verificationToken,
    appId: LOCAL_APP.appId,
    tenantKey: DEMO_TENANT,
    chatId,
    chatType: o.p2p ? "p2p" : "group",
    senderOpenId: person.openId,
    text: o.p2p ? o.text : `@绩效考核机器人 ${o.text}`,
    messageId,
    mentions: o.p2p ? [] : [{ openId: LOCAL_APP.botOpenId, name: "绩效考核机器人" }],
  });
  const sealed = await sealEvent(event, { encryptKey: LOCAL_APP.encryptKey });
  const res = await fetch(`${o.url}/lark/events`, { method: "POST", headers: sealed.headers, body: sealed.body });
  console.log(`→ ${person.name}: ${o.text}   (HTTP ${res.status})`);

  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const { messages } = (await (await fetch(`${mock}/messages?since=${cursor}`)).json()) as {
      messages: MessageView[];
    };
    const replies = messages.filter((m) => m.sender.sender_type === "app");
    if (replies.length) {
      for (const m of replies) console.log(`← 机器人 bot:\n${render(m, mock)}\n`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log("(no reply within 5 s)");
}

void main();
