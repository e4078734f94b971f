// The slice of the plugin's "cloudflare:test" module this test uses. Its full types come with
// @cloudflare/workers-types, whose globals clash with the DOM lib.
declare module "cloudflare:test" {
  export const env: Record<string, unknown>;
  export function createExecutionContext(): import("hono").ExecutionContext;
  export function waitOnExecutionContext(ctx: import("hono").ExecutionContext): Promise<void>;
  export function createScheduledController(options?: { scheduledTime?: Date | number; cron?: string }): {
    scheduledTime: number;
    cron: string;
  };
}
