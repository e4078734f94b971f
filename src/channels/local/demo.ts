import { sha256Hex } from "../../db/sha256";
import { schemeTemplates } from "../../domain/scheme";

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

/**
 * Targets that score (issue 14 item 1): 业务一科 is appraised under 单位干部 with 单位业务 bound to its target, so a
 * visitor sees a target scoring an indicator in the first minutes. On the history's first day the office imports
 * this scheme for the group, sets its quarter's target (the history's 「目标 业务 走访辖区企业 40 家」) and files the
 * 目标计划书, approved at once (the office files it) and published to the group; the records tagged 「#目标1 +k」
 * then score 单位业务 by the curve: ≥ the plan due so far is 100 plus a bonus up to 20% of the item.
 */
export const DEMO_TARGET_SCHEME = {
  rules: 2,
  name: "单位干部（目标责任制）",
  dimensions: [
    { key: "village", name: "联村工作", weight: 40, bonusCapPct: 20 },
    { key: "business", name: "单位业务", weight: 40, bonusCapPct: 20, source: "target" },
    { key: "conduct", name: "单位管理学习作风", weight: 20, bonusCapPct: 20 },
  ],
  raters: { leader: 100 },
  rankingVisibility: "top",
} as const;

/** What the office says in 业务一科 on the history's first day, before and after the group's target is set. */
export const demoTargetMessages = (quarter: string) => ({
  before: `方案 导入 ${JSON.stringify(DEMO_TARGET_SCHEME)}`,
  after: `目标计划书 ${quarter}`,
});

/**
 * 群众评价 (issue 14 item 2): 综合办公室 runs the 单位干部 template (篇5 line 96) with a 群众 (public) rater group beside
 * its leaders, as 篇9 gives 公众形象 30% (「由25%提高到30%」); the 70/30 split is that example, not a seed rule. Its
 * leader opens a survey of 单位管理学习作风 for the whole office (40 slips, at least 20 answers), 26 people served
 * answer on the survey page (19 满意, 6 基本满意, 1 不满意: (19×100 + 6×60) ÷ 26 = 86.92), and the leader closes it.
 */
const unitStaff = schemeTemplates.find((t) => t.id === "unit-staff")!.scheme;
export const DEMO_SURVEY_SCHEME = { ...unitStaff, name: "单位干部（含群众评价）", raters: { leader: 70, public: 30 } };
export const DEMO_SURVEY = {
  chatId: demoId("oc", "office"),
  dimension: "单位管理学习作风",
  codes: 40,
  minSample: 20,
  answers: [
    ...Array.from({ length: 19 }, () => "good" as const),
    ...Array.from({ length: 6 }, () => "fair" as const),
    "poor" as const,
  ],
  /** What a few respondents write beside their choice, by answer index. */
  comments: {
    0: "办事热情，一次就办好了",
    3: "材料退改讲得很清楚",
    20: "窗口午休时段有时没人",
    25: "电话打了两次才接通",
  },
} as const;
