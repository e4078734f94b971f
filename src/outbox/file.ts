import { eq } from "drizzle-orm";
import type { Database } from "../db/database";
import { outbox, type OutboxRow } from "../db/schema";
import { enqueue, type FileSource } from "./message";
import { DATA_ERROR_TEXT, isDataError } from "../domain/data-error";

/** How a file row's last error marks stored data the engine refused (see src/app/data-error.ts). */
const DATA_ERROR_PREFIX = "data: ";
import type { MessageSender, SendResult } from "./sender";

/**
 * File messages in the outbox. A row holds what to render, not the bytes:
 * an export of 10,000 people is megabytes, and the outbox is read in batches
 * of 200 rows on every drain (and over HTTP on Turso). The deliverer renders
 * the file from the database, uploads it, and stores the file_key in the row
 * before sending, so a send retried later does not upload again. The workbook
 * is stamped with the request's time, so a render repeated after a failed
 * upload gives the same bytes unless the data itself changed.
 */

export interface FileRenderer {
  render(source: FileSource): Promise<{ name: string; bytes: Uint8Array }>;
}

type Pending = { pending: FileSource; file_name: string };

/**
 * Rendering a large export takes longer than a message's usual lease; the row
 * is held this long so another drainer does not render and upload it too.
 */
export const FILE_LEASE_MS = 15 * 60 * 1000;

/**
 * The content to send for a file row: `{"file_key"}` (uploading first when
 * needed), or the failure to record.
 */
export async function resolveFile(
  db: Database,
  row: OutboxRow,
  sender: MessageSender,
  files: FileRenderer | undefined,
  now: number,
): Promise<{ ok: true; content: string } | Extract<SendResult, { ok: false }>> {
  let parsed: Partial<Pending> & { file_key?: string };
  try {
    parsed = JSON.parse(row.content);
  } catch {
    return { ok: false, retry: false, error: "file row: content is not JSON" };
  }
  if (parsed.file_key) return { ok: true, content: row.content };
  if (!parsed.pending) return { ok: false, retry: false, error: "file row: neither file_key nor pending" };
  if (!files || !sender.uploadFile)
    return { ok: false, retry: false, error: "file messages are not supported on this channel" };
  await db
    .update(outbox)
    .set({ leaseUntil: new Date(now + FILE_LEASE_MS) })
    .where(eq(outbox.id, row.id));
  let file: { name: string; bytes: Uint8Array };
  try {
    file = await files.render(parsed.pending);
  } catch (error) {
    // Data the engine refuses fails the same way on every attempt: no retries, the requester is told now.
    if (isDataError(error)) return { ok: false, retry: false, error: `${DATA_ERROR_PREFIX}${error.message}` };
    return { ok: false, retry: true, error: `render: ${error instanceof Error ? error.message : String(error)}` };
  }
  const uploaded = await sender.uploadFile({ name: parsed.file_name ?? file.name, bytes: file.bytes });
  if (!uploaded.ok) return uploaded;
  const content = JSON.stringify({ file_key: uploaded.fileKey });
  await db.update(outbox).set({ content }).where(eq(outbox.id, row.id));
  return { ok: true, content };
}

/**
 * A file that will not be sent (parked) is never silent: the person who asked
 * is told, on the same channel, what failed and what to do. Keyed on the
 * file's own key, so a parked row re-parked after a 重发 tells them once.
 */
export function parkedFileNotice(db: Database, row: OutboxRow, error: string, now: Date) {
  if (row.msgType !== "file" || (row.receiveIdType !== "open_id" && row.receiveIdType !== "chat_id")) return [];
  let name = "导出文件";
  try {
    name = (JSON.parse(row.content) as { file_name?: string }).file_name ?? name;
  } catch {
    // the name is only for the text; the notice still goes out
  }
  const why = error.startsWith(DATA_ERROR_PREFIX)
    ? DATA_ERROR_TEXT.zh
    : `生成或发送文件时出错（已尝试 ${row.attempts + 1} 次）。请稍后再发一次「导出 …」；若一再失败，请联系管理员（日志里搜 ${row.key}）。`;
  return [
    enqueue(
      db,
      {
        key: `${row.key}:failed`,
        to: { type: row.receiveIdType, id: row.receiveId },
        text: `「${name}」没有导出成功。${why}`,
      },
      now,
    ),
  ];
}
