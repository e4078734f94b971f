/**
 * What the use cases need from the outside world, as small interfaces.
 * Channels implement them (Lark's Open API, WeChat); tests use the real
 * implementations against the project's Lark mock.
 */

/** Someone @-mentioned in a message (other than the bot): their platform id and the name shown. */
export interface Mention {
  userId: string;
  name: string;
}

export interface DirectoryMember {
  userId: string;
  name: string;
}

/** Reading a chat's owner and members from the platform. */
export interface ChatDirectory {
  getChat(chatId: string): Promise<{ name: string; ownerId?: string }>;
  listMembers(chatId: string): Promise<DirectoryMember[]>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Reading a file a person sent in a chat (a roster to import). */
export interface FileDownloader {
  download(messageId: string, fileKey: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: string }>;
}

/** The two languages the bot answers in (cards/kit.ts renders them). */
export type Lang = "zh" | "en";

/** A message as a use case asks to send it, before its recipient and key: a card and its text rendering. */
export interface MessageBody {
  card?: object;
  text: string;
}
