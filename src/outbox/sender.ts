/** One message as the deliverer hands it to a channel. */
export interface OutgoingMessage {
  key: string;
  receiveIdType: "chat_id" | "open_id" | "reply" | "update";
  receiveId: string;
  msgType: "text" | "interactive";
  /** JSON string, as Lark's message APIs take it. */
  content: string;
}

export type SendResult =
  | { ok: true; messageId: string }
  | { ok: false; retry: boolean; retryAfterMs?: number; error: string };

export interface MessageSender {
  send(message: OutgoingMessage): Promise<SendResult>;
}
