import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/**
 * The browser comes from npm, so `npm install && npm test` is all the set-up:
 * @sparticuz/chromium ships a Chromium build inside the package (brotli-packed,
 * unpacked to the temp folder on first use — nothing is downloaded at run time).
 * CHROMIUM_PATH points at another build (Debian's /usr/bin/chromium, say).
 */
async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}

/**
 * A fontconfig file naming only the CJK font the project already ships for its
 * WeChat pictures (Noto Sans SC, from npm), so screenshots show Chinese rather
 * than boxes on a machine with no CJK font installed.
 */
async function fontConfig(profile: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const fonts = dirname(require.resolve("@expo-google-fonts/noto-sans-sc/package.json"));
  const file = join(profile, "fonts.conf");
  await mkdir(join(profile, "fontconfig-cache"), { recursive: true });
  await writeFile(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(fonts, "400Regular")}</dir>
  <dir>${join(fonts, "700Bold")}</dir>
  <dir>/usr/share/fonts</dir>
  <cachedir>${join(profile, "fontconfig-cache")}</cachedir>
  <alias><family>sans-serif</family><prefer><family>Noto Sans SC</family></prefer></alias>
</fontconfig>
`,
  );
  return file;
}

/** A real headless Chromium with a fresh profile, no network beyond what the page asks for. */
export async function launchChromium(
  viewport = { width: 1366, height: 860 },
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), "appraisal-chromium-"));
  const context = await chromium.launchPersistentContext(join(profile, "user-data"), {
    executablePath: await chromiumPath(),
    headless: true,
    viewport,
    locale: "zh-CN",
    env: { ...process.env, FONTCONFIG_FILE: await fontConfig(profile) },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
