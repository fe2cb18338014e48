/**
 * What Qingdu knows of a tab, read from outside the page: the tab's entry in the background's
 * `storage.session` (lib/background/tab-status.ts, the record the popup and the badge show) and
 * the document key of each frame (lib/isolated-world.ts), read in the extension's isolated world
 * of the frame. Pages carry no marker of Qingdu's (issue 13), so the end-to-end tests, `npm start`
 * and the benchmarks wait through this instead: never through the page, never by sleeping.
 */
import type { Page } from 'playwright-core';
import { type FrameEntry, TAB_STATUS_KEY_PREFIX, type TabEntry } from '../../lib/background/tab-status';
import type { TextStageName } from '../../lib/text/compose';
import type { ExtensionBrowser } from './chromium';

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
  /** The top frame's pipeline joins broken lines (true) or leaves them as the page has them (false). */
  joiningLines: (joining: boolean) => (tab: TabSnapshot) =>
    tab.top?.pipeline === true && tab.top.work?.joiningLines === joining,
};

export interface SettleOptions {
  /** Also wait for this to hold of the settled tab (e.g. the stage just switched on is running). */
  until?: (tab: TabSnapshot) => boolean;
  /** The address the top frame must have reported for (default: the page's own). */
  address?: string;
  timeout?: number;
}

interface ExecutionContext {
  id: number;
  origin: string;
  auxData?: { type?: string; frameId?: string };
}

/** The document key of the page's top frame, read in Qingdu's isolated world through DevTools (the page is not touched). */
async function readTopDocumentKey(browser: ExtensionBrowser, page: Page): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: ExecutionContext[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    // Enabling reports every context that exists already.
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const world = contexts.find(
      (context) =>
        context.auxData?.type === 'isolated' &&
        context.auxData.frameId === frameTree.frame.id &&
        context.origin === `chrome-extension://${browser.extensionId}`,
    );
    if (!world) return undefined;
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: 'globalThis.__qingdu?.documentKey',
      contextId: world.id,
      returnByValue: true,
    });
    return typeof result.value === 'string' ? result.value : undefined;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * The tab id of a served page. Without the `tabs` permission the worker cannot name a tab by its
 * page, and several tabs may show the same address: the tab is the one whose top frame holds the
 * same document key (lib/isolated-world.ts) as the page, read on both sides in Qingdu's world.
 */
export async function findTabId(browser: ExtensionBrowser, page: Page, timeout = SETTLE_TIMEOUT_MS): Promise<number> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const documentKey = await readTopDocumentKey(browser, page);
    if (documentKey) {
      const tabId = await browser.serviceWorker.evaluate(async (key) => {
        const readDocumentKey = (
          () => () =>
            (globalThis as unknown as { __qingdu?: { documentKey?: string } }).__qingdu?.documentKey ?? null
        )();
        for (const tab of await chrome.tabs.query({})) {
          if (tab.id === undefined) continue;
          const [top] = await chrome.scripting
            .executeScript({ target: { tabId: tab.id, frameIds: [0] }, func: readDocumentKey })
            .catch(() => []);
          if (top?.result === key) return tab.id;
        }
        return undefined;
      }, documentKey);
      if (tabId !== undefined) return tabId;
    }
    // The sentinel has not started in the page yet.
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`no tab found for ${page.url()}`);
}

/** What the extension knows of a tab now. */
export async function readTab(browser: ExtensionBrowser, tabId: number): Promise<TabSnapshot> {
  const { entry, documents } = await browser.serviceWorker.evaluate(
    async ({ tabId, key }) => {
      // A function injected this way runs in the extension's isolated world of each frame, the
      // world Qingdu's own scripts share (lib/isolated-world.ts): the page never sees it. It is
      // returned by a call, not written as a named property, so tsx's esbuild gives it no
      // `__name` wrapper (a helper the worker does not have).
      const readDocumentKey = (
        () => () =>
          (globalThis as unknown as { __qingdu?: { documentKey?: string } }).__qingdu?.documentKey ?? null
      )();
      const injected = await chrome.scripting
        .executeScript({ target: { tabId, allFrames: true }, func: readDocumentKey })
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

/** Poll the tab until `describe` finds nothing missing (it says what is), or throw after `timeout`. */
export async function waitForTab(
  browser: ExtensionBrowser,
  tabId: number,
  describe: (tab: TabSnapshot) => string | undefined,
  timeout = SETTLE_TIMEOUT_MS,
): Promise<TabSnapshot> {
  let last: TabSnapshot | undefined;
  let why: string | undefined = 'not read yet';
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    last = await readTab(browser, tabId);
    why = describe(last);
    if (why === undefined) return last;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`tab ${tabId}: ${why} after ${timeout} ms\n${JSON.stringify(last?.entry, null, 1)}`);
}

/** Wait until Qingdu is done with the tab of `page` (see `findUnsettled`), and `until` holds. */
export function waitForSettled(
  browser: ExtensionBrowser,
  page: Page,
  tabId: number,
  settle: SettleOptions = {},
): Promise<TabSnapshot> {
  return waitForTab(
    browser,
    tabId,
    (tab) =>
      findUnsettled(tab, settle.address ?? page.url()) ??
      (settle.until && !settle.until(tab) ? 'the expected state has not been reached' : undefined),
    settle.timeout,
  );
}
