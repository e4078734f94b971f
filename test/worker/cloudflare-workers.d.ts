// The slice of workerd's "cloudflare:workers" module these tests use. The full
// types come with @cloudflare/workers-types, whose globals clash with the DOM lib.
declare module "cloudflare:workers" {
  export const exports: { default: { fetch(request: Request): Promise<Response> } };
}
