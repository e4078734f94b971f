/**
 * The survey page's HTML: mobile first, Chinese, one inline stylesheet and inline SVG, no script and
 * no asset from anywhere else, so it works on any phone browser (Lark's, WeChat's) and prints as is.
 */
import { CHOICES, formatCode, type ChoiceKey } from "../domain/survey";
import { qrSvg } from "./qr-svg";

/** Longest comment kept with an answer. */
export const MAX_COMMENT_CHARS = 200;

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:17px/1.6 -apple-system,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;
color:#1f2329;background:#f5f6f7}
main{max-width:560px;margin:0 auto;padding:16px}
h1{font-size:21px;margin:8px 0 4px}
.sub{color:#646a73;font-size:15px;margin:0 0 16px}
form,.box{background:#fff;border-radius:12px;padding:16px;margin-bottom:16px}
fieldset{border:0;margin:0;padding:0}
legend{font-weight:600;margin-bottom:8px}
.choice{display:flex;align-items:center;gap:12px;min-height:52px;padding:8px 12px;margin:8px 0;
border:1px solid #dee0e3;border-radius:10px}
.choice input{width:22px;height:22px;margin:0}
label.field{display:block;font-weight:600;margin:16px 0 6px}
input[type=text],textarea{width:100%;font:inherit;padding:10px 12px;border:1px solid #dee0e3;border-radius:10px}
textarea{min-height:88px}
button{width:100%;min-height:50px;margin-top:16px;font:inherit;font-weight:600;color:#fff;
background:#3370ff;border:0;border-radius:10px}
.error{background:#fff0f0;color:#c02a2a;border-radius:10px;padding:10px 12px;margin-bottom:12px}
.ok{color:#1a7f37}
.hint{color:#646a73;font-size:14px}
.qr{display:flex;justify-content:center}
.slips{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px}
.slip{background:#fff;border:1px dashed #8f959e;border-radius:8px;padding:12px;break-inside:avoid}
.code{font:600 20px/1.4 ui-monospace,Menlo,Consolas,monospace;letter-spacing:1px}
.used{opacity:.45}
@media print{body{background:#fff}main{max-width:none}.noprint{display:none}}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>`;
}

export interface FormView {
  title: string;
  month: string;
  action: string;
  code?: string;
  choice?: ChoiceKey;
  comment?: string;
  /** Shown above the form, in red. */
  error?: string;
  /** The code came in the link: it is filled in and not asked for. */
  codeFromLink?: boolean;
}

const monthLabel = (month: string) => `${month.slice(0, 4)} 年 ${Number(month.slice(5))} 月`;

/** The question: one of the three answers, an optional comment, and the respondent code. */
export function formPage(v: FormView): string {
  const choices = CHOICES.map(
    (c) =>
      `<label class="choice"><input type="radio" name="choice" value="${c.key}" required` +
      `${v.choice === c.key ? " checked" : ""}> ${c.label}</label>`,
  ).join("\n");
  const code = v.codeFromLink
    ? `<input type="hidden" name="code" value="${escapeHtml(v.code ?? "")}">
<p class="hint">答题码：${escapeHtml(formatCode(v.code ?? ""))}</p>`
    : `<label class="field" for="code">答题码（纸条或通知上的 10 位码）</label>
<input type="text" id="code" name="code" required autocomplete="off" autocapitalize="characters"
 maxlength="20" value="${escapeHtml(v.code ?? "")}" placeholder="例如 ABCDE-23456">`;
  return page(
    `满意度测评 · ${v.title}`,
    `<h1>满意度测评</h1>
<p class="sub">${escapeHtml(v.title)} · ${monthLabel(v.month)}</p>
<form method="post" action="${escapeHtml(v.action)}">
${v.error ? `<p class="error" role="alert">${escapeHtml(v.error)}</p>` : ""}
<fieldset>
<legend>您对「${escapeHtml(v.title)}」的工作是否满意？</legend>
${choices}
</fieldset>
<label class="field" for="comment">意见或建议（可不填，最多 ${MAX_COMMENT_CHARS} 字）</label>
<textarea id="comment" name="comment" maxlength="${MAX_COMMENT_CHARS}">${escapeHtml(v.comment ?? "")}</textarea>
${code}
<button type="submit">提交</button>
</form>
<p class="hint">不需要登录，不记录姓名。每个答题码只能提交一次。</p>`,
  );
}

/** An answer page without a form: thanks, or why nothing more can be done here. */
export function messagePage(title: string, heading: string, text: string, ok = false): string {
  return page(
    title,
    `<h1${ok ? ' class="ok"' : ""}>${escapeHtml(heading)}</h1>
<div class="box"><p>${escapeHtml(text)}</p></div>`,
  );
}

/** A poster for a wall or a counter: the survey's address as a QR code, and how to answer. */
export function posterPage(o: { title: string; month: string; url: string }): string {
  return page(
    `二维码 · ${o.title}`,
    `<h1>满意度测评</h1>
<p class="sub">${escapeHtml(o.title)} · ${monthLabel(o.month)}</p>
<div class="box qr">${qrSvg(o.url, 280, "问卷二维码")}</div>
<div class="box"><p>用手机扫码，或打开：<br><a href="${escapeHtml(o.url)}">${escapeHtml(o.url)}</a></p>
<p>凭工作人员发给您的答题码作答，不需要登录，每个答题码只能提交一次。</p></div>`,
  );
}

/** Printable slips, one per code: each with its own link as a QR code, so scanning needs no typing. */
export function slipsPage(o: {
  title: string;
  month: string;
  slips: { code: string; url: string; used: boolean }[];
  total: number;
  used: number;
  pageNo: number;
  pages: number;
  pageLink: (n: number) => string;
}): string {
  const slips = o.slips
    .map(
      (s) => `<div class="slip${s.used ? " used" : ""}">
<div class="qr">${qrSvg(s.url, 150, "答题二维码")}</div>
<div class="code">${formatCode(s.code)}</div>
<div class="hint">${s.used ? "已作答" : "扫码作答，或在问卷页输入此码"}</div>
</div>`,
    )
    .join("\n");
  const nav = [
    o.pageNo > 1 ? `<a href="${escapeHtml(o.pageLink(o.pageNo - 1))}">上一页</a>` : "",
    `第 ${o.pageNo} / ${o.pages} 页`,
    o.pageNo < o.pages ? `<a href="${escapeHtml(o.pageLink(o.pageNo + 1))}">下一页</a>` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  return page(
    `答题码 · ${o.title}`,
    `<h1>答题码</h1>
<p class="sub">${escapeHtml(o.title)} · ${monthLabel(o.month)} · 共 ${o.total} 个，已作答 ${o.used} 个</p>
<p class="noprint hint">打印后沿虚线剪开，每位受访者一张。请勿转发本页：持有答题码即可作答。${nav}</p>
<div class="slips">
${slips}
</div>`,
  );
}
