/**
 * Benchmark: card callbacks (card.action.trigger) over loopback, signed and
 * encrypted, 20 in flight: the 撤回 button on 日报 receipts, each answered
 * with a toast and the updated card inside Lark's 3 s. The records are made
 * through real events first (untimed), from the senders bench/events.ts's
 * BENCH_SENDERS says. Two servers, measured in turn: ours (src/db/file-client.ts)
 * and the baseline (@libsql/client's file client, or BENCH_BEFORE's bot).
 */
import { createClient } from "@libsql/client";
import { cardActionEvent, sealEvent, type SealedRequest } from "../src/channels/local/lark-events";
import { load, sealedMessage, startBenchServer, type BenchServer, type LoadFigures } from "./events";

export interface CallbacksBenchFigures {
  /** GET /healthz of our server just before its clicks: the run's own ceiling (issue 15: callbacks ≥ 0.5 of it). */
  healthz: LoadFigures;
  callbacks: LoadFigures;
  baseline: LoadFigures;
}

async function prepareClicks(server: BenchServer, count: number): Promise<SealedRequest[]> {
  const { lark } = server;
  const envelope = { token: lark.app.verificationToken, appId: lark.app.appId, tenantKey: lark.tenantKey };
  for (let i = 0; i < count; i++) {
    // The person's message exists in (mock) Lark first, so the receipt is a reply to it.
    const sealed = await sealedMessage(lark, i, `日报 第${i}条`);
    await fetch(`${server.url}/lark/events`, { method: "POST", headers: sealed.headers, body: sealed.body });
  }
  const db = createClient({ url: `file:${server.db}` });
  // The receipts' ids once sent (else the person's message: the answer does not depend on it).
  const rows = (
    await db.execute(
      "select r.id, m.user_id, g.chat_id, coalesce(o.sent_message_id, r.source_message_id) as message_id from records r join members m on m.id = r.member_id join groups g on g.id = r.group_id left join outbox o on o.key = 'm:' || r.source_message_id || ':0'",
    )
  ).rows;
  db.close();
  const clicks: SealedRequest[] = [];
  for (const row of rows) {
    // The click comes from the receipt card the bot sent (its message id in the mock), as in Lark.
    const event = cardActionEvent({
      ...envelope,
      operatorOpenId: String(row.user_id),
      value: { a: "record.withdraw", id: String(row.id) },
      messageId: String(row.message_id),
      chatId: String(row.chat_id),
    });
    clicks.push(await sealEvent(event, { encryptKey: lark.app.encryptKey }));
  }
  return clicks;
}

export async function benchCallbacks(
  opts: { clicks?: number; concurrency?: number } = {},
): Promise<CallbacksBenchFigures> {
  const count = opts.clicks ?? 1000;
  const concurrency = opts.concurrency ?? 20;
  const ours = await startBenchServer();
  const single = await startBenchServer({ baseline: true });
  try {
    const oursClicks = await prepareClicks(ours, count);
    const singleClicks = await prepareClicks(single, count);
    const click = (server: BenchServer, clicks: SealedRequest[]) => (i: number) =>
      fetch(`${server.url}/lark/events`, { method: "POST", headers: clicks[i]!.headers, body: clicks[i]!.body });
    const healthUrl = `${ours.url}/healthz`;
    await load(200, concurrency, () => fetch(healthUrl)); // warm-up
    const healthz = await ours.cpuOf(() => load(oursClicks.length, concurrency, () => fetch(healthUrl)));
    const callbacks = await ours.cpuOf(() =>
      ours.profiled(() => load(oursClicks.length, concurrency, click(ours, oursClicks))),
    );
    const baseline = await single.cpuOf(() => load(singleClicks.length, concurrency, click(single, singleClicks)));
    return { healthz, callbacks, baseline };
  } finally {
    await ours.stop();
    await single.stop();
  }
}
