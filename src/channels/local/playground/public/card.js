// Renders Lark Card JSON 2.0 the way the Feishu client shows it, closely enough to judge a card:
// header and template colour, markdown, hr, column_set, table, chart (VChart), form with
// input / select_static / date_picker, and buttons whose clicks become card.action.trigger callbacks.

const h = (tag, attrs = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "style") el.style.cssText = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) el.append(c instanceof Node ? c : String(c));
  return el;
};
export { h };

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const FONT_COLOURS = new Set(["red", "orange", "yellow", "green", "blue", "purple", "grey", "gray", "carmine", "violet", "wathet", "turquoise", "indigo"]);

/** Lark card markdown → safe HTML: escapes, **bold**, *italic*, ~~strike~~, `code`, links, <font>, <at>, lists. */
export function markdownToHtml(src, people = {}) {
  const escapes = [];
  // Backslash escapes first (the bot escapes user text), kept aside so nothing below touches them.
  let s = src.replace(/\\([\\`*_~[\]()<>#+\-.!|{}])/g, (_, c) => `\u0000${escapes.push(c) - 1}\u0000`);
  s = escapeHtml(s);
  s = s.replace(/&lt;at (?:user_)?id=(?:&quot;|&#39;)?([\w-]+)(?:&quot;|&#39;)?&gt;&lt;\/at&gt;/g, (_, id) =>
    `<span class="at">@${escapeHtml(id === "all" ? "所有人" : (people[id] ?? id))}</span>`);
  s = s.replace(/&lt;font color=(?:&#39;|&quot;)?(\w+)(?:&#39;|&quot;)?&gt;([\s\S]*?)&lt;\/font&gt;/g, (m, colour, text) =>
    FONT_COLOURS.has(colour) ? `<span class="font-${colour}">${text}</span>` : text);
  s = s.replace(/`([^`\n]+)`/g, "<code>$1</code>");
  s = s.replace(/\*\*([\s\S]+?)\*\*/g, "<strong>$1</strong>");
  s = s.replace(/~~([\s\S]+?)~~/g, "<del>$1</del>");
  s = s.replace(/(^|[^*])\*([^*\n]+)\*/g, "$1<em>$2</em>");
  s = s.replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
  s = s
    .split("\n")
    .map((line) => {
      const item = /^(\s*)[-*] (.*)$/.exec(line);
      if (item) return `<span class="li" style="padding-left:${item[1].length * 0.5 + 0.2}em">• ${item[2]}</span>`;
      const heading = /^(#{1,6}) (.*)$/.exec(line);
      if (heading) return `<strong class="h">${heading[2]}</strong>`;
      return line;
    })
    .join("<br>")
    .replace(/<\/span><br>/g, "</span>");
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => escapeHtml(escapes[Number(i)]));
}

const plain = (t) => (typeof t === "string" ? t : (t?.content ?? ""));

/**
 * Draws a card. `ctx.onAction({ value, tag, name, formValue })` is called on a click or a form
 * submit and resolves when the callback has been answered.
 */
export function renderCard(card, ctx) {
  const root = h("div", { class: `card tpl-${card?.header?.template ?? "default"}` });
  if (card?.header) {
    root.append(
      h("div", { class: "card-header" }, h("div", { class: "card-title" }, plain(card.header.title)), card.header.subtitle ? h("div", { class: "card-subtitle" }, plain(card.header.subtitle)) : null),
    );
  }
  const body = h("div", { class: "card-body" });
  for (const el of card?.body?.elements ?? card?.elements ?? []) body.append(renderElement(el, ctx, null));
  root.append(body);
  return root;
}

function renderElement(el, ctx, form) {
  const r = RENDERERS[el?.tag];
  return r ? r(el, ctx, form) : h("div", { class: "unsupported" }, `［卡片元素 ${el?.tag ?? "?"}］`);
}

const RENDERERS = {
  markdown: (el, ctx) => {
    const div = h("div", { class: `md ${el.text_size === "notation" ? "notation" : ""}`, style: el.text_align ? `text-align:${el.text_align}` : "" });
    div.innerHTML = markdownToHtml(el.content ?? "", ctx.people);
    return div;
  },
  div: (el, ctx) => {
    const div = h("div", { class: "md" });
    div.innerHTML = el.text?.tag === "lark_md" ? markdownToHtml(el.text.content ?? "", ctx.people) : escapeHtml(plain(el.text));
    return div;
  },
  plain_text: (el) => h("div", { class: "md" }, el.content ?? ""),
  hr: () => h("hr", { class: "card-hr" }),
  column_set: (el, ctx, form) =>
    h(
      "div",
      { class: `columns flex-${el.flex_mode ?? "none"}` },
      (el.columns ?? []).map((col) =>
        h(
          "div",
          { class: "column", style: `flex:${col.width === "auto" ? "0 0 auto" : `${col.weight ?? 1} 1 0`};${col.vertical_align ? `align-self:${col.vertical_align === "center" ? "center" : "flex-start"}` : ""}` },
          (col.elements ?? []).map((c) => renderElement(c, ctx, form)),
        ),
      ),
    ),
  table: (el, ctx) => renderTable(el, ctx),
  chart: (el) => renderChart(el),
  form: (el, ctx) => {
    const f = { name: el.name, fields: [] };
    const node = h("form", { class: "card-form", onsubmit: (e) => e.preventDefault() });
    for (const c of el.elements ?? []) node.append(renderElement(c, ctx, f));
    return node;
  },
  button: (el, ctx, form) => renderButton(el, ctx, form),
  input: (el, ctx, form) => {
    const multiline = el.input_type === "multiline_text";
    const field = h(multiline ? "textarea" : "input", {
      class: "card-input",
      name: el.name,
      placeholder: plain(el.placeholder),
      maxlength: el.max_length,
      ...(multiline ? {} : { type: el.input_type === "password" ? "password" : "text" }),
    });
    if (el.default_value !== undefined) field.value = String(el.default_value);
    form?.fields.push({ name: el.name, required: el.required, read: () => field.value, node: field, label: plain(el.label) || plain(el.placeholder) });
    return h("label", { class: "card-field" }, el.label ? h("span", { class: "card-label" }, plain(el.label)) : null, field);
  },
  select_static: (el, ctx, form) => {
    const select = h("select", { class: "card-input", name: el.name }, h("option", { value: "" }, plain(el.placeholder) || "请选择"));
    for (const o of el.options ?? []) select.append(h("option", { value: o.value }, plain(o.text)));
    if (el.initial_option !== undefined) select.value = el.initial_option;
    form?.fields.push({ name: el.name, required: el.required, read: () => select.value || undefined, node: select, label: plain(el.placeholder) });
    return h("label", { class: "card-field" }, select);
  },
  date_picker: (el, ctx, form) => {
    const input = h("input", { class: "card-input", type: "date", name: el.name, title: plain(el.placeholder) });
    if (el.initial_date) input.value = el.initial_date;
    form?.fields.push({ name: el.name, required: el.required, read: () => input.value || undefined, node: input, label: plain(el.placeholder) });
    return h("label", { class: "card-field" }, el.placeholder ? h("span", { class: "card-label" }, plain(el.placeholder)) : null, input);
  },
};

function renderButton(el, ctx, form) {
  const behaviour = (el.behaviors ?? []).find((b) => b.type === "callback");
  const link = (el.behaviors ?? []).find((b) => b.type === "open_url");
  // Card JSON 2.0 `width`: "default" (as wide as the text, the default), "fill" (the card's width) or "NNNpx".
  const width = /^\d+px$/.test(el.width ?? "") ? `width:${el.width};max-width:100%` : "";
  const btn = h("button", { type: "button", class: `card-btn btn-${el.type ?? "default"} ${el.width === "fill" ? "fill" : ""}`, style: width, disabled: el.disabled }, plain(el.text));
  btn.addEventListener("click", async () => {
    if (link) return void window.open(link.default_url, "_blank", "noopener");
    if (!behaviour && !el.value) return;
    if (el.confirm && !window.confirm(`${plain(el.confirm.title)}\n${plain(el.confirm.text)}`)) return;
    let formValue;
    if (form && el.form_action_type === "submit") {
      formValue = {};
      for (const f of form.fields) {
        const v = f.read();
        f.node.classList.remove("invalid");
        if (f.required && (v === undefined || v === "")) {
          f.node.classList.add("invalid");
          ctx.toast({ type: "warning", content: `请填写：${f.label || f.name}` });
          return;
        }
        if (v !== undefined && v !== "") formValue[f.name] = v;
      }
    }
    btn.disabled = true;
    btn.classList.add("busy");
    try {
      await ctx.onAction({ value: behaviour?.value ?? el.value ?? {}, tag: "button", name: el.name, formValue });
    } finally {
      btn.disabled = !!el.disabled;
      btn.classList.remove("busy");
    }
  });
  return btn;
}

function renderTable(el, ctx) {
  const columns = el.columns ?? [];
  const rows = el.rows ?? [];
  const size = Math.max(1, el.page_size ?? 10);
  const wrap = h("div", { class: "card-table" });
  let page = 0;
  const cell = (col, v) => {
    const td = h("td", { style: `text-align:${col.horizontal_align ?? "left"}` });
    if (v === undefined || v === null) return td;
    if (col.data_type === "number" && typeof v === "number") td.textContent = v.toFixed(col.format?.precision ?? 2);
    else if (col.data_type === "lark_md") td.innerHTML = markdownToHtml(String(v), ctx.people);
    else td.textContent = String(v);
    return td;
  };
  const draw = () => {
    wrap.replaceChildren();
    const head = h("tr", {}, columns.map((c) => h("th", { style: `text-align:${c.horizontal_align ?? "left"}` }, c.display_name ?? c.name)));
    const bodyRows = rows.slice(page * size, page * size + size).map((r) => h("tr", {}, columns.map((c) => cell(c, r[c.name]))));
    wrap.append(h("div", { class: "table-scroll" }, h("table", {}, h("thead", {}, head), h("tbody", {}, bodyRows))));
    const pages = Math.ceil(rows.length / size);
    if (pages > 1) {
      wrap.append(
        h("div", { class: "table-pages" },
          h("button", { type: "button", disabled: page === 0, onclick: () => ((page -= 1), draw()) }, "‹"),
          ` ${page + 1} / ${pages} `,
          h("button", { type: "button", disabled: page >= pages - 1, onclick: () => ((page += 1), draw()) }, "›")),
      );
    }
  };
  draw();
  return wrap;
}

const RATIOS = { "1:1": "1 / 1", "2:1": "2 / 1", "4:3": "4 / 3", "16:9": "16 / 9" };

function renderChart(el) {
  const box = h("div", { class: "card-chart", style: `aspect-ratio:${RATIOS[el.aspect_ratio] ?? "16 / 9"}` });
  const Chart = window.VChart?.default ?? window.VChart?.VChart;
  if (!Chart) {
    box.textContent = "（图表库未加载）";
    return box;
  }
  // Draw once the box is in the page and has a size; VChart reads the container's size.
  requestAnimationFrame(() => {
    try {
      const chart = new Chart(structuredClone(el.chart_spec ?? {}), { dom: box, animation: false });
      chart.renderSync();
      box.dataset.drawn = "true";
      box._chart = chart;
    } catch (error) {
      box.textContent = `图表无法绘制：${error.message}`;
    }
  });
  return box;
}
