import type { FileDownloader } from "../../app/ports";
import type { UploadResult } from "../../outbox/sender";
import { classify, isTokenError } from "./errors";
import { LarkHttpError } from "./http-instance";

/**
 * Files over plain fetch: the SDK's multipart and binary paths assume Node
 * streams and axios, and our fetch-based HttpInstance reads bodies as text.
 * Upload: POST /open-apis/im/v1/files (multipart: file_type, file_name, file;
 * at most 30 MB, never empty). Download: GET /open-apis/im/v1/messages/
 * :message_id/resources/:file_key?type=file (the bot must see the message).
 */

export interface LarkFilesOptions {
  domain: string;
  fetch?: typeof fetch;
  timeoutMs: number;
  token(): Promise<string>;
  /** Forget the cached token (Lark said it is no longer valid). */
  clearToken(): void;
}

/** Lark's documented upload limit (im-v1/file/create: "文件大小不得超过 30 MB"). */
const LARK_FILE_MAX_BYTES = 30 * 1024 * 1024;

/** .xlsx and .xls upload as "xls", anything else as "stream" (the file_type values Lark lists). */
function fileTypeOf(name: string): string {
  if (/\.xlsx?$/i.test(name)) return "xls";
  if (/\.pdf$/i.test(name)) return "pdf";
  if (/\.docx?$/i.test(name)) return "doc";
  return "stream";
}

export function createLarkFiles(
  o: LarkFilesOptions,
): { uploadFile(file: { name: string; bytes: Uint8Array }): Promise<UploadResult> } & FileDownloader {
  const base = o.domain.replace(/\/+$/, "");
  const doFetch = o.fetch ?? fetch;

  /** One call with the tenant token; once more with a fresh token if Lark refused the cached one. */
  async function call(url: string, init: () => RequestInit): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await doFetch(url, {
        ...init(),
        headers: { authorization: `Bearer ${await o.token()}` },
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      if (attempt === 0 && !res.ok && (res.headers.get("content-type") ?? "").includes("json")) {
        const body = (await res
          .clone()
          .json()
          .catch(() => undefined)) as { code?: number } | undefined;
        if (isTokenError(new LarkHttpError(res.status, body, res.headers))) {
          o.clearToken();
          continue;
        }
      }
      return res;
    }
  }

  return {
    async uploadFile(file) {
      if (!file.bytes.length) return { ok: false, retry: false, error: "empty file" };
      if (file.bytes.length > LARK_FILE_MAX_BYTES)
        return { ok: false, retry: false, error: `file of ${file.bytes.length} bytes is over Lark's 30 MB limit` };
      try {
        const res = await call(`${base}/open-apis/im/v1/files`, () => {
          const form = new FormData();
          form.set("file_type", fileTypeOf(file.name));
          form.set("file_name", file.name);
          form.set("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
          return { method: "POST", body: form };
        });
        const body = (await res.json().catch(() => undefined)) as
          | { code?: number; msg?: string; data?: { file_key?: string } }
          | undefined;
        if (res.ok && body?.code === 0 && body.data?.file_key) return { ok: true, fileKey: body.data.file_key };
        // Refused: the same reading of Lark's answer as for messages (rate limits, 5xx, the rest final).
        const refused = classify(new LarkHttpError(res.status, body, res.headers));
        return { ...refused, error: `upload: ${refused.error}` };
      } catch (error) {
        return { ok: false, retry: true, error: `upload: ${error instanceof Error ? error.message : String(error)}` };
      }
    },

    async download(messageId, fileKey) {
      try {
        const res = await call(
          `${base}/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/resources/${encodeURIComponent(fileKey)}?type=file`,
          () => ({ method: "GET" }),
        );
        if (!res.ok || (res.headers.get("content-type") ?? "").includes("application/json")) {
          const body = (await res.json().catch(() => undefined)) as { code?: number; msg?: string } | undefined;
          return {
            ok: false,
            error: `download: HTTP ${res.status} code ${body?.code ?? "?"} ${body?.msg ?? ""}`.trim(),
          };
        }
        return { ok: true, bytes: new Uint8Array(await res.arrayBuffer()) };
      } catch (error) {
        return { ok: false, error: `download: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}
