/**
 * `npm start`: show Qingdu at work on the bundled demo page.
 *
 * Builds the extension when the build is missing or older than the sources, serves demo/ on
 * 127.0.0.1 and opens Chromium with Qingdu loaded (`npm start -- --browser firefox`: Firefox ESR).
 * Without a display (DISPLAY unset) it runs headless: it prints the page's headlines before and
 * after and writes screenshots to demo-output/ (firefox-*.png from Firefox), then exits.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import puppeteer, { type Page as FirefoxPage } from 'puppeteer-core';
import { type BuildTarget, buildIfNeeded } from './lib/build';
import {
  CHROMIUM_ARGS,
  ChromiumNotFoundError,
  type ExtensionBrowser,
  findChromium,
  launchWithExtension,
} from './lib/chromium';
import {
  byTestId,
  FirefoxNotFoundError,
  type FirefoxWithExtension,
  findFirefox,
  launchFirefoxWithExtension,
} from './lib/firefox';
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
    await showJoinedLines(withQingdu, page);
    const shots = ['before.png', 'after.png', 'converted.png', 'lines-before.png', 'lines-joined.png'];
    console.log(`\nScreenshots: ${shots.map((f) => join('demo-output', f)).join(', ')}`);
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
  // Off again: the page is back in Simplified for what follows.
  await popup.getByTestId('conversion-switch').click();
  await waitForQingdu(browser, page, topFrame.lacks('convert'));
  await popup.close();
  console.log('\nThe same headlines with conversion on (Traditional, Taiwan with phrases), from the popup:\n');
  for (const line of converted.slice(0, 6)) console.log(`    ${line}`);
}

/** The print column's article (#a4) before and after "Join broken lines", switched from the real popup. */
async function showJoinedLines(browser: ExtensionBrowser, page: Page): Promise<void> {
  const tabId = await findTabId(browser, page);
  const article = page.locator('#a4');
  const countLines = () =>
    article.evaluate((element) => {
      const tops = new Set<number>();
      const walker = document.createTreeWalker(element.querySelector('.column') as Element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
      }
      return tops.size;
    });
  const linesBefore = await countLines();
  await article.screenshot({ path: join(OUTPUT_DIR, 'lines-before.png') });
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  const found = await popup.getByTestId('line-runs').textContent({ timeout: DEMO_TIMEOUT_MS });
  await popup.getByTestId('lines-switch').click();
  await waitForQingdu(browser, page, topFrame.joiningLines(true));
  await popup.close();
  await page.bringToFront();
  await article.screenshot({ path: join(OUTPUT_DIR, 'lines-joined.png') });
  console.log(`\nThe print column's article: ${found}; with "Join broken lines" on, from the popup,`);
  console.log(`its main column takes ${await countLines()} lines on screen instead of ${linesBefore}.`);
}

async function runWithDisplay(demoUrl: string): Promise<void> {
  const browser = await launchWithExtension({ headless: false, viewport: null, locale: 'zh-CN' });
  const page = await browser.context.newPage();
  await page.goto(demoUrl);
  console.log(`Chromium is open on ${demoUrl} with Qingdu loaded. Close the window to stop.`);
  await new Promise<void>((done) => browser.context.on('close', () => done()));
}

// --- Firefox (`npm start -- --browser firefox`) ------------------------------------------------

async function readFirefoxHeadlines(page: FirefoxPage): Promise<string[]> {
  return page.$$eval(HEADLINE_SELECTOR, (nodes) => nodes.map((n) => (n.textContent ?? '').trim()));
}

/** Wait until the page shows every headline as its `data-expect` says (what the reader should see). */
async function waitForRepairedHeadlines(page: FirefoxPage): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-expect]')].every((n) => n.textContent === n.getAttribute('data-expect')),
    { timeout: 15_000, polling: 100 },
  );
}

