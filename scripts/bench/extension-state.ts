/**
 * What the benchmark knows of Qingdu's state: only what the extension itself says, read from its
 * own world (the background's tab status in `storage.session`), never from anything in the page.
 * Pages see nothing of Qingdu but the text changes themselves.
 */
import type { Page } from 'playwright-core';
import type { TabEntry } from '../../lib/background/tab-status';
import type { BenchBrowsers } from './browsers';

/** Generous: a 5 MB page on a busy 2-core machine. A timeout is a failure, never a measurement. */
const SETTLE_TIMEOUT_MS = 120_000;
const POLL_MS = 20;

/** The browser's id of a page's tab (it is brought to the front to be found: no `tabs` permission). */
export async function tabIdOf(browsers: BenchBrowsers, page: Page): Promise<number> {
  await page.bringToFront();
  const tabId = await browsers.extension.serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (tabId === undefined) throw new Error(`no tab found for ${page.url()}`);
  return tabId;
}

export async function readTabEntry(browsers: BenchBrowsers, tabId: number): Promise<TabEntry | undefined> {
  return browsers.extension.serviceWorker.evaluate(async (id) => {
    const key = `tab-status:${id}`;
    return (await chrome.storage.session.get(key))[key] as TabEntry | undefined;
  }, tabId);
}

/**
 * Has Qingdu finished with the tab: its top frame has reported for `url`, every frame where doubled
 * text was found runs the pipeline, and every pipeline has done all its work, aids loaded.
 */
export function isSettled(entry: TabEntry | undefined, url?: string): boolean {
  const frames = Object.values(entry?.frames ?? {});
  const top = entry?.frames['0'];
  if (!top || (url !== undefined && top.address !== url)) return false;
  return frames.every((frame) => {
    if (frame.candidate && !frame.pipeline) return false;
    if (!frame.pipeline) return true;
    const work = frame.work;
    const loading = Object.values(frame.readingAids ?? {}).some((aid) => aid.loading);
    return work !== undefined && !work.working && work.doneGeneration === work.generation && !loading;
  });
}

/** Poll the tab's state until Qingdu is done with it and `until` holds. */
export async function waitForSettled(
  browsers: BenchBrowsers,
  tabId: number,
  options: { url?: string; until?: (entry: TabEntry) => boolean; timeout?: number } = {},
): Promise<TabEntry> {
  const deadline = performance.now() + (options.timeout ?? SETTLE_TIMEOUT_MS);
  for (;;) {
    const entry = await readTabEntry(browsers, tabId);
    if (entry && isSettled(entry, options.url) && (options.until?.(entry) ?? true)) return entry;
    if (performance.now() > deadline) {
      throw new Error(`Qingdu did not settle in tab ${tabId}: ${JSON.stringify(entry)?.slice(0, 600)}`);
    }
    await new Promise((resume) => setTimeout(resume, POLL_MS));
  }
}

/** Forget the sites remembered for doubled text, so the next visit takes the sentinel's path. */
export async function forgetRememberedSites(browsers: BenchBrowsers): Promise<void> {
  await browsers.extension.serviceWorker.evaluate(async () => {
    await chrome.storage.local.set({ garbledSites: [] });
  });
  await waitForRegistration(browsers, false);
}

/** Wait until the pipeline is (or is not) registered at document_start for remembered sites. */
export async function waitForRegistration(browsers: BenchBrowsers, registered: boolean): Promise<void> {
  const deadline = performance.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const count = await browsers.extension.serviceWorker.evaluate(
      async () => (await chrome.scripting.getRegisteredContentScripts()).length,
    );
    if (count > 0 === registered) return;
    if (performance.now() > deadline) throw new Error(`the remembered-sites script did not become ${registered}`);
    await new Promise((resume) => setTimeout(resume, POLL_MS));
  }
}

/**
 * An extension page to send the popup's messages from (the popup itself, acting on `tabId`):
 * `send` posts one message in the messaging library's format and returns when it was sent
 * (epoch ms) and the answer.
 */
export async function openControlPage(browsers: BenchBrowsers, tabId: number) {
  const page = await browsers.extension.context.newPage();
  await page.goto(`chrome-extension://${browsers.extension.extensionId}/popup.html?tab=${tabId}`);
  return {
    page,
    async send(type: string, data: unknown): Promise<{ sentAt: number; answer: unknown }> {
      return page.evaluate(
        async ({ type: kind, data: payload }) => {
          const sentAt = Date.now();
          const answer = (await chrome.runtime.sendMessage({
            id: sentAt,
            type: kind,
            data: payload,
            timestamp: sentAt,
          })) as {
            res?: unknown;
            err?: unknown;
          };
          if (answer?.err) throw new Error(`${kind} refused: ${JSON.stringify(answer.err)}`);
          return { sentAt, answer: answer?.res };
        },
        { type, data },
      );
    },
    close: () => page.close(),
  };
}
