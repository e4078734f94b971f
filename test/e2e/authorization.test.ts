/**
 * The authorization matrix, generated from the bot's own lists: every chat command
 * (commands/index.ts `commands`) and every card action (`cardActions`) has an entry here,
 * and every leader-only and office-only entry is tried by three people who must be refused:
 * a staff member of the group, the leader of another group of the same organisation, and
 * the leader and admin of another tenant. Each try goes through the real webhook, sealed as
 * Lark seals it, with ids of the shapes Lark documents; each must get a clear Chinese
 * refusal and leave every table as it was (the refusal itself is the only thing queued).
 * A command or card action added without an entry here fails the first test.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cardActions, commands } from "../../commands";
import { groupCalendar } from "../../src/app/leaves";
import { publish } from "../../src/app/publications";
import { appeals, claims, goalPlans, groups, leaves, members, records, schemeProposals } from "../../src/db/schema";
import {
  botAddedEvent,
  cardActionEvent,
  fileMessageEvent,
  textMessageEvent,
} from "../../src/channels/local/lark-events";
import { APP, TOKEN, startHarness, type Harness } from "../support/bot-harness";
import { larkChatId, larkOpenId, larkTenantKey } from "../support/ids";

/** Lark's shapes (test/support/ids.ts): ou_/oc_/om_ and 32 lowercase hex; tenant keys are short hex strings. */
const person = (seed: string, name: string) => ({ openId: larkOpenId(seed), name });
type Person = ReturnType<typeof person>;

const TENANT_A = larkTenantKey("tenant-a");
const TENANT_B = larkTenantKey("tenant-b");
const LEADER = person("leader-a", "李主任");
const STAFF = person("staff-a", "张三");
const SUBJECT = person("subject-a", "王五");
const OTHER_LEADER = person("leader-a2", "赵科长");
const FOREIGN = person("leader-b", "钱局长");
const CHAT_A = larkChatId("chat-a");
const CHAT_A2 = larkChatId("chat-a2");
const CHAT_B = larkChatId("chat-b");

/** Who tries what they may not do, and in which tenant their events arrive. */
const ACTORS = {
  staff: { who: STAFF, tenant: TENANT_A, what: "a staff member of the group" },
  "other leader": { who: OTHER_LEADER, tenant: TENANT_A, what: "the leader of another group in the organisation" },
  "other tenant": { who: FOREIGN, tenant: TENANT_B, what: "the leader and admin of another tenant" },
} as const;

/** What an answer must say for a refusal: who may do it, or that the thing is not theirs to see. */
const REFUSAL =
  /只有负责人可以操作|只有管理员可以操作|没有权限|只能看自己的明细|只有本群的考核负责人|找不到这条|找不到这个群|只有负责人可以提交/u;

interface Probe {
  /** The message as typed in the group (after @bot); `{claim}`/`{appeal}` become the numbers made in setup. */
  text?: string;
  mentions?: Person[];
  /** A roster file sent privately instead of a text. */
  file?: boolean;
}
type Access = "everyone" | "leader" | "office" | "leader or office" | "mixed";
interface Entry {
  access: Access;
  /** Why an "everyone" or "mixed" command needs no refusal beyond its probes. */
  why?: string;
  probes?: Probe[];
}

const at = (p: Person) => `@${p.name}`;