async function runHeadlessFirefox(demoUrl: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const shot = (name: string) => join(OUTPUT_DIR, `firefox-${name}.png`) as `${string}.png`;

  // "Before": the page as a reader sees it in a Firefox without Qingdu.
  const plain = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
  });
  let before: string[];
  try {
    const page = await plain.newPage();
    await page.goto(demoUrl);
    before = await readFirefoxHeadlines(page);
    await page.screenshot({ path: shot('before'), fullPage: true });
  } finally {
    await plain.close();
  }

  // "After": the same page with Qingdu installed.
  const firefox = await launchFirefoxWithExtension();
  try {
    console.log(`\n${firefox.firefoxVersion.replace('firefox/', 'Firefox ')} (${findFirefox()}), headless.`);
    const page = await firefox.browser.newPage();
    await page.goto(demoUrl);
    await waitForRepairedHeadlines(page);
    const after = await readFirefoxHeadlines(page);
    await page.screenshot({ path: shot('after'), fullPage: true });
    console.log('\nHeadlines on the demo page, before → after Qingdu (Firefox):\n');
    before.forEach((line, i) => {
      const fixed = after[i] ?? '';
      console.log(`  ${line === fixed ? ' ' : '✔'} ${line}`);
      if (line !== fixed) console.log(`    → ${fixed}`);
    });
    await showFirefoxConversion(firefox, page, after, shot('converted'));
    console.log(
      `\nScreenshots: ${['before', 'after', 'converted'].map((name) => join('demo-output', `firefox-${name}.png`)).join(', ')}`,
    );
  } finally {
    await firefox.close();
  }
}

/** Switch conversion on from the real popup (Traditional, Taiwan with phrases) and show the result. */
async function showFirefoxConversion(
  firefox: FirefoxWithExtension,
  page: FirefoxPage,
  fixed: string[],
  screenshotPath: `${string}.png`,
): Promise<void> {
  const popup = await firefox.openPopupFor(page);
  await popup.select(byTestId('conversion-variant'), 's2twp');
  await popup.click(byTestId('conversion-switch'));
  // Converted once the headlines have changed and hold still.
  let converted = fixed;
  for (let stable = 0, deadline = Date.now() + 15_000; stable < 3 && Date.now() < deadline; ) {
    await new Promise((done) => setTimeout(done, 150));
    const now = await readFirefoxHeadlines(page);
    stable = now.join() !== fixed.join() && now.join() === converted.join() ? stable + 1 : 0;
    converted = now;
  }
  await page.bringToFront();
  await page.screenshot({ path: screenshotPath, fullPage: true });
  await popup.close();
  console.log('\nThe same headlines with conversion on (Traditional, Taiwan with phrases), from the popup:\n');
  for (const line of converted.slice(0, 6)) console.log(`    ${line}`);
}

async function runWithDisplayFirefox(demoUrl: string): Promise<void> {
  const firefox = await launchFirefoxWithExtension({ headless: false });
  const page = await firefox.browser.newPage();
  await page.goto(demoUrl);
  console.log(`Firefox is open on ${demoUrl} with Qingdu installed. Close the window to stop.`);
  await new Promise<void>((done) => firefox.browser.once('disconnected', () => done()));
  await firefox.close().catch(() => undefined);
}

/** `--browser chromium` (the default) or `--browser firefox`. */
function readBrowserArgument(args: readonly string[]): BuildTarget {
  const index = args.findIndex((arg) => arg === '--browser' || arg.startsWith('--browser='));
  if (index < 0) return 'chrome';
  const value = args[index]?.includes('=') ? args[index]?.split('=')[1] : args[index + 1];
  if (value === 'firefox') return 'firefox';
  if (value === 'chromium' || value === 'chrome') return 'chrome';
  throw new Error(`Unknown browser "${value ?? ''}": use --browser chromium or --browser firefox.`);
}

async function main(): Promise<void> {
  let target: BuildTarget;
  try {
    target = readBrowserArgument(process.argv.slice(2));
    if (target === 'firefox') findFirefox();
    else findChromium();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  buildIfNeeded(console.log, target);
  const server = await startStaticServer(DEMO_DIR);
  const demoUrl = server.url('/article.html');
  console.log(`Serving the demo page at ${demoUrl}`);
  try {
    if (target === 'firefox') {
      if (process.env.DISPLAY) await runWithDisplayFirefox(demoUrl);
      else await runHeadlessFirefox(demoUrl);
    } else if (process.env.DISPLAY) await runWithDisplay(demoUrl);
    else await runHeadless(demoUrl);
  } finally {
    await server.close();
  }
}

main().catch((error) => {
  const known = error instanceof ChromiumNotFoundError || error instanceof FirefoxNotFoundError;
  console.error(known ? error.message : error);
  process.exit(1);
});
