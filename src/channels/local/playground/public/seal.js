// Events exactly as Lark sends them, built and sealed in the browser with Web Crypto:
// AES-256-CBC with key = SHA-256(encrypt key) and a random IV in front, base64;
// X-Lark-Signature = hex(SHA-256(timestamp + nonce + encrypt key + raw body)).
const utf8 = new TextEncoder();

const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
const randomHex = (n) => hex(crypto.getRandomValues(new Uint8Array(n)));
const base64 = (bytes) => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};

export async function encrypt(plain, encryptKey) {
  const keyBytes = await crypto.subtle.digest("SHA-256", utf8.encode(encryptKey));
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "AES-CBC" }, false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv }, key, utf8.encode(plain)));
  const out = new Uint8Array(16 + cipher.length);
  out.set(iv);
  out.set(cipher, 16);
  return base64(out);
}

export async function sign(timestamp, nonce, encryptKey, body) {
  return hex(await crypto.subtle.digest("SHA-256", utf8.encode(timestamp + nonce + encryptKey + body)));
}

/** Posts a payload to the bot's webhook as Lark would: encrypted, signed, over the raw body. */
export async function postEvent(payload, app) {
  const body = JSON.stringify({ encrypt: await encrypt(JSON.stringify(payload), app.encryptKey) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomHex(8);
  const res = await fetch("/lark/events", {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-lark-request-timestamp": timestamp,
      "x-lark-request-nonce": nonce,
      "x-lark-signature": await sign(timestamp, nonce, app.encryptKey, body),
    },
    body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`机器人返回 HTTP ${res.status}：${text}`);
  return text ? JSON.parse(text) : {};
}

function envelope(eventType, event, ctx) {
  return {
    schema: "2.0",
    header: {
      event_id: randomHex(16),
      event_type: eventType,
      create_time: String(Date.now()),
      token: ctx.app.verificationToken,
      app_id: ctx.app.appId,
      tenant_key: ctx.tenantKey,
    },
    event,
  };
}

const userId = (openId) => ({ open_id: openId, union_id: `on_${openId}`, user_id: null });

/** im.message.receive_v1 for a text message already stored in (mock) Lark. */
export function messageEvent(ctx, { messageId, chatId, chatType, senderOpenId, content, mentions }) {
  return envelope(
    "im.message.receive_v1",
    {
      sender: { sender_id: userId(senderOpenId), sender_type: "user", tenant_key: ctx.tenantKey },
      message: {
        message_id: messageId,
        create_time: String(Date.now()),
        chat_id: chatId,
        chat_type: chatType,
        message_type: "text",
        content,
        ...(mentions.length ? { mentions: mentions.map((m) => ({ ...m, id: userId(m.id.open_id), tenant_key: ctx.tenantKey })) } : {}),
      },
    },
    ctx,
  );
}

/** card.action.trigger, as a button click or a form submit sends it. */
export function cardActionEvent(ctx, { operatorOpenId, messageId, chatId, value, tag, name, formValue }) {
  return envelope(
    "card.action.trigger",
    {
      operator: { tenant_key: ctx.tenantKey, open_id: operatorOpenId, union_id: `on_${operatorOpenId}` },
      token: `c-${randomHex(16)}`,
      action: { value, tag, ...(name ? { name } : {}), ...(formValue ? { form_value: formValue } : {}) },
      host: "im_message",
      context: { open_message_id: messageId, open_chat_id: chatId },
    },
    ctx,
  );
}

/** "@张三 说" with the people it names → Lark's content with @_user_N placeholders and the mentions list. */
export function withMentions(text, people) {
  const mentions = [];
  let out = text;
  for (const p of [...people].sort((a, b) => b.name.length - a.name.length)) {
    if (!out.includes(`@${p.name}`)) continue;
    const key = `@_user_${mentions.length + 1}`;
    out = out.replaceAll(`@${p.name}`, key);
    mentions.push({ key, id: { open_id: p.openId }, name: p.name });
  }
  return { text: out, mentions };
}
