import QRCode from "qrcode-terminal/vendor/QRCode/index.js";
import QRErrorCorrectLevel from "qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel.js";

/** The quiet zone the QR standard asks for around the symbol, in modules. */
const QUIET_MODULES = 4;

/** Which modules are dark, row by row; level M survives a smudged or creased printed slip. */
export function qrModules(text: string): boolean[][] {
  // The encoder writes each character as one byte: only ASCII (our URLs are) encodes faithfully.
  if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError("QR text must be printable ASCII");
  const qr = new QRCode(-1, QRErrorCorrectLevel.M);
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/**
 * A QR code as an inline SVG: one path of unit squares, so the page needs no image file and no
 * script, prints sharp at any size, and scales to `size` CSS pixels.
 */
export function qrSvg(text: string, size: number, label: string): string {
  const modules = qrModules(text);
  const view = modules.length + 2 * QUIET_MODULES;
  let d = "";
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) d += `M${c + QUIET_MODULES} ${r + QUIET_MODULES}h1v1h-1z`;
    }),
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${view} ${view}" width="${size}" height="${size}" ` +
    `role="img" aria-label="${label}" shape-rendering="crispEdges">` +
    `<rect width="${view}" height="${view}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
  );
}
