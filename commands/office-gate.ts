import type { CommandContext } from "../src/bot/command";
import { leadersOnly } from "./guards";

/**
 * Who may use the appraisal office's commands (导出, 花名册导入). One place on
 * purpose: until tenant roles (管理员, the office) land, a group's leaders may;
 * when they do, both functions below become the office-only guard.
 */
export function isOffice(ctx: CommandContext<unknown>): boolean {
  return ctx.member.role === "leader";
}

/** The gate with its answer: a refusal for anyone else. */
export function officeGate(ctx: CommandContext<unknown>, what: string): boolean {
  return leadersOnly(ctx, what);
}