/** Every command by its name. Leader-only and office-only ones carry the invocations that must be refused. */
const COMMAND_MATRIX: Record<string, Entry> = {
  日报: { access: "everyone", why: "one's own record" },
  我的: { access: "everyone", why: "one's own records" },
  补报: { access: "everyone", why: "a claim a leader decides" },
  撤回: { access: "everyone", why: "only one's own record is withdrawn" },
  请假: { access: "everyone", why: "one's own leave, a request a leader decides" },
  申报: { access: "everyone", why: "a claim a leader decides" },
  成绩: { access: "everyone", why: "one's own score" },
  明细: {
    access: "mixed",
    why: "one's own detail; someone else's is for leaders",
    probes: [{ text: `明细 ${at(SUBJECT)}`, mentions: [SUBJECT] }],
  },
  申诉: { access: "everyone", why: "one's own result" },
  排名: { access: "everyone", why: "shown as the scheme's visibility allows the viewer" },
  部门排名: { access: "everyone", why: "group averages only" },
  目标: {
    access: "mixed",
    why: "anyone sees the targets; leaders and the office set them",
    probes: [{ text: `目标 ${at(SUBJECT)} 业务 完成12个项目`, mentions: [SUBJECT] }],
  },
  目标计划书: { access: "leader or office", probes: [{ text: "目标计划书" }, { text: "目标计划书 本年" }] },
  方案: {
    access: "mixed",
    why: "anyone reads the scheme; leaders change it",
    probes: [
      { text: "方案 使用 单位干部" },
      { text: '方案 导入 {"name":"新方案","dimensions":[{"key":"work","name":"工作","weight":100}]}' },
    ],
  },
  待办: { access: "everyone", why: "lists only the claims waiting for the sender" },
  月评: { access: "leader", probes: [{ text: "月评" }] },
  评议打分: {
    access: "everyone",
    why: "a rating counts as the rater's role allows (a staff member's is a peer rating)",
  },
  发送失败: { access: "leader", probes: [{ text: "发送失败" }] },
  重发: { access: "leader", probes: [{ text: "重发" }] },
  设置: {
    access: "leader or office",
    probes: [
      { text: "设置 提醒时间 18:00" },
      { text: "设置 放假 12-31" },
      { text: `设置 负责人 ${at(SUBJECT)}`, mentions: [SUBJECT] },
      { text: `设置 管理员 ${at(SUBJECT)}`, mentions: [SUBJECT] },
      { text: "设置 部门绩效 92" },
    ],
  },
  评分: { access: "leader", probes: [{ text: `评分 ${at(SUBJECT)} 业务 90 报表及时准确`, mentions: [SUBJECT] }] },
  加分: { access: "leader", probes: [{ text: `加分 ${at(SUBJECT)} 联村 2 牵头完成秋收调度`, mentions: [SUBJECT] }] },
  扣分: {
    access: "leader",
    probes: [{ text: `扣分 ${at(SUBJECT)} 作风 1 11月20日例会无故缺席`, mentions: [SUBJECT] }],
  },
  奖励: { access: "leader", probes: [{ text: `奖励 ${at(SUBJECT)} 市级 获评市级优秀共产党员`, mentions: [SUBJECT] }] },
  更正: {
    access: "leader",
    probes: [{ text: `更正 2026-Q3 ${at(SUBJECT)} 联村 2 9月防汛值班漏记，经核实补记`, mentions: [SUBJECT] }],
  },
  全员排名: { access: "office", probes: [{ text: "全员排名" }] },
  导出: { access: "office", probes: [{ text: "导出 2026-Q3" }] },
  花名册导入: { access: "office", probes: [{ file: true }] },
  同意: { access: "leader", probes: [{ text: "同意 {claim}" }] },
  驳回: { access: "leader", probes: [{ text: "驳回 {claim} 依据不足" }] },
  调整: { access: "leader", probes: [{ text: "调整 {claim} 1 按实际牵头部分计分" }] },
  维持申诉: { access: "leader", probes: [{ text: "维持申诉 {appeal} 加分已计入9月" }] },
  更正申诉: { access: "leader", probes: [{ text: "更正申诉 {appeal} 联村 1 9月联村加分漏计" }] },
  批准方案: { access: "office", probes: [{ text: "批准方案 {proposal}" }] },
  批准请假: { access: "leader", probes: [{ text: "批准请假 {leave}" }] },
  驳回请假: { access: "leader", probes: [{ text: "驳回请假 {leave}" }] },
  驳回方案: { access: "office", probes: [{ text: "驳回方案 {proposal}" }] },
  绑定码: {
    access: "mixed",
    why: "anyone gets a personal code privately; a group's code is for its leaders",
    probes: [{ text: "绑定码" }],
  },
  绑定: { access: "everyone", why: "links only with a code a leader or the person made" },
  帮助: { access: "everyone", why: "reads the command list" },
  问卷: {
    access: "mixed",
    why: "anyone sees this month's surveys and their samples; leaders open, close and print them",
    probes: [
      { text: "问卷 开 作风 份数 20 最少 10" },
      { text: `问卷 开 业务 ${at(SUBJECT)}`, mentions: [SUBJECT] },
      { text: "问卷 结束 1" },
      { text: "问卷 答题码 1" },
    ],
  },
  确认等次: { access: "office", probes: [{ text: "确认等次 2026-Q3" }] },
  改等次: {
    access: "office",
    probes: [{ text: `改等次 2026-Q3 ${at(SUBJECT)} 优秀 考核小组复核群众测评`, mentions: [SUBJECT] }],
  },
  整改: {
    access: "mixed",
    why: "anyone sees their own items; leaders set items for others",
    probes: [
      {
        text: `整改 ${at(SUBJECT)} 问题：日报缺报 措施：每日按时提交 责任：王五 时限：2026-12-31`,
        mentions: [SUBJECT],
      },
    ],
  },
  销号: { access: "leader", probes: [{ text: "销号 1 已整改到位" }] },
  // Issue 14 items 3 and 4: units appraised by the office, and the two-level pay.
  单位方案: {
    access: "mixed",
    why: "anyone reads the unit scheme and its templates; the office sets it",
    probes: [
      { text: "单位方案 使用 村" },
      { text: '单位方案 {"name":"镇对村考核","dimensions":[{"key":"economy","name":"经济发展","weight":100}]}' },
    ],
  },
  单位评分: { access: "office", probes: [{ text: "单位评分 经济发展 90 完成全年招商任务" }] },
  单位排名: { access: "everyone", why: "units' scores, which the monthly broadcast shows every group anyway" },
  两级分配: {
    access: "mixed",
    why: "anyone sees the split of a set pool and their own lines; the office sets the pool",
    probes: [{ text: "两级分配 2026 奖金池 100000" }],
  },
};

