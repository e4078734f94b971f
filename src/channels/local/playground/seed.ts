import { createWorkCalendar } from "../../../domain/calendar";
import { localDate } from "../../../domain/dates";
import { DEMO_TENANT, demoId, LOCAL_APP } from "../demo";
import { sealEvent, textMessageEvent } from "../lark-events";
import type { MockLark } from "../mock-lark";
import type { TravelClock } from "../travel-clock";
import { demoHistory, type DemoStep } from "./history";

export interface SeedOptions {
  botUrl: string;
  mock: MockLark;
  clock: TravelClock;
  timeZone: string;
  /** Adds the bot to the demo groups (the bot.added events), at the clock's time. */
  addBot(): Promise<void>;
  /** Resolves when the bot has answered and sent everything so far. */
  settle(): Promise<void>;
}

const BOT = { openId: LOCAL_APP.botOpenId, name: LOCAL_APP.botName };

/** One step as Lark delivers it: the message exists in (mock) Lark, then a sealed event reaches the webhook. */
async function post(o: SeedOptions, step: DemoStep): Promise<void> {
  const inGroup = step.where === "group";
  const chatId = inGroup ? step.group.chatId : o.mock.store.p2pChat(LOCAL_APP.appId, step.from.openId).chatId;
  const mentions = inGroup ? [BOT, ...(step.mentions ?? [])] : [];
  const text = inGroup ? `@${BOT.name} ${step.text}` : step.text;
  const messageId = demoId("om", `${step.at.getTime()}:${step.from.openId}:${step.text}`);
  const event = textMessageEvent({
    token: LOCAL_APP.verificationToken,
    appId: LOCAL_APP.appId,
    tenantKey: DEMO_TENANT,
    chatId,
    chatType: inGroup ? "group" : "p2p",
    senderOpenId: step.from.openId,
    text,
    messageId,
    mentions,
    createTime: step.at.getTime(),
  });
  const { content, mentions: listed = [] } = (
    event.event as { message: { content: string; mentions?: { key: string; id: { open_id: string }; name: string }[] } }
  ).message;
  o.mock.store.recordMessage({
    messageId,
    chatId,
    chatMode: inGroup ? "group" : "p2p",
    msgType: "text",
    content,
    createTime: step.at.getTime(),
    sender: { type: "user", openId: step.from.openId },
    ...(listed.length
      ? { mentions: listed.map((m) => ({ key: m.key, id: { open_id: m.id.open_id }, name: m.name })) }
      : {}),
  });
  const sealed = await sealEvent(event, {
    encryptKey: LOCAL_APP.encryptKey,
    timestamp: Math.floor(step.at.getTime() / 1000),
  });
  const res = await fetch(`${o.botUrl}/lark/events`, { method: "POST", headers: sealed.headers, body: sealed.body });
  if (!res.ok) throw new Error(`demo history: HTTP ${res.status} for 「${step.text}」: ${await res.text()}`);
}

/** A slips page's address in a leader's private card: the survey page's address and the print key. */
const SLIPS_URL = /(https?:\/\/[^"\s]+\/survey\/[0-9a-f]{32})\/slips\?k=[0-9a-f]{32}/g;
/** A code as the slips page prints it: two groups of five. */
const SLIP_CODE = /<div class="code">([0-9A-Z]{5})-([0-9A-Z]{5})<\/div>/g;

/**
 * One answer on the survey page, as the person served gives it: with the next code the leader printed (read off the
 * slips page the leader was sent privately, as a leader prints it), posted through the page's own form. `slips` keeps
 * each survey's codes not yet handed out.
 */
async function answer(o: SeedOptions, step: DemoStep, slips: Map<string, string[]>): Promise<void> {
  await o.settle(); // the codes' card reaches the leader before anyone answers
  const cards = o.mock.sentMessages({ openId: step.from.openId }).map((m) => JSON.stringify(m.parsed));
  const found = cards.flatMap((c) => [...c.matchAll(SLIPS_URL)]).at(-1);
  if (!found || !step.answer) throw new Error(`demo history: no survey's codes reached ${step.from.name}`);
  const [slipsUrl, pageUrl] = [found[0], found[1]!];
  if (!slips.has(pageUrl)) {
    const html = await (await fetch(slipsUrl)).text();
    slips.set(
      pageUrl,
      [...html.matchAll(SLIP_CODE)].map((m) => m[1]! + m[2]!),
    );
  }
  const code = slips.get(pageUrl)!.shift();
  if (!code) throw new Error(`demo history: ${step.from.name}'s survey has no codes left`);
  const form = { code, choice: step.answer.choice, comment: step.answer.comment ?? "" };
  const res = await fetch(pageUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  if (!res.ok) throw new Error(`demo history: the survey page answered HTTP ${res.status} for 「${step.text}」`);
}

/**
 * Replays the demo's month of history through the webhook, each step at its
 * own time on the travel clock, so every record, rating and claim is made by
 * the same code a real message reaches. Returns the number of events sent.
 */
export async function seedDemo(o: SeedOptions): Promise<number> {
  const now = o.clock.realNow();
  const steps = demoHistory(now, o.timeZone, createWorkCalendar());
  try {
    o.clock.travelTo(steps[0] ? new Date(steps[0].at.getTime() - 8 * 3600_000) : now);
    await o.addBot();
    await o.settle();
    let day = "";
    const slips = new Map<string, string[]>();
    for (const step of steps) {
      const stepDay = localDate(step.at, o.timeZone);
      // Let each day's answers go out on that day, so they carry its date in the chat.
      if (day && stepDay !== day) await o.settle();
      day = stepDay;
      o.clock.travelTo(step.at);
      await (step.where === "page" ? answer(o, step, slips) : post(o, step));
    }
    await o.settle();
  } finally {
    o.clock.home();
  }
  return steps.length;
}
