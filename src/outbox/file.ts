import { eq } from "drizzle-orm";
import type { Database } from "../db/database";
import { outbox, type OutboxRow } from "../db/schema";
import type { FileSource } from "./message";
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
export async function resolveFile(db: Database, row: OutboxRow, sender: MessageSender, files: FileRenderer | undefined, now: number): Promise<{ ok: true; content: string } | Extract<SendResult, { ok: false }>> {
  let parsed: Partial<Pending> & { file_key?: string };
  try {
    parsed = JSON.parse(row.content);
  } catch {
    return { ok: false, retry: false, error: "file row: content is not JSON" };
  }
  if (parsed.file_key) return { ok: true, content: row.content };
  if (!parsed.pending) return { ok: false, retry: false, error: "file row: neither file_key nor pending" };
  if (!files || !sender.uploadFile) return { ok: false, retry: false, error: "file messages are not supported on this channel" };
  await db.update(outbox).set({ leaseUntil: new Date(now + FILE_LEASE_MS) }).where(eq(outbox.id, row.id));
  let file: { name: string; bytes: Uint8Array };
  try {
    file = await files.render(parsed.pending);
  } catch (error) {
    return { ok: false, retry: true, error: `render: ${error instanceof Error ? error.message : String(error)}` };
  }
  const uploaded = await sender.uploadFile({ name: parsed.file_name ?? file.name, bytes: file.bytes });
  if (!uploaded.ok) return uploaded;
  const content = JSON.stringify({ file_key: uploaded.fileKey });
  await db.update(outbox).set({ content }).where(eq(outbox.id, row.id));
  return { ok: true, content };
}
