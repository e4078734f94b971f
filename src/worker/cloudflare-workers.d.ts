// The slice of workerd's "cloudflare:workers" module the Worker uses. The full
// types come with @cloudflare/workers-types, whose globals clash with the DOM lib.
declare module "cloudflare:workers" {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: unknown;
    protected env: Env;
    constructor(ctx: unknown, env: Env);
  }
}
