import type { Hono } from "hono";
import type { Clock } from "../../app/ports";
import { createMockLark, type MockLark } from "./mock-lark";
import { DEMO_GROUPS, DEMO_TENANT, demoChatMembers, LOCAL_APP } from "./demo";
import { botAddedEvent, sealEvent } from "./lark-events";

export const MOCK_MOUNT_PATH = "/mock-lark";

export interface LocalLark {
  mountPath: string;
  app: Hono;
  mock: MockLark;
  credentials: { appId: string; appSecret: string; domain: string; verificationToken: string; encryptKey: string };
  /**
   * Adds the bot to the demo groups through the real event path; `settle`
   * (waiting for the bot's after-answer work) runs after each group, so the
   * groups' members are registered in order.
   */
  seedDemo(botUrl: string, settle?: () => Promise<void>): Promise<void>;
  banner(botUrl: string): string;
}

/**
 * Local mode: the project's Lark mock served by the bot's own server, with
 * the demo organisation in it. The bot talks to it over HTTP exactly as it
 * talks to open.feishu.cn.
 */
export function createLocalLark(opts: { baseUrl: string; clock?: Clock }): LocalLark {
  const mock = createMockLark({
    apps: [
      {
        appId: LOCAL_APP.appId,
        appSecret: LOCAL_APP.appSecret,
        botOpenId: LOCAL_APP.botOpenId,
        appName: LOCAL_APP.botName,
      },
    ],
    tenantKey: DEMO_TENANT,
    ...(opts.clock ? { now: () => opts.clock!.now().getTime() } : {}),
  });
  for (const g of DEMO_GROUPS) {
    for (const p of demoChatMembers(g)) mock.addUser({ openId: p.openId, name: p.name });
    mock.addChat({ chatId: g.chatId, name: g.name, ownerOpenId: g.owner.openId, members: demoChatMembers(g) });
  }
  const credentials = {
    appId: LOCAL_APP.appId,
    appSecret: LOCAL_APP.appSecret,
    domain: `${opts.baseUrl}${MOCK_MOUNT_PATH}`,
    verificationToken: LOCAL_APP.verificationToken,
    encryptKey: LOCAL_APP.encryptKey,
  };
  return {
    mountPath: MOCK_MOUNT_PATH,
    app: mock.app,
    mock,
    credentials,
    async seedDemo(botUrl, settle) {
      for (const g of DEMO_GROUPS) {
        // A fixed event id: on every restart the same event, so the bot registers the group once.
        const event = botAddedEvent({
          token: LOCAL_APP.verificationToken,
          appId: LOCAL_APP.appId,
          tenantKey: DEMO_TENANT,
          eventId: `demo_bot_added_${g.chatId}`,
          chatId: g.chatId,
          operatorOpenId: g.owner.openId,
          chatName: g.name,
          ...(opts.clock ? { createTime: opts.clock.now().getTime() } : {}),
        });
        // Stamped with the bot's clock: local mode's clock travels while the demo history is replayed.
        const timestamp = Math.floor((opts.clock?.now() ?? new Date()).getTime() / 1000);
        const sealed = await sealEvent(event, { encryptKey: LOCAL_APP.encryptKey, timestamp });
        const res = await fetch(`${botUrl}/lark/events`, {
          method: "POST",
          headers: sealed.headers,
          body: sealed.body,
        });
        if (!res.ok) throw new Error(`seeding the demo group failed: HTTP ${res.status} ${await res.text()}`);
        await settle?.();
      }
    },
    banner(botUrl) {
      const g = DEMO_GROUPS[0]!;
      return [
        "",
        "本地模式 Local mode: no Lark app configured, so the bot talks to its own Lark mock.",
        `  试玩 Playground — open in a browser:  ${botUrl}/`,
        `  Demo groups: ${DEMO_GROUPS.map(
          (d) =>
            `「${d.name}」 ${demoChatMembers(d)
              .map((p) => p.name)
              .join("、")}`,
        ).join("; ")}`,
        "  Scheduled jobs do not run by themselves here: run them as of any time from the playground (⏱ 模拟时间).",
        `  Send a message as ${g.members[0]!.name}:   npm run send -- 日报 今天完成了季度报表初稿`,
        `  See what the bot sent:           curl ${botUrl}${MOCK_MOUNT_PATH}/mock/messages`,
        "  Connect a real Feishu/Lark app: set LARK_APP_ID, LARK_APP_SECRET, LARK_VERIFICATION_TOKEN (see README).",
        "",
      ].join("\n");
    },
  };
}
