/**
 * Shared setup for the Firefox end-to-end tier: one Firefox ESR with the built add-on, one page
 * server. Tests read pages as a reader sees them (the visible text, polled until it settles) and
 * work the real popup and options page through their controls; they never read Qingdu's internal
 * markers, so they hold across changes to how the page layer is built.
 */
import type { Frame, Page } from 'puppeteer-core';
import {
  byTestId,
  type ExtensionPage,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
} from '../../scripts/lib/firefox';
import { type StaticServer, startStaticServer } from '../../scripts/lib/static-server';

import { FIXTURES_DIR } from '../support/paths';

export { DEMO_DIR, FIXTURES_DIR, SCREENSHOTS_DIR } from '../support/paths';

/** How long a reader-visible change may take on a busy two-core machine. A ceiling, never a measurement. */
export const SETTLE_MS = 20_000;

export interface FirefoxE2e {
  firefox: FirefoxWithExtension;
  server: StaticServer;
  /** Open a served page in a new tab (it has loaded; Qingdu may still be working on it). */
  openPage(path: string, server?: StaticServer): Promise<Page>;
  /** Open the real popup acting on the tab of `page` (see FirefoxWithExtension.openPopupFor). */
  openPopupFor(page: Page): Promise<ExtensionPage>;
  /** Open the options page, once it has loaded the settings. */
  openOptions(): Promise<ExtensionPage>;
  close(): Promise<void>;
}

export async function startFirefoxE2e(options: { rootDir?: string } = {}): Promise<FirefoxE2e> {
  const server = await startStaticServer(options.rootDir ?? FIXTURES_DIR);
  let firefox: FirefoxWithExtension;
  try {
    firefox = await launchFirefoxWithExtension();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    firefox,
    server,
    async openPage(path, from = server) {
      const page = await firefox.browser.newPage();
      await page.goto(from.url(path));
      return page;
    },
    openPopupFor: (page) => firefox.openPopupFor(page, SETTLE_MS),
    async openOptions() {
      const options = await firefox.openExtensionPage('options.html');
      await options.waitFor(`${byTestId('options')}[data-loaded="true"]`);
      return options;
    },
    async close() {
      await firefox.close();
      await server.close();
    },
  };
}

export interface ShownText {
  id: string;
  /** What the page's author says a reader should see once Qingdu has repaired it. */
  expect: string;
  /** What the reader sees now. */
  shown: string;
}

/** Every `[data-expect]` element of a page or frame, with the text it shows now. */
export function readExpectations(frame: Page | Frame): Promise<ShownText[]> {
  return frame.$$eval('[data-expect]', (elements) =>
    elements.map((element, i) => ({
      id: element.id || `${element.localName}#${i}`,
      expect: element.getAttribute('data-expect') ?? '',
      shown: (element.textContent ?? '').trim(),
    })),
  );
}

/** The badge on the toolbar button for a tab, as the reader sees it. */
export function readBadge(firefox: FirefoxWithExtension, tabId: number): Promise<string> {
  return firefox.evaluateInBackground((id: number) => {
    const api = browser as unknown as Record<string, { getBadgeText(details: { tabId: number }): Promise<string> }>;
    const button = api.action ?? api.browserAction;
    if (!button) throw new Error('no toolbar button API');
    return button.getBadgeText({ tabId: id });
  }, tabId);
}

declare const browser: unknown;
