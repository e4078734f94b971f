/**
 * Files: upload (`POST /im/v1/files`, multipart) and the resource of a message
 * (`GET /im/v1/messages/:message_id/resources/:file_key?type=file`).
 *
 * Limits and codes from Lark's docs (im-v1/file/create, "使用限制" and "错误码"):
 * "文件大小不得超过 30 MB，且不允许上传空文件"; 234001 invalid param, 234006 over
 * the size limit, 234010 an empty file. Downloads (im-v1/message-resource/get)
 * serve files up to 100 MB to an app that can see the message; a key that is not
 * that message's is refused. The mock answers that case, and a missing or bad
 * `type`, with 234001/234003, the resource API's codes for a bad parameter and a
 * resource not found in the message.
 */
import { Hono } from "hono";
import { badRequest, LarkApiError, LarkCode } from "../errors";
import { guard, larkOk, type MockEnv } from "../context";
import { parseContent, randomHex, type MockStore } from "../state";
import type { MockFile } from "../types";

const FILE_TYPES = new Set(["opus", "mp4", "pdf", "doc", "xls", "ppt", "stream"]);
export const FILE_MAX_BYTES = 30 * 1024 * 1024;
const RESOURCE_MAX_BYTES = 100 * 1024 * 1024;

export const FileCode = {
  INVALID_PARAM: 234001,
  RESOURCE_NOT_FOUND: 234003,
  TOO_LARGE: 234006,
  EMPTY: 234010,
} as const;

const fileError = (code: number, msg: string) => new LarkApiError(400, code, msg);

const newFileKey = () => `file_v3_${randomHex(8)}-${randomHex(4)}-${randomHex(4)}-${randomHex(12)}`;

export const storeFile = (store: MockStore, file: Omit<MockFile, "fileKey" | "createTime">): MockFile => {
  const stored: MockFile = { ...file, fileKey: newFileKey(), createTime: store.now() };
  store.files.set(stored.fileKey, stored);
  return stored;
};

/** A `file` message must name a file the sending app uploaded. */
export const checkFileContent = (store: MockStore, appId: string, content: string): void => {
  const key = (parseContent(content) as { file_key?: unknown } | undefined)?.file_key;
  if (typeof key !== "string" || !key) throw badRequest(LarkCode.IM_INVALID_PARAM, 'file content needs a "file_key"');
  const file = store.files.get(key);
  if (!file || file.owner.type !== "app" || file.owner.appId !== appId)
    throw badRequest(LarkCode.IM_INVALID_PARAM, `invalid file_key ${key}`);
};

const download = (file: MockFile) =>
  new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "content-length": String(file.bytes.length),
    },
  });

export const fileRoutes = (store: MockStore) => {
  const app = new Hono<MockEnv>();

  app.post("/open-apis/im/v1/files", guard(store, "im.file.create"), async (c) => {
    const bot = c.get("app");
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw fileError(FileCode.INVALID_PARAM, "Invalid request param. (body is not multipart/form-data)");
    }
    const fileType = form.get("file_type");
    const fileName = form.get("file_name");
    const file = form.get("file");
    if (typeof fileType !== "string" || !FILE_TYPES.has(fileType))
      throw fileError(FileCode.INVALID_PARAM, "Invalid request param. (file_type)");
    if (typeof fileName !== "string" || !fileName.trim())
      throw fileError(FileCode.INVALID_PARAM, "Invalid request param. (file_name)");
    if (!file || typeof file === "string") throw fileError(FileCode.INVALID_PARAM, "Invalid request param. (file)");
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length === 0) throw fileError(FileCode.EMPTY, "File's size can't be 0.");
    if (bytes.length > FILE_MAX_BYTES) throw fileError(FileCode.TOO_LARGE, "The file size exceed the max value.");
    const stored = storeFile(store, { fileName, fileType, bytes, owner: { type: "app", appId: bot.appId } });
    return larkOk(c, { file_key: stored.fileKey });
  });

  app.get("/open-apis/im/v1/messages/:message_id/resources/:file_key", guard(store, "im.messageResource.get"), (c) => {
    const bot = c.get("app");
    const type = c.req.query("type");
    if (type !== "file" && type !== "image")
      throw fileError(FileCode.INVALID_PARAM, "Invalid request param. (type must be file or image)");
    const message = store.messagesById.get(c.req.param("message_id"));
    if (!message) throw badRequest(LarkCode.MESSAGE_ID_NOT_EXIST, `[${c.req.param("message_id")}]`);
    const chat = store.chats.get(message.chatId);
    if (!chat?.bots.has(bot.appId)) throw badRequest(LarkCode.BOT_NOT_IN_CHAT);
    const key = c.req.param("file_key");
    const named = (message.parsed as { file_key?: string; image_key?: string } | undefined) ?? {};
    const file = store.files.get(key);
    if (!file || (named.file_key !== key && named.image_key !== key))
      throw fileError(FileCode.RESOURCE_NOT_FOUND, "Resource not found in the message.");
    if (file.bytes.length > RESOURCE_MAX_BYTES)
      throw fileError(FileCode.TOO_LARGE, "The file size exceed the max value.");
    return download(file);
  });

  /** Local mode only (no auth, like the other /mock routes): the playground's link to a file the bot sent. */
  app.get("/mock/files/:file_key", (c) => {
    const file = store.files.get(c.req.param("file_key"));
    return file ? download(file) : c.json({ error: "no such file" }, 404);
  });

  return app;
};
