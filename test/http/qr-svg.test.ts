import { describe, expect, test } from "vitest";
import { qrModules, qrSvg } from "../../src/http/qr-svg";

describe("the QR code", () => {
  const url = `https://bot.example.org/survey/${"0123456789abcdef".repeat(2)}?c=ABCDE23456`;

  test("a version-5 symbol (37 modules) with the three finder patterns where the standard puts them", () => {
    const m = qrModules(url);
    expect(m).toHaveLength(37);
    // A finder: a dark 7×7 ring, a light ring inside it, a dark 3×3 centre.
    const finderAt = (r0: number, c0: number) => {
      for (let r = 0; r < 7; r++)
        for (let c = 0; c < 7; c++) {
          const ring = r === 0 || r === 6 || c === 0 || c === 6;
          const centre = r >= 2 && r <= 4 && c >= 2 && c <= 4;
          if (m[r0 + r]![c0 + c] !== (ring || centre)) return false;
        }
      return true;
    };
    expect([finderAt(0, 0), finderAt(0, 30), finderAt(30, 0), finderAt(30, 30)]).toEqual([true, true, true, false]);
    // Timing pattern: row 6 alternates between the finders.
    expect(m[6]!.slice(8, 29)).toEqual(Array.from({ length: 21 }, (_, i) => i % 2 === 0));
  });

  test("an SVG with a quiet zone, and only ASCII is encoded", () => {
    const svg = qrSvg(url, 150, "问卷二维码");
    expect(svg).toContain('viewBox="0 0 45 45"');
    expect(svg).toMatch(/^<svg [^>]*width="150"/);
    expect(() => qrModules("问卷")).toThrow(RangeError);
  });
});
