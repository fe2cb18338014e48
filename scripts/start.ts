/**
 * `npm start`: show Qingdu at work on the bundled demo page.
 *
 * Builds the extension when the build is missing or older than the sources, serves demo/ on
 * 127.0.0.1 and opens Chromium with Qingdu loaded. Without a display (DISPLAY unset) it runs
 * headless: it prints the page's headlines before and after and writes screenshots to
 * demo-output/, then exits.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildIfNeeded } from './lib/build';
import {
  CHROMIUM_ARGS,
  ChromiumNotFoundError,
  type ExtensionBrowser,
  findChromium,
  launchWithExtension,
} from './lib/chromium';
import { startStaticServer } from './lib/static-server';
import { findTabId, type TabSnapshot, topFrame, waitForSettled } from './lib/tab-state';

const ROOT = resolve(import.meta.dirname, '..');
const DEMO_DIR = join(ROOT, 'demo');
const OUTPUT_DIR = join(ROOT, 'demo-output');
/** Elements whose text the demo prints as "headlines". */
const HEADLINE_SELECTOR = 'h1, h3, nav.page-list a[href^="#a"]';

async function readHeadlines(page: Page): Promise<string[]> {
  return page.locator(HEADLINE_SELECTOR).evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').trim()));
}

/** The time Qingdu may take with the demo page. */
const DEMO_TIMEOUT_MS = 15_000;

/**
 * Wait until Qingdu is done with the page, as the extension itself reports it (the page carries
 * no marker of Qingdu's): the tab's pipeline has finished its work, with `until` holding.
 */
async function waitForQingdu(
  browser: ExtensionBrowser,
  page: Page,
  until?: (tab: TabSnapshot) => boolean,
): Promise<void> {
  const tabId = await findTabId(browser, page);
  await waitForSettled(browser, page, tabId, {
    timeout: DEMO_TIMEOUT_MS,
    until: (tab) => tab.top?.pipeline === true && (until?.(tab) ?? true),
  });
}

async function runHeadless(demoUrl: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });

  // "Before": the page as a reader sees it without Qingdu.
  const plain = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  const beforePage = await plain.newPage({ viewport: { width: 1280, height: 900 } });
  await beforePage.goto(demoUrl);
  const before = await readHeadlines(beforePage);
  await beforePage.screenshot({ path: join(OUTPUT_DIR, 'before.png'), fullPage: true });
  await plain.close();

  // "After": the same page with Qingdu loaded.
  const withQingdu = await launchWithExtension({ headless: true, locale: 'zh-CN' });
  try {
    const page = await withQingdu.context.newPage();
    await page.goto(demoUrl);
    await waitForQingdu(withQingdu, page);
    const after = await readHeadlines(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'after.png'), fullPage: true });

    console.log('\nHeadlines on the demo page, before → after Qingdu:\n');
    before.forEach((line, i) => {
      const fixed = after[i] ?? '';
      console.log(`  ${line === fixed ? ' ' : '✔'} ${line}`);
      if (line !== fixed) console.log(`    → ${fixed}`);
    });
    await showConversion(withQingdu, page);
    console.log(
      `\nScreenshots: ${['before.png', 'after.png', 'converted.png'].map((f) => join('demo-output', f)).join(', ')}`,
    );
  } finally {
    await withQingdu.close();
  }
}

/** Switch conversion on from the real popup (Traditional, Taiwan with phrases) and show the result. */
async function showConversion(browser: ExtensionBrowser, page: Page): Promise<void> {
  const tabId = await findTabId(browser, page);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByTestId('conversion-variant').selectOption('s2twp');
  await popup.getByTestId('conversion-switch').click();
  await waitForQingdu(browser, page, topFrame.runs('convert'));
  await page.bringToFront();
  const converted = await readHeadlines(page);
  await page.screenshot({ path: join(OUTPUT_DIR, 'converted.png'), fullPage: true });
  await popup.close();
  console.log('\nThe same headlines with conversion on (Traditional, Taiwan with phrases), from the popup:\n');
  for (const line of converted.slice(0, 6)) console.log(`    ${line}`);
}

async function runWithDisplay(demoUrl: string): Promise<void> {
  const browser = await launchWithExtension({ headless: false, viewport: null, locale: 'zh-CN' });
  const page = await browser.context.newPage();
  await page.goto(demoUrl);
  console.log(`Chromium is open on ${demoUrl} with Qingdu loaded. Close the window to stop.`);
  await new Promise<void>((done) => browser.context.on('close', () => done()));
}

async function main(): Promise<void> {
  try {
    findChromium();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  buildIfNeeded();
  const server = await startStaticServer(DEMO_DIR);
  const demoUrl = server.url('/article.html');
  console.log(`Serving the demo page at ${demoUrl}`);
  try {
    if (process.env.DISPLAY) await runWithDisplay(demoUrl);
    else await runHeadless(demoUrl);
  } finally {
    await server.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ChromiumNotFoundError ? error.message : error);
  process.exit(1);
});
