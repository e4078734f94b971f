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

/**
 * Units (issue 14 items 3 and 4): the office also appraises each demo group as a unit under the 机关单位 template
 * (篇5 line 96: 联村工作、业务工作、单位管理、党的建设和对外宣传), rates it on the history's last workday, and
 * sets the year's two-level pool. 综合办公室 scores 88.20, 业务一科 90.00: 业务一科 holds the 流动红旗.
 */
export const DEMO_UNITS: readonly { chatId: string; template: string; scores: readonly number[] }[] = [
  { chatId: demoId("oc", "office"), template: "机关单位", scores: [88, 90, 85, 92, 86] },
  { chatId: demoId("oc", "business"), template: "机关单位", scores: [92, 91, 88, 90, 89] },
];
export const DEMO_UNIT_ITEMS = ["联村工作", "业务工作", "单位管理", "党的建设", "对外宣传"] as const;
export const DEMO_UNIT_POOL_YUAN = 200_000;
