import { sha256Hex } from "../../db/sha256";

/**
 * The demo organisation local mode starts with, so `npm start` on a fresh
 * clone has a group to talk in. Ids have the shapes and lengths Lark documents
 * (ou_/oc_/om_ + 32 hex, a 16-hex tenant key), fixed so a restarted playground
 * meets the same people, and nothing downstream can tell the difference.
 */
export const demoId = (prefix: "ou" | "oc" | "om", name: string) =>
  `${prefix}_${sha256Hex(`demo:${prefix}:${name}`).slice(0, 32)}`;

export const DEMO_TENANT = sha256Hex("demo:tenant").slice(0, 16);

export interface DemoPerson {
  openId: string;
  name: string;
}

export interface DemoGroup {
  chatId: string;
  name: string;
  owner: DemoPerson;
  members: DemoPerson[];
}

export const DEMO_GROUPS: readonly DemoGroup[] = [
  {
    chatId: demoId("oc", "office"),
    name: "示范单位·综合办公室",
    owner: { openId: demoId("ou", "leader"), name: "李主任" },
    members: [
      { openId: demoId("ou", "zhang"), name: "张三" },
      { openId: demoId("ou", "li"), name: "李四" },
      { openId: demoId("ou", "wang"), name: "王五" },
      { openId: demoId("ou", "zhao"), name: "赵六" },
    ],
  },
  {
    chatId: demoId("oc", "business"),
    name: "示范单位·业务一科",
    owner: { openId: demoId("ou", "chen"), name: "陈科长" },
    members: [
      { openId: demoId("ou", "liu"), name: "刘洋" },
      { openId: demoId("ou", "sun"), name: "孙丽" },
      { openId: demoId("ou", "zhou"), name: "周杰" },
      { openId: demoId("ou", "wu"), name: "吴敏" },
    ],
  },
];

/**
 * The appraisal office (考核办·王老师): a member of every demo group, as the
 * office's people are of the chats they oversee, so they can speak in each.
 * The demo history makes them the tenant's 管理员 through 「设置 管理员 @王老师」.
 */
export const DEMO_OFFICE: DemoPerson = { openId: demoId("ou", "office"), name: "王老师" };

/** Everyone in a demo group's chat: its owner, its members and the office. */
export const demoChatMembers = (g: DemoGroup): DemoPerson[] => [g.owner, ...g.members, DEMO_OFFICE];

/** Credentials of the local app: fixed, because they only ever protect loopback traffic. */
export const LOCAL_APP = {
  appId: "cli_a1b2c3d4e5f60718",
  appSecret: "local-demo-secret",
  verificationToken: "local-verification-token",
  encryptKey: "local-encrypt-key",
  botOpenId: demoId("ou", "bot"),
  botName: "绩效考核机器人",
} as const;
