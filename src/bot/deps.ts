import type { Clock } from "../app/ports";
import type { ChatDirectory, FileDownloader } from "../app/ports";
import type { Database } from "../db/database";
import type { Group, Member } from "../db/schema";
import type { MessageUpdate } from "./update";
import type { Work } from "./work";

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Everything a handler may use. Passed in, never imported as a global. */
export interface BotDeps {
  db: Database;
  clock: Clock;
  directory: ChatDirectory;
  /** Time zone of new groups (APPRAISAL_TZ). */
  defaultTimezone: string;
  platform: "lark" | "wechat";
  log: Logger;
  /** The bot's address from outside (PUBLIC_URL), for links to its own pages; absent when not configured. */
  publicUrl?: string;
  /** Files people send (a roster to import); absent on channels without them. */
  files?: FileDownloader;
  /**
   * A chat or person linked to another platform's group (绑定: a WeChat room
   * serving a Lark group): the group and member a message from it is about.
   * Undefined when not linked; new members' writes go into `work`.
   */
  linkedScope?(update: MessageUpdate, work: Work, now: Date): Promise<{ group: Group; member: Member } | undefined>;
}

export const consoleLogger: Logger = {
  info: (m, f) => console.log(JSON.stringify({ level: "info", msg: m, ...f })),
  warn: (m, f) => console.warn(JSON.stringify({ level: "warn", msg: m, ...f })),
  error: (m, f) => console.error(JSON.stringify({ level: "error", msg: m, ...f })),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
