import type { BatchItem } from "../db/database";
import type { OutboundMessage } from "../outbox/message";
import type { Work } from "./work";

/** A use case's writes and messages into the update's work: they commit with its dedupe marker, or not at all. */
export function applyResult(work: Work, result: { writes?: BatchItem[]; messages?: OutboundMessage[] }): void {
  if (result.writes?.length) work.write(...result.writes);
  for (const { to, key, ...body } of result.messages ?? []) work.send(to, body, key);
}
