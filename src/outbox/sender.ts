/** One message as the deliverer hands it to a channel. */
export interface OutgoingMessage {
  key: string;
  receiveIdType: "chat_id" | "open_id" | "reply" | "update";
  receiveId: string;
  msgType: "text" | "interactive" | "file" | "image";
  /** JSON string, as Lark's message APIs take it. */
  content: string;
}

export type SendResult =
  | { ok: true; messageId: string }
  | {
      ok: false;
      retry: boolean;
      retryAfterMs?: number;
      error: string;
      /** Refused for a rate limit (429 / 230020): not counted by Lark. */
      rateLimited?: boolean;
      /** Lark is still sending an earlier attempt with this uuid (230049): ask again later; not a failed attempt. */
      inFlight?: boolean;
    };

export type UploadResult = { ok: true; fileKey: string } | Extract<SendResult, { ok: false }>;

export interface MessageSender {
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Uploads a file for a `file` message; a channel without files leaves it out. */
  uploadFile?(file: { name: string; bytes: Uint8Array }): Promise<UploadResult>;
  /**
   * Called once before a drain paces its sends: whatever the first send would
   * otherwise wait for (an access token) is fetched here, so paced requests
   * arrive when they were booked.
   */
  prepare?(): Promise<void>;
}
