/**
 * Qingdu installed in a Firefox profile as a reader's add-on is (not temporarily), across a
 * browser restart: it still repairs pages, and its context-menu entries are still there (Firefox
 * drops an MV2 background page's menus when it quits; Qingdu makes them again at start-up).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from '../../scripts/lib/firefox';
import { type StaticServer, startStaticServer } from '../../scripts/lib/static-server';
import { DEMO_DIR, readExpectations, SETTLE_MS } from './support';

const poll = { timeout: SETTLE_MS, interval: 100 };
/** The entries "Fix selection" and "Copy repaired text" (entrypoints/background.ts). */
const MENU_IDS = ['qingdu-fix-selection', 'qingdu-copy-repaired'];

declare const browser: typeof import('wxt/browser').browser;

/**
 * Which of the entries exist. No WebDriver can open the browser's own context menu, so ask the
 * menus API: updating an entry that does not exist fails.
 */
function findMenuEntries(firefox: FirefoxWithExtension): Promise<string[]> {
  return firefox.evaluateInBackground(async (ids: string[]) => {
    const found: string[] = [];
    for (const id of ids) {
      try {
        await browser.contextMenus.update(id, {});
        found.push(id);
      } catch {
        // not there
      }
    }
    return found;
  }, MENU_IDS);
}

async function expectRepairedDemo(firefox: FirefoxWithExtension, demo: StaticServer): Promise<void> {
  const page = await firefox.browser.newPage();
  await page.goto(demo.url('/article.html'));
  const expected = (await readExpectations(page)).map((text) => text.expect);
  await expect.poll(async () => (await readExpectations(page)).map((text) => text.shown), poll).toEqual(expected);
  await page.close();
}

describe('Qingdu installed in a Firefox profile, across a restart', () => {
  let profileDir: string;
  let demo: StaticServer;
  beforeAll(async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'qingdu-firefox-profile-'));
    demo = await startStaticServer(DEMO_DIR);
  });
  afterAll(async () => {
    await demo?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  test('repairs pages and keeps its context-menu entries after Firefox restarts', async () => {
    for (const start of ['first start', 'after a restart']) {
      const firefox = await launchFirefoxWithExtension({ profileDir });
      try {
        await expectRepairedDemo(firefox, demo);
        await expect.poll(() => findMenuEntries(firefox), { ...poll, message: start }).toEqual(MENU_IDS);
      } finally {
        await firefox.close();
      }
    }
  });
});
