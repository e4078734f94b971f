import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLarkOpenApi } from "../../../src/channels/lark/open-api";
import {
  FILE_MAX_BYTES,
  FileCode,
  LarkCode,
  startMockLarkServer,
  type MockLarkServer,
} from "../../../src/channels/local/mock-lark";
import { larkChatId, larkMessageId, larkOpenId } from "../../support/ids";

const APP = { appId: "cli_files_app", appSecret: "s3cret" };
const OTHER = { appId: "cli_other_app", appSecret: "other" };
let server: MockLarkServer;
const api = (app = APP) => createLarkOpenApi({ ...app, domain: server.url });

async function token(app = APP): Promise<string> {
  const res = await fetch(`${server.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ app_id: app.appId, app_secret: app.appSecret }),
  });
  return ((await res.json()) as { tenant_access_token: string }).tenant_access_token;
}

async function upload(form: FormData, app = APP) {
  const res = await fetch(`${server.url}/open-apis/im/v1/files`, {
    method: "POST",
    headers: { authorization: `Bearer ${await token(app)}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { code: number; msg: string; data?: { file_key: string } } };
}

const form = (fields: Record<string, string | Blob>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

beforeEach(async () => {
  server = await startMockLarkServer({ apps: [APP, OTHER] });
  server.mock.addChat({
    chatId: larkChatId("team"),
    name: "Team",
    ownerOpenId: larkOpenId("a"),
    members: [{ openId: larkOpenId("a"), name: "A" }],
  });
});
afterEach(() => server.close());

describe("POST /open-apis/im/v1/files", () => {
  it("stores the file and answers its file_key; a file message can then name it", async () => {
    const up = await api().uploadFile!({ name: "结果.xlsx", bytes: new Uint8Array([1, 2, 3]) });
    expect(up.ok).toBe(true);
    const key = up.ok ? up.fileKey : "";
    expect(server.mock.store.files.get(key)).toMatchObject({ fileName: "结果.xlsx", fileType: "xls" });
    const sent = await api().send({
      key: "k1",
      receiveIdType: "chat_id",
      receiveId: larkChatId("team"),
      msgType: "file",
      content: JSON.stringify({ file_key: key }),
    });
    expect(sent.ok).toBe(true);
    expect(server.mock.sentMessages({ chatId: larkChatId("team") })[0]).toMatchObject({
      msgType: "file",
      parsed: { file_key: key },
    });
  });

  it("refuses an empty file (234010), one over 30 MB (234006), and a missing or unknown file_type (234001)", async () => {
    expect((await upload(form({ file_type: "stream", file_name: "a.csv", file: new Blob([]) }))).body.code).toBe(
      FileCode.EMPTY,
    );
    const big = await upload(
      form({ file_type: "stream", file_name: "a.bin", file: new Blob([new Uint8Array(FILE_MAX_BYTES + 1)]) }),
    );
    expect(big).toMatchObject({ status: 400, body: { code: FileCode.TOO_LARGE } });
    expect((await upload(form({ file_name: "a.csv", file: new Blob(["x"]) }))).body.code).toBe(FileCode.INVALID_PARAM);
    expect((await upload(form({ file_type: "xlsx", file_name: "a.xlsx", file: new Blob(["x"]) }))).body.code).toBe(
      FileCode.INVALID_PARAM,
    );
    expect((await upload(form({ file_type: "xls", file: new Blob(["x"]) }))).body.code).toBe(FileCode.INVALID_PARAM);
    // The client refuses both limits before a request is made.
    expect(await api().uploadFile!({ name: "a.csv", bytes: new Uint8Array() })).toMatchObject({
      ok: false,
      retry: false,
    });
  });

  it("a file message must name a file this app uploaded", async () => {
    const other = await api(OTHER).uploadFile!({ name: "x.csv", bytes: new Uint8Array([1]) });
    const key = other.ok ? other.fileKey : "";
    for (const content of [
      JSON.stringify({ file_key: key }),
      JSON.stringify({ file_key: "file_v3_nope" }),
      JSON.stringify({}),
    ]) {
      const sent = await api().send({
        key: `k-${content.length}`,
        receiveIdType: "chat_id",
        receiveId: larkChatId("team"),
        msgType: "file",
        content,
      });
      expect(sent).toMatchObject({
        ok: false,
        retry: false,
        error: expect.stringContaining(String(LarkCode.IM_INVALID_PARAM)),
      });
    }
  });
});

describe("GET /open-apis/im/v1/messages/:message_id/resources/:file_key", () => {
  it("gives the bytes of a file a person sent, to a bot in that chat", async () => {
    const bytes = new TextEncoder().encode("姓名,部门\n张三,办公室\n");
    const message = server.mock.addUserFile({
      chatId: larkChatId("team"),
      openId: larkOpenId("a"),
      fileName: "名单.csv",
      bytes,
    });
    const key = (message.parsed as { file_key: string }).file_key;
    const got = await api().download(message.messageId, key);
    expect(got).toEqual({ ok: true, bytes });
    // The playground's link (local mode only, no token), and an unknown key.
    const local = await fetch(`${server.url}/mock/files/${key}`);
    expect(new Uint8Array(await local.arrayBuffer())).toEqual(bytes);
    expect((await fetch(`${server.url}/mock/files/file_v3_none`)).status).toBe(404);
  });

  it("refuses a key that is not the message's, an unknown message, and a bot outside the chat", async () => {
    const a = server.mock.addUserFile({
      chatId: larkChatId("team"),
      openId: larkOpenId("a"),
      fileName: "a.csv",
      bytes: new Uint8Array([1]),
    });
    const b = server.mock.addUserFile({
      chatId: larkChatId("team"),
      openId: larkOpenId("a"),
      fileName: "b.csv",
      bytes: new Uint8Array([2]),
    });
    const keyB = (b.parsed as { file_key: string }).file_key;
    expect(await api().download(a.messageId, keyB)).toMatchObject({
      ok: false,
      error: expect.stringContaining(String(FileCode.RESOURCE_NOT_FOUND)),
    });
    expect(await api().download(larkMessageId("unknown"), keyB)).toMatchObject({
      ok: false,
      error: expect.stringContaining(String(LarkCode.MESSAGE_ID_NOT_EXIST)),
    });
    server.mock.setBotInChat(larkChatId("team"), false);
    expect(await api().download(b.messageId, keyB)).toMatchObject({
      ok: false,
      error: expect.stringContaining(String(LarkCode.BOT_NOT_IN_CHAT)),
    });
    const res = await fetch(`${server.url}/open-apis/im/v1/messages/${b.messageId}/resources/${keyB}`, {
      headers: { authorization: `Bearer ${await token()}` },
    });
    expect(((await res.json()) as { code: number }).code).toBe(FileCode.INVALID_PARAM); // no ?type=
  });
});
