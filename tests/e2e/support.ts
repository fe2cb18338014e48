/**
 * Shared setup for end-to-end tests: one Chromium with the built extension, one page server, and
 * helpers that wait through the extension's own state. Pages carry no marker of Qingdu's (issue
 * 13), so tests read what the background knows of a tab (its entry in `storage.session`, the same
 * record the popup and the badge show) and what the reader sees; they never sleep.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type FrameEntry, TAB_STATUS_KEY_PREFIX, type TabEntry } from '../../lib/background/tab-status';
import type { TextStageName } from '../../lib/text/pipeline';
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

/** How long a tab may take to settle by default (a page of 5,000 doubled paragraphs on a busy machine). */
export const SETTLE_TIMEOUT_MS = 30_000;

/** The stages a page pipeline can run (lib/dom/page-pipeline.ts `PipelineStatus.stages`). */
export type StageName = TextStageName | 'pinyin';

/** One frame of a tab: the document in it now (from the frame itself) and what the background recorded. */
export interface FrameSnapshot {
  frameId: number;
  /** The document key in the frame's isolated world (lib/isolated-world.ts); null where no script of Qingdu's ran. */
  documentKey: string | null;
  /** The background's entry for the frame, if it has one. */
  entry?: FrameEntry;
}

/** What the extension knows of a tab at one moment. */
export interface TabSnapshot {
  tabId: number;
  /** The tab's entry in `storage.session` (lib/background/tab-status.ts). */
  entry: TabEntry;
  /** Every frame the browser has in the tab now. */
  frames: FrameSnapshot[];
  /** The top frame's entry, when it reported for the document it holds now. */
  top?: FrameEntry;
}

/**
 * Why the tab is not settled yet, or undefined when it is: the top frame reported for the
 * document it holds (and `address`, if given), every frame whose sentinel ran has reported for its
 * current document, every frame whose sentinel found a candidate on a site that fixes has the
 * pipeline, and every pipeline has finished its current generation with no aid loading.
 */
export function findUnsettled(snapshot: TabSnapshot, address?: string): string | undefined {
  const top = snapshot.frames.find((frame) => frame.frameId === 0);
  if (!top?.documentKey) return 'the top frame has no document with Qingdu in it yet';
  if (top.entry?.documentKey !== top.documentKey) return 'the top frame has not reported for its document';
  if (address !== undefined && top.entry.address !== address)
    return `the top frame reported for ${top.entry.address}, not ${address}`;
  for (const { frameId, documentKey, entry } of snapshot.frames) {
    if (!documentKey) continue;
    if (entry?.documentKey !== documentKey) return `frame ${frameId} has not reported for its document`;
    if (entry.candidate && entry.fixEnabled && !entry.pipeline) return `frame ${frameId} waits for its pipeline`;
    if (!entry.pipeline) continue;
    const work = entry.work;
    if (!work) return `frame ${frameId}'s pipeline has not reported its work`;
    if (work.working || work.doneGeneration !== work.generation)
      return `frame ${frameId} is working (generation ${work.doneGeneration} of ${work.generation})`;
    const loading = Object.entries(entry.readingAids ?? {}).find(([, aid]) => aid.loading);
    if (loading) return `frame ${frameId} is loading ${loading[0]}`;
  }
  return undefined;
}

/** Expectations on a settled tab, for `waitForSettled`'s `until`. */
export const topFrame = {
  /** The top frame's pipeline runs exactly these stages (in any order). */
  stages:
    (...names: StageName[]) =>
    (tab: TabSnapshot) =>
      JSON.stringify([...(tab.top?.work?.stages ?? [])].sort()) === JSON.stringify([...names].sort()),
  /** The top frame's pipeline runs this stage. */
  runs: (name: StageName) => (tab: TabSnapshot) => tab.top?.work?.stages.includes(name) === true,
  /** The top frame runs no pipeline, or one without this stage. */
  lacks: (name: StageName) => (tab: TabSnapshot) => !tab.top?.work?.stages.includes(name),
  /** The top frame's pipeline shows the original (true) or repairs (false). */
  showingOriginal: (showing: boolean) => (tab: TabSnapshot) => tab.top?.work?.showingOriginal === showing,
};

