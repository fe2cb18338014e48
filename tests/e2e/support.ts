/** Shared setup for end-to-end tests: one Chromium with the built extension, one page server. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
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
  close(): Promise<void>;
}

export async function startE2e(options: { rootDir?: string; locale?: string } = {}): Promise<E2eEnvironment> {
  const server = await startStaticServer(options.rootDir ?? FIXTURES_DIR);
  const browser = await launchWithExtension({ locale: options.locale });
  return {
    browser,
    server,
    async openExtensionPage(path) {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
