/**
 * Shared setup for end-to-end tests: one Chromium with the built extension, one page server, and
 * helpers that wait through the extension's own state. Pages carry no marker of Qingdu's (issue
 * 13), so tests read what the background knows of a tab (its entry in `storage.session`, the same
 * record the popup and the badge show) and what the reader sees; they never sleep.
 */
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchWithExtension } from '../../scripts/lib/chromium';
import { type StaticServer, startStaticServer } from '../../scripts/lib/static-server';
import {
  findTabId,
  readTab,
  type SettleOptions,
  type TabSnapshot,
  topFrame,
  waitForSettled,
  waitForTab,
} from '../../scripts/lib/tab-state';

export {
  findUnsettled,
  SETTLE_TIMEOUT_MS,
  type SettleOptions,
  type StageName,
  type TabSnapshot,
  topFrame,
} from '../../scripts/lib/tab-state';

import { FIXTURES_DIR } from '../support/paths';

export { DEMO_DIR, FIXTURES_DIR, SCREENSHOTS_DIR } from '../support/paths';

export interface E2eEnvironment {
  browser: ExtensionBrowser;
  server: StaticServer;
  /** Open an extension page such as `popup.html` in a new window. */
  openExtensionPage(path: string): Promise<Page>;
  /** Open a served page in a new tab and wait until Qingdu has looked at it (its top frame reported). */
  openFixture(path: string): Promise<Page>;
  /** Wait until the top frame of `page` has reported for the document it holds now. */
  waitForLook(page: Page): Promise<TabSnapshot>;
  /** Wait until Qingdu is done with the tab of `page` (see `findUnsettled`), and `until` holds. */
  waitForSettled(page: Page, options?: SettleOptions): Promise<TabSnapshot>;
  /** What the extension knows of the tab of `page` now. */
  readTab(page: Page): Promise<TabSnapshot>;
  /** The browser's tab id of a page. */
  tabIdOf(page: Page): Promise<number>;
  /** Open the real popup, acting on the tab of `page` (named in `?tab=`, as a toolbar click would). */
  openPopupFor(page: Page): Promise<Page>;
  /** The toolbar badge's text for the tab of `page`. */
  badgeOf(page: Page): Promise<string>;
  /** Send a message to the background from an extension page, as the popup does; resolves to the raw `{res}` or `{err}`. */
  sendFromExtensionPage(type: string, data: unknown): Promise<unknown>;
  /** "Show original" (true) or "Fix again" (false) for the tab of `page`, as the popup asks for it; waits until the tab has settled so. */
  setShowOriginal(page: Page, showOriginal: boolean): Promise<TabSnapshot>;
  /** Back to the defaults: no stored settings, no site remembered for doubled text. */
  resetStorage(): Promise<void>;
  close(): Promise<void>;
}

