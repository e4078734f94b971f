/** One message as the deliverer hands it to a channel. */
export interface OutgoingMessage {
  key: string;
  receiveIdType: "chat_id" | "open_id" | "reply" | "update";
  receiveId: string;
  msgType: "text" | "interactive" | "image";
  /** JSON string, as Lark's message APIs take it. */
  content: string;
}

export type SendResult =
  | { ok: true; messageId: string }
  | { ok: false; retry: boolean; retryAfterMs?: number; error: string; /** Refused for a rate limit (429 / 230020): not counted by Lark. */ rateLimited?: boolean };

export interface MessageSender {
  send(message: OutgoingMessage): Promise<SendResult>;
  /**
   * Called once before a drain paces its sends: whatever the first send would
   * otherwise wait for (an access token) is fetched here, so paced requests
   * arrive when they were booked.
   */
  prepare?(): Promise<void>;
}