interface ActionProbe {
  value: (ids: Ids) => Record<string, unknown>;
  form?: Record<string, unknown>;
}
/** Every card action by its name; the leader-only ones carry forged clicks that must be refused. */
const ACTION_MATRIX: Record<string, { access: Access; why?: string; probes?: ActionProbe[] }> = {
  "record.withdraw": { access: "everyone", why: "only the record's owner may withdraw it (daily-record.test.ts)" },
  "claim.decide": {
    access: "leader",
    probes: [
      { value: (i) => ({ a: "claim.decide", id: i.claim, d: "approve" }) },
      { value: (i) => ({ a: "claim.decide", id: i.claim, d: "adjust" }), form: { points: "1", comment: "按实际" } },
    ],
  },
  "review.submit": {
    access: "leader",
    probes: [
      {
        value: (i) => ({ a: "review.submit", g: i.group, m: "2026-10", k: "leader", s: i.subject }),
        form: { d_village: "60", d_business: "60", comment: "评语" },
      },
    ],
  },
  "report.detail": { access: "everyone", why: "the operator's own report" },
  "appeal.decide": {
    access: "leader",
    probes: [
      { value: (i) => ({ a: "appeal.decide", id: i.appeal, d: "uphold" }), form: { reason: "维持" } },
      {
        value: (i) => ({ a: "appeal.decide", id: i.appeal, d: "amend" }),
        form: { dimension: "village", points: "5", reason: "更正" },
      },
    ],
  },
  "report.object": { access: "everyone", why: "an objection to the operator's own result" },
  "leave.decide": {
    access: "leader",
    probes: [
      { value: (i) => ({ a: "leave.decide", id: i.leave, d: "approve" }) },
      { value: (i) => ({ a: "leave.decide", id: i.leave, d: "reject" }) },
      { value: (i) => ({ action: "leave.decide", id: i.leave, decision: "approve" }) },
    ],
  },
  "scheme.decide": {
    access: "office",
    probes: [
      { value: (i) => ({ a: "scheme.decide", id: i.proposal, d: "approve" }) },
      { value: (i) => ({ a: "scheme.decide", id: i.proposal, d: "reject" }) },
      { value: (i) => ({ action: "scheme.decide", id: i.proposal, decision: "approve" }) },
    ],
  },
  "goal-plan.decide": {
    access: "office",
    probes: [
      { value: (i) => ({ action: "goal-plan.decide", id: i.plan, decision: "approve" }) },
      { value: (i) => ({ action: "goal-plan.decide", id: i.plan, decision: "reject" }) },
    ],
  },
  "record.suggested": {
    access: "everyone",
    why: "files the suggested record for its sender only; anyone else's click gets a toast (hostile-input.test.ts)",
  },
  "grades.confirm": {
    access: "office",
    probes: [
      { value: (i) => ({ a: "grades.confirm", g: i.group, p: "2026-Q3" }) },
      { value: (i) => ({ action: "grades.confirm", groupId: i.group, period: "2026-Q3" }) },
    ],
  },
  "followup.close": {
    access: "leader",
    probes: [
      { value: (i) => ({ a: "followup.close", g: i.group, id: "fup_0000000000000000000000" }) },
      { value: (i) => ({ action: "followup.close", groupId: i.group, id: "fup_0000000000000000000000" }) },
    ],
  },
};

