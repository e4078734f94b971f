import { and, asc, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { Database } from "../db/database";
import { auditLog, type Group, type Member } from "../db/schema";
import { endOfLocalMonth, localDateTime, startOfLocalDay } from "../domain/dates";
import { sheetName, type Sheet } from "../domain/xlsx/write";
import type { ExportPeriod } from "./export-period";
import type { AuditAction } from "./audit";
import { displayName } from "./scores";

/**
 * What each audited action is called on the sheet. Every action the app writes
 * has a label (test/app/export-audit-labels.test.ts reads the writers); an
 * action from a newer build that this one does not know still reads as 其他操作.
 */
export const ACTION_LABELS: Record<string, string> = {
  "rating.set": "评分",
  "adjustment.bonus": "加分",
  "adjustment.deduction": "扣分",
  "award.add": "奖励",
  "claim.award": "申报奖励",
  "claim.bonus": "申报加分",
  "claim.backfill": "补报",
  "claim.approved": "同意申报",
  "claim.rejected": "驳回申报",
  "claim.adjusted": "调整后同意申报",
  "claim.decide": "审批申报",
  "scheme.set": "设置方案",
  "appeal.open": "申诉",
  "appeal.decide": "处理申诉",
  "appeal.upheld": "申诉维持",
  "appeal.amended": "申诉更正",
  "publication.final": "结果定稿",
  "publication.correct": "更正结果",
  "publication.amend": "申诉更正结果",
  "record.withdraw": "撤回日报",
  "leave.add": "请假",
  "leave.request": "请假申请",
  "leave.approve": "批准请假",
  "leave.reject": "驳回请假",
  "scheme.propose": "提交方案申请",
  "scheme.reject": "驳回方案申请",
  "group.settings": "群设置",
  "group.sync": "同步成员",
  "member.join": "成员进群",
  "member.leave": "成员出群",
  "review.submit": "月评议",
  "roster.import": "花名册导入",
  "roster.move": "花名册调动部门",
  "goal.set": "设定目标",
  "goal.cancel": "取消目标",
  "goal.plan.propose": "提交目标计划书",
  "goal.plan.approve": "批准目标计划书",
  "goal.plan.reject": "驳回目标计划书",
  "department.score": "部门绩效",
  "unit.scheme": "单位考核方案",
  "unit.rating": "单位评分",
  "unit.pool": "两级分配奖金池",
  "role.admin.add": "任命管理员",
  "role.admin.remove": "免去管理员",
  "role.leader.add": "任命负责人",
  "role.leader.remove": "免去负责人",
  "link.code.room": "生成群绑定码",
  "link.code.person": "生成个人绑定码",
  "link.room": "绑定微信群",
  "link.person": "绑定个人微信",
  "link.failed": "绑定失败",
  "survey.open": "开启问卷",
  "survey.close": "结束问卷",
  "survey.import": "导入测评票数",
  "grades.confirm": "确认等次",
  "grade.override": "改等次",
  "followup.add": "制定整改项",
  "followup.close": "整改销号",
} satisfies Record<AuditAction, string>;

/** The sheet's 操作 column: the action's name, never its code. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? `其他操作（${action}）`;
}

const DETAIL_LABELS: Record<string, string> = {
  member: "成员",
  month: "月份",
  period: "期别",
  dimension: "维度",
  score: "分数",
  points: "分值",
  level: "级别",
  reason: "原因",
  comment: "评语",
  version: "版本",
  position: "岗位",
  coefficient: "系数",
  kind: "类型",
  seq: "序号",
  title: "目标",
  planned: "计划值",
  unit: "单位",
  members: "成员数",
  owner: "群主",
  left: "退出人数",
  expiresAt: "有效期至",
  platform: "平台",
  code: "绑定码",
  tenant: "组织",
  name: "名称",
  source: "来源",
  effectiveFrom: "生效日期",
  proposedBy: "提出人",
  no: "编号",
  before: "原值",
  from: "起",
  to: "止",
  previous: "原分数",
  grade: "等次",
  grades: "各人等次",
  overrides: "改等次人数",
  problem: "问题",
  measure: "措施",
  due: "时限",
  responsible: "责任",
};

function describe(detail: Record<string, unknown> | null, nameOf: (id: string) => string | undefined): string {
  if (!detail) return "";
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => {
      const text = typeof v === "string" ? (k === "member" ? (nameOf(v) ?? v) : v) : JSON.stringify(v);
      return `${DETAIL_LABELS[k] ?? k}：${text}`;
    })
    .join("；");
}

/**
 * 审计记录: every audited change of the period — made during it, or made later
 * about one of its months (a correction of a final quarter) — oldest first,
 * times in each group's own zone.
 */
export async function auditSheet(
  db: Database,
  list: Group[],
  period: ExportPeriod,
  people: Map<string, Member>,
  taken: Set<string>,
): Promise<Sheet> {
  const columns = [
    { header: "时间" },
    { header: "部门" },
    { header: "操作人" },
    { header: "操作" },
    { header: "对象" },
    { header: "详情" },
  ];
  if (!list.length) return { name: sheetName("审计记录", taken), columns, rows: [] };
  const zone = list[0]!.timezone;
  const from = startOfLocalDay(`${period.months[0]}-01`, zone);
  const to = endOfLocalMonth(period.months.at(-1)!, zone);
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        inArray(
          auditLog.groupId,
          list.map((g) => g.id),
        ),
        or(
          and(gte(auditLog.at, from), lt(auditLog.at, to)),
          inArray(sql`json_extract(${auditLog.detail}, '$.month')`, period.months),
          inArray(sql`json_extract(${auditLog.detail}, '$.period')`, [period.id, ...period.months]),
        ),
      ),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  const groupById = new Map(list.map((g) => [g.id, g] as const));
  const byUser = new Map<string, Member>();
  for (const m of people.values())
    if (!byUser.has(`${m.groupId}|${m.userId}`)) byUser.set(`${m.groupId}|${m.userId}`, m);
  const nameOf = (id: string) => {
    const m = people.get(id);
    return m ? displayName(m) : undefined;
  };
  return {
    name: sheetName("审计记录", taken),
    columns,
    rows: rows.map((r) => {
      const group = r.groupId ? groupById.get(r.groupId) : undefined;
      const local = localDateTime(r.at, group?.timezone ?? zone);
      const actor = r.actorUserId ? byUser.get(`${r.groupId}|${r.actorUserId}`) : undefined;
      const subject = r.detail && typeof r.detail.member === "string" ? nameOf(r.detail.member) : undefined;
      return [
        `${local.date} ${local.time}`,
        group ? group.name || group.chatId : "",
        actor ? displayName(actor) : r.actorUserId ? r.actorUserId : "系统",
        actionLabel(r.action),
        subject ?? "",
        describe(r.detail, nameOf),
      ];
    }),
  };
}
