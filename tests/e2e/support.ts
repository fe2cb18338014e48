/** Shared setup for end-to-end tests: one Chromium with the built extension, one page server. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { READY_ATTRIBUTE, READY_VALUE } from '../../lib/dom/markers';
import { type ExtensionBrowser, launchWithExtension } from '../../scripts/lib/chromium';
import { type StaticServer, startStaticServer } from '../../scripts/lib/static-server';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');
export const DEMO_DIR = resolve(import.meta.dirname, '../../demo');
/**
 * Where end-to-end tests save their screenshots: an ignored folder on every run, so `npm test`
 * leaves the tree clean; `UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes the README's copies.
 */
export const SCREENSHOTS_DIR = process.env.UPDATE_SCREENSHOTS
  ? resolve(import.meta.dirname, '../../docs/screenshots')
  : resolve(import.meta.dirname, '../../test-output/screenshots');
mkdirSync(SCREENSHOTS_DIR, { recursive: true });

export interface E2eEnvironment {
  browser: ExtensionBrowser;
  server: StaticServer;
  /** Open an extension page such as `popup.html` in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Open a served page in a new tab and wait until Qingdu's content script has started in it. */
  openFixture(path: string): Promise<Page>;
  /** The browser's tab id of a page (it is brought to the front to be found). */
  tabIdOf(page: Page): Promise<number>;
  /** Open the real popup, acting on the tab of `page` (named in `?tab=`, as a toolbar click would). */
  openPopupFor(page: Page): Promise<Page>;
  close(): Promise<void>;
}

export async function startE2e(options: { rootDir?: string; locale?: string } = {}): Promise<E2eEnvironment> {
  const server = await startStaticServer(options.rootDir ?? FIXTURES_DIR);
  const browser = await launchWithExtension({ locale: options.locale });
  async function openExtensionPage(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
    // A page whose script fails to start should fail its test now, not after every poll times out.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    if (errors.length > 0) throw new Error(`${path} failed to start: ${errors.map(String).join('; ')}`);
    return page;
  }
  async function tabIdOf(page: Page): Promise<number> {
    // Without the `tabs` permission the worker cannot see tab URLs, so it asks for the active tab.
    await page.bringToFront();
    const tabId = await browser.serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id;
    });
    if (tabId === undefined) throw new Error(`no tab found for ${page.url()}`);
    return tabId;
  }
  return {
    browser,
    server,
    openExtensionPage,
    tabIdOf,
    async openFixture(path) {
      const page = await browser.context.newPage();
      await page.goto(server.url(path));
      await page.waitForFunction(({ name, value }) => document.documentElement.getAttribute(name) === value, {
        name: READY_ATTRIBUTE,
        value: READY_VALUE,
      });
      return page;
    },
    async openPopupFor(page) {
      return openExtensionPage(`popup.html?tab=${await tabIdOf(page)}`);
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