interface Ids {
  group: string;
  subject: string;
  claim: string;
  claimNo: number;
  appeal: string;
  appealNo: number;
  /** A group leader's scheme proposal waiting for the office. */
  proposal: string;
  proposalNo: number;
  /** A staff member's leave request waiting for a leader. */
  leave: string;
  /** A group leader's 目标计划书 waiting for the office. */
  plan: string;
  leaveNo: number;
}

let h: Harness;
let ids: Ids;

/** Says something in a chat as Lark delivers it, and returns the bot's reply to that very message (as JSON text). */
async function say(
  from: Person,
  text: string,
  o: { chat?: string; tenant?: string; mentions?: Person[] } = {},
): Promise<string> {
  const chatId = o.chat ?? CHAT_A;
  const messageId = h.lark.mock.addUserMessage({
    chatId,
    openId: from.openId,
    content: JSON.stringify({ text }),
  }).messageId;
  const res = await h.post(
    textMessageEvent({
      token: TOKEN,
      appId: APP.appId,
      tenantKey: o.tenant ?? TENANT_A,
      chatId,
      chatType: "group",
      senderOpenId: from.openId,
      messageId,
      text: `@绩效考核机器人 ${text}`,
      mentions: [{ openId: APP.botOpenId, name: "绩效考核机器人" }, ...(o.mentions ?? [])],
    }),
  );
  expect(res.status).toBe(200);
  await h.bot.idle();
  const reply = h.lark.mock.sentMessages({ chatId }).find((m) => m.parentId === messageId);
  return reply ? JSON.stringify(reply.parsed) : "";
}

async function addGroup(chatId: string, tenant: string, owner: Person, people: Person[]) {
  h.lark.mock.addChat({ chatId, name: owner.name, ownerOpenId: owner.openId, members: [owner, ...people] });
  const res = await h.post(
    botAddedEvent({ token: TOKEN, appId: APP.appId, tenantKey: tenant, chatId, operatorOpenId: owner.openId }),
  );
  expect(res.status).toBe(200);
  await h.bot.idle();
}

