/**
 * The demo organisation local mode starts with, so `npm start` on a fresh
 * clone has a group to talk in. Ids look like Lark's so nothing downstream
 * can tell the difference.
 */
export const DEMO_TENANT = "tenant_demo";

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
    chatId: "oc_demo_office",
    name: "示范单位·综合办公室",
    owner: { openId: "ou_demo_leader", name: "李主任" },
    members: [
      { openId: "ou_demo_zhang", name: "张三" },
      { openId: "ou_demo_li", name: "李四" },
      { openId: "ou_demo_wang", name: "王五" },
      { openId: "ou_demo_zhao", name: "赵六" },
    ],
  },
  {
    chatId: "oc_demo_business",
    name: "示范单位·业务一科",
    owner: { openId: "ou_demo_chen", name: "陈科长" },
    members: [
      { openId: "ou_demo_liu", name: "刘洋" },
      { openId: "ou_demo_sun", name: "孙丽" },
      { openId: "ou_demo_zhou", name: "周杰" },
      { openId: "ou_demo_wu", name: "吴敏" },
    ],
  },
];

/**
 * The appraisal office (考核办·王老师): a member of every demo group, as the
 * office's people are of the chats they oversee, so they can speak in each.
 * The demo history makes them the tenant's 管理员 through 「设置 管理员 @王老师」.
 */
export const DEMO_OFFICE: DemoPerson = { openId: "ou_demo_office", name: "王老师" };

/** Everyone in a demo group's chat: its owner, its members and the office. */
export const demoChatMembers = (g: DemoGroup): DemoPerson[] => [g.owner, ...g.members, DEMO_OFFICE];

/** Credentials of the local app: fixed, because they only ever protect loopback traffic. */
export const LOCAL_APP = {
  appId: "cli_local_demo",
  appSecret: "local-demo-secret",
  verificationToken: "local-verification-token",
  encryptKey: "local-encrypt-key",
  botOpenId: "ou_local_bot",
  botName: "绩效考核机器人",
} as const;
