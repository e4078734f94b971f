/**
 * The QR encoder inside qrcode-terminal (Kazuhiko Arase's QRCode for JavaScript, MIT), already a
 * dependency for the WeChat login: pure JS, no install scripts. It ships no types; what we call.
 */
declare module "qrcode-terminal/vendor/QRCode/index.js" {
  class QRCode {
    constructor(typeNumber: number, errorCorrectLevel: number);
    addData(data: string): void;
    make(): void;
    getModuleCount(): number;
    isDark(row: number, col: number): boolean;
  }
  export default QRCode;
}

declare module "qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel.js" {
  const levels: { L: number; M: number; Q: number; H: number };
  export default levels;
}
