// The slice of the plugin's "cloudflare:test" module this test uses. Its full types come with
// @cloudflare/workers-types, whose globals clash with the DOM lib.
declare module "cloudflare:test" {
  export const env: Record<string, unknown>;
}
