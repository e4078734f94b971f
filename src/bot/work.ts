import type { BatchItem } from "../db/database";
import type { OutboundMessage, SubjectKey } from "../outbox/message";

/**
 * What handling one update produces: writes that commit together (with the
 * dedupe marker and the queued messages), and tasks to run after the answer.
 */
export class Work {
  readonly writes: BatchItem[] = [];
  readonly messages: OutboundMessage[] = [];
  readonly after: (() => Promise<void>)[] = [];
  #seq = 0;

  constructor(readonly keyPrefix: string) {}

  write(...items: BatchItem[]): void {
    this.writes.push(...items);
  }

  /**
   * Queues a message; its key derives from the update, so a retry queues the same key. A key with a
   * subject (approvalKey, welcomeKey) also records what the message is about, to find it again.
   */
  send(to: OutboundMessage["to"], body: Omit<OutboundMessage, "key" | "to">, key?: string | SubjectKey): void {
    if (typeof key === "object") this.messages.push({ key: key.key, subject: key.subject, to, ...body });
    else this.messages.push({ key: key ?? `${this.keyPrefix}:${this.#seq++}`, to, ...body });
  }

  defer(task: () => Promise<void>): void {
    this.after.push(task);
  }
}
