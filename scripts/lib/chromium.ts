/**
 * Finding Debian's Chromium and starting it with the built extension loaded. Shared by the
 * end-to-end tests, the benchmarks and `npm start`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export const CHROME_MV3_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

export const CHROMIUM_INSTALL_HINT =
  "Qingdu needs Chromium to run its browser tests and demo. Install Debian's Chromium with\n" +
  '  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\n' +
  'or point CHROME_PATH at a Chromium or Chrome executable.';

export class ChromiumNotFoundError extends Error {
  constructor() {
    super(CHROMIUM_INSTALL_HINT);
    this.name = 'ChromiumNotFoundError';
  }
}

/** CHROME_PATH if set, else `chromium` (or a known Chromium name) on the PATH. */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist.\n${CHROMIUM_INSTALL_HINT}`);
    return fromEnv;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on the PATH; try the next name
    }
  }
  throw new ChromiumNotFoundError();
}

/** Flags that keep Chromium quiet on a closed network and usable as root. */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-sync',
  '--disable-quic',
  '--disable-gpu',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  extensionDir?: string;
  locale?: string;
  viewport?: { width: number; height: number } | null;
}

/** Start Chromium with the unpacked extension and wait for its service worker. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? CHROME_MV3_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'qingdu-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--lang=${options.locale ?? 'en-US'}`,
    ],
  });
  const serviceWorker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
