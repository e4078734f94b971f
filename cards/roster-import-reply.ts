import type { RosterFileCheck, RosterFileResult } from "../src/app/roster-file";
import type { RosterPlan } from "../src/app/roster";
import { describeProblem } from "../src/domain/roster";
import { excerpt } from "../src/domain/text";
import { t, type Lang, type Rendered } from "./kit";
import { noticeCard } from "./notice";
import { plainNotice } from "./refusals";

/** How many problems the answer lists; the rest are counted. */
const SHOWN_PROBLEMS = 30;

const HOW = "表头：姓名、部门（群名）、岗位、系数，可加「生效日期」（不填为今天，最早本月 1 日）；一人一行。";

const REFUSED = {
  xls: "请把 .xls 另存为 .xlsx（或 .csv）后再发。",
  "no-files": "这个渠道还不能接收文件。",
  "download-failed": "文件没有下载成功，请稍后重新发送。",
  "too-big": "文件太大（超过 10 MB），花名册不会这么大，请检查是否发错了文件。",
  "unreadable-xlsx": "读不出这个 .xlsx 文件，请用 Excel 或 WPS 重新保存为 .xlsx 后再发。",
  "unreadable-csv": "读不出这个 .csv 文件的文字编码，请另存为「CSV UTF-8」后再发。",
} as const;

const notImported = (body: string) => noticeCard({ title: "花名册没有导入", body, hint: HOW, colour: "yellow" });

/** 花名册导入 typed as a command: how it is done. */
export function rosterHowCard(): Rendered {
  return noticeCard({
    title: "导入花名册",
    body: `把花名册的 .xlsx 或 .csv 文件直接发给我（私聊或在群里）。${HOW}`,
    hint: "有问题的行会逐行列出；全部正确才会导入。",
    colour: "blue",
  });
}

/** Why a file is no roster to import; undefined for a file shared in a group that is none of ours. */
export function rosterFileRefusal(r: Exclude<RosterFileCheck, { ok: true }>, fileName: string): Rendered | undefined {
  if (r.code === "ignored") return undefined;
  if (r.code === "xls") return notImported(REFUSED.xls);
  return notImported(`「${excerpt(fileName, 40)}」不是 .xlsx 或 .csv 文件，我只能从这两种文件导入花名册。`);
}

/** Who is back where, from when: "张三回到「综合办公室」（自 2027-02-10 起）". */
function listedBack(back: RosterPlan["back"]): string {
  const shown = back.slice(0, 6).map((b) => `${excerpt(b.name, 20)}回到「${excerpt(b.group, 20)}」（自 ${b.from} 起）`);
  return back.length > shown.length ? `${shown.join("、")} 等 ${back.length} 人` : shown.join("、");
}

/** The answer to a roster file: what changed, every problem by row and column, or why it was not read. */
export function rosterImportReply(r: RosterFileResult, fileName: string, lang: Lang): Rendered {
  if (r.code === "problems") {
    const shown = r.problems.slice(0, SHOWN_PROBLEMS).map(describeProblem);
    const more = r.problems.length - shown.length;
    return plainNotice({
      title: t(
        lang,
        `花名册没有导入：${r.problems.length} 处问题`,
        `Roster not imported: ${r.problems.length} problems`,
      ),
      body: [...shown, ...(more > 0 ? [`……还有 ${more} 处`] : [])].join("\n"),
      hint: "全部改好后重新发送文件；有问题时一行也不会导入。",
      colour: "yellow",
    });
  }
  if (r.code !== "imported") return notImported(REFUSED[r.code]);
  return noticeCard({
    title: "花名册已导入",
    body: [
      `${fileName}：${r.groups} 个部门，更新 ${r.changed} 人的岗位或系数`,
      r.unchanged ? `，${r.unchanged} 人没有变化` : "",
      r.effective.length ? `，自 ${r.effective.join("、")} 起生效（此前的月份按原岗位、系数计分）` : "",
      "。",
      r.back.length
        ? `${listedBack(r.back)}：已离开的人重新计入原部门（同一名册记录），离开期间整月不计分、其间的工作日不计按时记录率。`
        : "",
      "每一项更改都记入审计记录。",
    ].join(""),
    colour: "green",
  });
}