export interface SettleOptions {
  /** Also wait for this to hold of the settled tab (e.g. the stage just switched on is running). */
  until?: (tab: TabSnapshot) => boolean;
  /** The address the top frame must have reported for (default: the page's own). */
  address?: string;
  timeout?: number;
}

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
    // The page's tab is the active one of its window once it is in front (extension pages open
    // in windows of their own); the worker sees the addresses of the web pages it may script.
    await page.bringToFront();
    const tabId = await browser.serviceWorker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({ active: true });
      const found = tabs.filter((tab) => tab.url === url);
      return found.length === 1 ? found[0]?.id : undefined;
    }, page.url());
    if (tabId === undefined) throw new Error(`no tab found for ${page.url()}`);
    tabIds.set(page, tabId);
    return tabId;
  }

  async function readTab(page: Page): Promise<TabSnapshot> {
    const tabId = await tabIdOf(page);
    const { entry, documents } = await browser.serviceWorker.evaluate(
      async ({ tabId, key }) => {
        // A function injected this way runs in the extension's isolated world of each frame, the
        // world Qingdu's own scripts share (lib/isolated-world.ts): the page never sees it.
        const injected = await chrome.scripting
          .executeScript({
            target: { tabId, allFrames: true },
            func: () =>
              (globalThis as unknown as { __qingdu?: { documentKey?: string } }).__qingdu?.documentKey ?? null,
          })
          .catch(() => []);
        const stored = await chrome.storage.session.get(key);
        return {
          entry: (stored[key] ?? { frames: {} }) as TabEntry,
          documents: injected.map((result) => ({ frameId: result.frameId, documentKey: result.result ?? null })),
        };
      },
      { tabId, key: `${TAB_STATUS_KEY_PREFIX}${tabId}` },
    );
    const frames = (documents as { frameId: number; documentKey: string | null }[]).map((document) => ({
      ...document,
      entry: entry.frames[String(document.frameId)],
    }));
    const top = frames.find((frame) => frame.frameId === 0);
    const current = top?.documentKey && top.entry?.documentKey === top.documentKey ? top.entry : undefined;
    return { tabId, entry, frames, top: current };
  }

  async function waitFor(
    page: Page,
    describe: (tab: TabSnapshot) => string | undefined,
    timeout: number,
  ): Promise<TabSnapshot> {
    let last: TabSnapshot | undefined;
    let why: string | undefined = 'not read yet';
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      last = await readTab(page);
      why = describe(last);
      if (why === undefined) return last;
      await new Promise((done) => setTimeout(done, 50));
    }
    throw new Error(`${page.url()}: ${why} after ${timeout} ms\n${JSON.stringify(last?.entry, null, 1)}`);
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

  function waitForLook(page: Page): Promise<TabSnapshot> {
    return waitFor(
      page,
      (tab) => (tab.top && tab.top.address === page.url() ? undefined : 'the top frame has not reported'),
      SETTLE_TIMEOUT_MS,
    );
  }

  function waitForSettled(page: Page, settle: SettleOptions = {}): Promise<TabSnapshot> {
    return waitFor(
      page,
      (tab) =>
        findUnsettled(tab, settle.address ?? page.url()) ??
        (settle.until && !settle.until(tab) ? 'the expected state has not been reached' : undefined),
      settle.timeout ?? SETTLE_TIMEOUT_MS,
    );
  }

  return {
    browser,
    server,
    openExtensionPage,
    tabIdOf,
    readTab,
    waitForLook,
    waitForSettled,
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
      return waitForSettled(page, { until: topFrame.showingOriginal(showOriginal) });
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Poll until `read` gives `expected` (what the reader sees), with the default poll timeout. */
export async function expectEventually<T>(read: () => Promise<T>, expected: T, message?: string): Promise<void> {
  await expect.poll(read, { message, timeout: SETTLE_TIMEOUT_MS }).toEqual(expected);
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