export async function startE2e(options: { rootDir?: string; locale?: string } = {}): Promise<E2eEnvironment> {
  const server = await startStaticServer(options.rootDir ?? FIXTURES_DIR);
  const browser = await launchWithExtension({ locale: options.locale });
  const tabIds = new WeakMap<Page, number>();

  /**
   * A new page in a window of its own: the active tab of every window is visible, so a popup and
   * the page it acts on are both live (a hidden tab gets no animation frames, and Playwright's
   * actions wait for them).
   */
  async function openInNewWindow(): Promise<Page> {
    const opener = browser.context.pages()[0] ?? (await browser.context.newPage());
    const cdp = await browser.context.newCDPSession(opener);
    const created = browser.context.waitForEvent('page');
    await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: true });
    const page = await created;
    await cdp.detach();
    return page;
  }

  async function openExtensionPage(path: string): Promise<Page> {
    const page = await openInNewWindow();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
    // A page whose script fails to start should fail its test now, not after every poll times out.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    if (errors.length > 0) throw new Error(`${path} failed to start: ${errors.map(String).join('; ')}`);
    return page;
  }

  async function tabIdOf(page: Page): Promise<number> {
    const known = tabIds.get(page);
    if (known !== undefined) return known;
    const tabId = await findTabId(browser, page);
    tabIds.set(page, tabId);
    return tabId;
  }

  let controlPage: Promise<Page> | undefined;
  async function sendFromExtensionPage(type: string, data: unknown): Promise<unknown> {
    controlPage ??= openExtensionPage('options.html');
    const control = await controlPage;
    return control.evaluate(
      ({ type, data }) => chrome.runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() }),
      { type, data },
    );
  }

  async function waitForLook(page: Page): Promise<TabSnapshot> {
    return waitForTab(browser, await tabIdOf(page), (tab) =>
      tab.top && tab.top.address === page.url() ? undefined : 'the top frame has not reported',
    );
  }

  return {
    browser,
    server,
    openExtensionPage,
    tabIdOf,
    readTab: async (page) => readTab(browser, await tabIdOf(page)),
    waitForLook,
    waitForSettled: async (page, settle) => waitForSettled(browser, page, await tabIdOf(page), settle),
    async openFixture(path) {
      const page = await browser.context.newPage();
      await page.goto(server.url(path));
      await waitForLook(page);
      return page;
    },
    async openPopupFor(page) {
      return openExtensionPage(`popup.html?tab=${await tabIdOf(page)}`);
    },
    async badgeOf(page) {
      const tabId = await tabIdOf(page);
      return browser.serviceWorker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    },
    sendFromExtensionPage,
    async setShowOriginal(page, showOriginal) {
      const tabId = await tabIdOf(page);
      const reply = (await sendFromExtensionPage('setTabShowOriginal', { tabId, showOriginal })) as { err?: unknown };
      if (reply?.err) throw new Error(`setTabShowOriginal was refused: ${JSON.stringify(reply.err)}`);
      return waitForSettled(browser, page, tabId, { until: topFrame.showingOriginal(showOriginal) });
    },
    async resetStorage() {
      await browser.serviceWorker.evaluate(async () => {
        await chrome.storage.sync.clear();
        await chrome.storage.local.clear();
      });
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** When Qingdu wrote to the page and when keystrokes arrived, in the page's own clock (ms). */
export interface WriteAndKeystrokeLog {
  writes: number[];
  keys: number[];
}

/**
 * Record, in the page's own world from its first script on, when text under `#containerId`
 * changes in place (characterData: the pages of these tests only add or replace nodes there, so
 * these are Qingdu's writes, seen when each slice of its work ends) and when a keystroke arrives
 * (an `input` event anywhere). Call before the page loads.
 */
export async function recordWritesAndKeystrokes(page: Page, containerId: string): Promise<void> {
  await page.addInitScript((id) => {
    const log = { writes: [] as number[], keys: [] as number[] };
    Object.defineProperty(window, '__writeAndKeystrokeLog', { value: log });
    new MutationObserver((records) => {
      const container = document.getElementById(id);
      if (records.some((r) => r.type === 'characterData' && container?.contains(r.target)))
        log.writes.push(performance.now());
    }).observe(document, { subtree: true, characterData: true });
    document.addEventListener('input', () => log.keys.push(performance.now()), true);
  }, containerId);
}

export function readWritesAndKeystrokes(page: Page): Promise<WriteAndKeystrokeLog> {
  return page.evaluate(
    () => (window as unknown as { __writeAndKeystrokeLog: WriteAndKeystrokeLog }).__writeAndKeystrokeLog,
  );
}

/** How many gaps between consecutive times of `boundaries` hold at least one time of `events`: how often the two interleaved. */
export function countGapsHolding(boundaries: readonly number[], events: readonly number[]): number {
  let gaps = 0;
  for (let i = 1; i < boundaries.length; i++) {
    const from = boundaries[i - 1] as number;
    const to = boundaries[i] as number;
    if (events.some((at) => at > from && at < to)) gaps++;
  }
  return gaps;
}
