import type { ExportPeriod } from "../src/app/export-period";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";

/** "正在导出": the workbook `name` for the period (`label`: 2026年第4季度) is on its way, privately. */
export function exportStartedCard(
  period: ExportPeriod,
  v: { label: string; name: string; inPrivate: boolean },
  lang: Lang,
): Rendered {
  const { label, name, inPrivate } = v;
  return noticeCard({
    title: t(lang, "正在导出", "Exporting"),
    body: t(
      lang,
      `${label}的考核结果（全单位各部门的成绩、名次、等次、奖金，审计记录）正在生成，稍后以文件「${name}」${inPrivate ? "发给你" : "私聊发给你"}。`,
      `The results for ${period.id} are being prepared; “${name}” will be sent to you privately.`,
    ),
    colour: "green",
  });
}
