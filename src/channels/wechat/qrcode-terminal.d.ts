/** qrcode-terminal ships no types; the one call we use. */
declare module "qrcode-terminal" {
  const qrcode: { generate(text: string, opts: { small?: boolean }, done?: (drawn: string) => void): void };
  export default qrcode;
}