/** Every row of every table but the dedupe markers and the outbox (checked apart: only the refusal may be added). */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const tables = (
    await h.bot.db.all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`,
    )
  ).map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  for (const name of tables.filter((n) => n !== "processed_events" && n !== "outbox"))
    out[name] = await h.bot.db.all(sql.raw(`select * from "${name}" order by rowid`));
  return out;
}
const outboxRows = () =>
  h.bot.db.all<{ id: number; receive_id_type: string; receive_id: string }>(
    sql`select id, receive_id_type, receive_id from outbox order by id`,
  );

beforeAll(async () => {
  h = await startHarness({ clockStart: "2026-09-10T02:00:00Z" });
  for (const p of [LEADER, STAFF, SUBJECT, OTHER_LEADER, FOREIGN]) h.lark.mock.addUser(p);
  // The other tenant's leader is in this group too (an external member), so he can speak in it.
  await addGroup(CHAT_A, TENANT_A, LEADER, [STAFF, SUBJECT, OTHER_LEADER, FOREIGN]);
  await addGroup(CHAT_A2, TENANT_A, OTHER_LEADER, [STAFF]);
  await addGroup(CHAT_B, TENANT_B, FOREIGN, [person("staff-b", "孙科员")]);
  // The first leader to configure the bot becomes the tenant's admin: 李主任 in A, 钱局长 in B.
  expect(await say(LEADER, "设置 提醒时间 17:30")).toContain("已成为本组织的管理员");
  expect(await say(FOREIGN, "设置 提醒时间 17:30", { chat: CHAT_B, tenant: TENANT_B })).toContain(
    "已成为本组织的管理员",
  );

  // A published quarter to appeal against. The quarterly job publishes it; here the same app call does,
  // because scoring still refuses member ids built from real-length Lark ids (issue 12 item 1, branch ids).
  const [groupA] = await h.bot.db.select().from(groups).where(sql`${groups.chatId} = ${CHAT_A}`);
  await publish(h.bot.db, groupA!, "2026-Q3", "2026-10-08", groupCalendar(groupA!), new Date("2026-10-08T01:05:00Z"));
  h.clock.set("2026-10-09T02:00:00Z");
  expect(await say(STAFF, "申诉 9月联村工作漏记了防汛值班")).toContain("申诉已提交");
  expect(await say(STAFF, "申报 加分 联村 2 牵头完成秋收调度")).toContain("申报");
  expect(await say(STAFF, "日报 整理档案")).toContain("已记录");
  // Everyone has spoken in the group once, so nobody is registered by the tries below.
  for (const { who, tenant } of Object.values(ACTORS)) await say(who, "我的", { tenant });

  const [group] = await h.bot.db.select().from(groups).where(sql`${groups.chatId} = ${CHAT_A}`);
  const [subject] = await h.bot.db
    .select()
    .from(members)
    .where(sql`${members.groupId} = ${group!.id} and ${members.userId} = ${SUBJECT.openId}`);
  // A second leader of the group, not an admin: his 方案 change is a proposal for the office (issue 13 item 10).
  expect(await say(LEADER, `设置 负责人 ${at(SUBJECT)}`, { mentions: [SUBJECT] })).toContain("负责人");
  expect(await say(SUBJECT, "方案 使用 单位干部")).toContain("方案申请已提交");
  const [proposal] = await h.bot.db.select().from(schemeProposals);
  // ...and his 目标计划书 too (issue 14 item 1).
  expect(await say(SUBJECT, "目标 业务 完成3个项目")).toContain("已设目标");
  expect(await say(SUBJECT, "目标计划书")).toContain("目标计划书已提交");
  const [plan] = await h.bot.db.select().from(goalPlans);
  expect(await say(STAFF, "请假 10-12 事假 家中有事")).toContain("已登记请假");
  const [leave] = await h.bot.db.select().from(leaves);
  const [claim] = await h.bot.db.select().from(claims);
  const [appeal] = await h.bot.db.select().from(appeals);
  expect(await h.bot.db.select().from(records)).toHaveLength(1);
  ids = {
    group: group!.id,
    subject: subject!.id,
    claim: claim!.id,
    claimNo: claim!.no!,
    appeal: appeal!.id,
    appealNo: appeal!.no!,
    proposal: proposal!.id,
    proposalNo: proposal!.no,
    leave: leave!.id,
    leaveNo: leave!.no!,
    plan: plan!.id,
  };
}, 120_000);
afterAll(() => h.close());

describe("the authorization matrix", () => {
  test("has an entry for every chat command and every card action, and nothing else", () => {
    expect(Object.keys(COMMAND_MATRIX).sort()).toEqual(commands.map((c) => c.name).sort());
    expect(Object.keys(ACTION_MATRIX).sort()).toEqual(cardActions.map((a) => a.name).sort());
    for (const [name, entry] of [...Object.entries(COMMAND_MATRIX), ...Object.entries(ACTION_MATRIX)]) {
      // A restricted entry must be tried; an open one must say why it is open.
      if (entry.access === "everyone") expect(entry.why, name).toBeTruthy();
      else expect(entry.probes?.length, name).toBeGreaterThan(0);
    }
  });

  const commandCases = Object.entries(COMMAND_MATRIX).flatMap(([name, entry]) =>
    (entry.probes ?? []).flatMap((probe) =>
      Object.entries(ACTORS).map(([actor, a]) => ({
        name,
        probe,
        label: probe.text ?? "花名册.csv（私聊发送文件）",
        actor,
        ...a,
      })),
    ),
  );
  test.each(commandCases)(
    "$name「$label」by $actor ($what) is refused and changes nothing",
    async ({ probe, who, tenant }) => {
      const before = await snapshot();
      const queued = (await outboxRows()).length;
      let answer: string;
      if (probe.file) {
        // A roster file sent privately to this organisation's bot (a file shared in a group is not a command):
        // the event comes from tenant A's installation, where the other tenant's admin is only a member.
        const chatId = h.lark.mock.store.p2pChat(APP.appId, who.openId).chatId;
        const message = h.lark.mock.addUserFile({
          chatId,
          openId: who.openId,
          fileName: "花名册.csv",
          bytes: new TextEncoder().encode("姓名,部门,岗位,系数\n王五,综合办公室,科员,1\n"),
        });
        const fileKey = (message.parsed as { file_key: string }).file_key;
        await h.post(
          fileMessageEvent({
            token: TOKEN,
            appId: APP.appId,
            tenantKey: TENANT_A,
            chatId,
            chatType: "p2p",
            senderOpenId: who.openId,
            messageId: message.messageId,
            fileKey,
            fileName: "花名册.csv",
          }),
        );
        await h.bot.idle();
        const reply = h.lark.mock.sentMessages({ chatId }).find((m) => m.parentId === message.messageId);
        answer = reply ? JSON.stringify(reply.parsed) : "";
      } else {
        const text = probe
          .text!.replace("{claim}", String(ids.claimNo))
          .replace("{appeal}", String(ids.appealNo))
          .replace("{proposal}", String(ids.proposalNo))
          .replace("{leave}", String(ids.leaveNo));
        answer = await say(who, text, { tenant, ...(probe.mentions ? { mentions: probe.mentions } : {}) });
      }
      expect(answer).toMatch(REFUSAL);
      expect(answer).not.toContain("出错了");
      expect(await snapshot()).toEqual(before);
      // The refusal is the only message queued: nothing went to anyone else.
      const added = (await outboxRows()).slice(queued);
      expect(added).toHaveLength(1);
      expect(added[0]!.receive_id_type).toBe("reply");
    },
  );

  const actionCases = Object.entries(ACTION_MATRIX).flatMap(([name, entry]) =>
    (entry.probes ?? []).flatMap((probe) => Object.entries(ACTORS).map(([actor, a]) => ({ name, probe, actor, ...a }))),
  );
  test.each(actionCases)(
    "card action $name by $actor ($what) is refused and changes nothing",
    async ({ probe, who, tenant }) => {
      const before = await snapshot();
      const queued = (await outboxRows()).length;
      // A forged click on a card the actor did receive: the bot's last answer to them in the group.
      const theirs = h.lark.mock
        .sentMessages({ chatId: CHAT_A })
        .filter((m) => m.msgType === "interactive")
        .at(-1)!;
      const res = await h.post(
        cardActionEvent({
          token: TOKEN,
          appId: APP.appId,
          tenantKey: tenant,
          operatorOpenId: who.openId,
          value: probe.value(ids),
          messageId: theirs.messageId,
          chatId: CHAT_A,
          ...(probe.form ? { formValue: probe.form } : {}),
        }),
      );
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { toast?: { type: string; content: string }; card?: unknown };
      await h.bot.idle();
      expect(answer.toast?.type).toMatch(/^(error|warning)$/);
      expect(answer.toast?.content).toMatch(REFUSAL);
      expect(answer.card).toBeUndefined();
      expect(await snapshot()).toEqual(before);
      expect((await outboxRows()).slice(queued)).toEqual([]);
    },
  );
});
