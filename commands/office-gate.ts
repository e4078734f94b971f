import type { CommandContext } from "../src/bot/command";
import { leadersOnly } from "./guards";

/**
 * Who may use the appraisal office's commands (导出, 花名册导入). One place on
 * purpose: until tenant roles (管理员, the office) land, a group's leaders may;
 * when they do, this becomes the office-only guard.
 */
export function officeGate(ctx: CommandContext<unknown>, what: string): boolean {
  return leadersOnly(ctx, what);
}
