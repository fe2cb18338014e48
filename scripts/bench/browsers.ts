/**
 * The browsers one benchmark run uses, side by side: Chromium with the built extension, and a
 * plain Chromium (no extension) for the baselines. The generated pages are served from
 * bench-output/ on 127.0.0.1.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, type ExtensionBrowser, findChromium, launchWithExtension } from '../lib/chromium';
import { type StaticServer, startStaticServer } from '../lib/static-server';
import type { BenchRecord } from './page-scripts/records';
import { OUTPUT_DIR, type Prepared } from './prepare';

const VIEWPORT = { width: 1280, height: 900 };
/** Generous: a 5 MB page on a busy 2-core machine. A timeout is a failure, never a measurement. */
export const WAIT_TIMEOUT_MS = 120_000;

export interface BenchBrowsers {
  server: StaticServer;
  extension: ExtensionBrowser;
  /** Plain Chromium, the naive fixer injected at DOMContentLoaded. */
  naive: BrowserContext;
  /** Plain Chromium for the pinyin and conversion baselines (scripts added after load). */
  plain: BrowserContext;
  close(): Promise<void>;
}

export async function startBrowsers(prepared: Prepared): Promise<BenchBrowsers> {
  const server = await startStaticServer(OUTPUT_DIR);
  const extension = await launchWithExtension({ viewport: VIEWPORT });
  await extension.context.addInitScript({ path: prepared.scriptPath('observer') });
  let plainBrowser: Browser | undefined;
  try {
    plainBrowser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
    const naive = await plainBrowser.newContext({ viewport: VIEWPORT });
    await naive.addInitScript({ path: prepared.scriptPath('observer') });
    await naive.addInitScript({ path: prepared.scriptPath('naive-fix') });
    const plain = await plainBrowser.newContext({ viewport: VIEWPORT });
    await plain.addInitScript({ path: prepared.scriptPath('observer') });
    const browser = plainBrowser;
    return {
      server,
      extension,
      naive,
      plain,
      async close() {
        await browser.close();
        await extension.close();
        await server.close();
      },
    };
  } catch (error) {
    await plainBrowser?.close();
    await extension.close();
    await server.close();
    throw error;
  }
}

/**
 * What the observer recorded. `dcl` is taken from Navigation Timing (`domContentLoadedEventStart`)
 * when there is one: a content script's own DOMContentLoaded listener may run before the
 * observer's, and the clock must start before either.
 */
export async function readRecord(page: Page): Promise<BenchRecord> {
  const record = await page.evaluate(() => {
    const bench = window.__qingduBench;
    if (!bench) return 'null';
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const dcl =
      navigation && navigation.domContentLoadedEventStart > 0 ? navigation.domContentLoadedEventStart : bench.dcl;
    const { resetWrites: _reset, probeScroll: _probe, ...data } = bench;
    return JSON.stringify({ ...data, dcl });
  });
  const parsed = JSON.parse(record) as BenchRecord | null;
  if (!parsed) throw new Error(`the observer script did not run on ${page.url()}`);
  return parsed;
}

/** Let the page run its queued tasks (longtask entries are delivered in a later task). */
export async function settlePage(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestIdleCallback(() => done(), { timeout: 2000 }))),
  );
}
