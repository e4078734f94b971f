/**
 * Benchmark: card callbacks (card.action.trigger) over loopback, signed and
 * encrypted, 20 in flight: the 撤回 button on 日报 receipts, each answered
 * with a toast and the updated card inside Lark's 3 s. The records are made
 * through real events first (untimed).
 */
import { createClient } from "@libsql/client";
import { DEMO_GROUPS, DEMO_TENANT, LOCAL_APP } from "../src/channels/local/demo";
import { cardActionEvent, sealEvent, textMessageEvent, type SealedRequest } from "../src/channels/local/lark-events";
import { load, startBenchServer, type LoadFigures } from "./events";

export async function benchCallbacks(opts: { clicks?: number; concurrency?: number } = {}): Promise<LoadFigures> {
  const count = opts.clicks ?? 1000;
  const server = await startBenchServer();
  try {
    const group = DEMO_GROUPS[0]!;
    const envelope = { token: LOCAL_APP.verificationToken, appId: LOCAL_APP.appId, tenantKey: DEMO_TENANT };
    for (let i = 0; i < count; i++) {
      const person = group.members[i % group.members.length]!;
      const event = textMessageEvent({ ...envelope, chatId: group.chatId, chatType: "group", senderOpenId: person.openId, text: `@绩效考核机器人 日报 第${i}条`, mentions: [{ openId: LOCAL_APP.botOpenId, name: "绩效考核机器人" }] });
      const sealed = await sealEvent(event, { encryptKey: LOCAL_APP.encryptKey });
      await fetch(`${server.url}/lark/events`, { method: "POST", headers: sealed.headers, body: sealed.body });
    }
    const db = createClient({ url: `file:${server.db}` });
    const rows = (await db.execute("select r.id, m.user_id from records r join members m on m.id = r.member_id")).rows;
    db.close();
    const clicks: SealedRequest[] = [];
    for (const row of rows) {
      const event = cardActionEvent({ ...envelope, operatorOpenId: String(row.user_id), value: { a: "record.withdraw", id: String(row.id) }, messageId: "om_receipt", chatId: group.chatId });
      clicks.push(await sealEvent(event, { encryptKey: LOCAL_APP.encryptKey }));
    }
    const url = `${server.url}/lark/events`;
    return await load(clicks.length, opts.concurrency ?? 20, (i) => fetch(url, { method: "POST", headers: clicks[i]!.headers, body: clicks[i]!.body }));
  } finally {
    server.stop();
  }
}
