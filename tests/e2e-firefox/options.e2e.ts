/**
 * The options page in Firefox ESR: it loads the settings, saves a change at once (also to an open
 * tab, live), exports them as a file Firefox downloads and imports them back, and keeps settings
 * too large for Firefox's sync storage in local storage, saying so.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../lib/settings/schema';
import { classifySyncError, SYNC_ITEM_QUOTA_BYTES } from '../../lib/settings/storage';
import { byTestId } from '../../scripts/lib/firefox';
import { type FirefoxE2e, SETTLE_MS, startFirefoxE2e } from './support';

const poll = { timeout: SETTLE_MS, interval: 100 };
const sensitivity = (value: string) => `input[name="sensitivity"][value="${value}"]`;

declare const browser: typeof import('wxt/browser').browser;

describe('the options page in Firefox', () => {
  let env: FirefoxE2e;
  beforeAll(async () => {
    env = await startFirefoxE2e();
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    await env.firefox.evaluateInBackground(async () => {
      await browser.storage.sync.clear();
      await browser.storage.local.clear();
    });
  });

  /** The raw stored settings in Firefox's sync and local storage. */
  const readStorage = () =>
    env.firefox.evaluateInBackground(async () => ({
      sync: await browser.storage.sync.get(null),
      local: await browser.storage.local.get(null),
    }));
  const storedSettings = async () => (await readStorage()).sync.settings as Settings | undefined;

  test('loads the settings, saves a change at once, and shows it after a reload', async () => {
    const options = await env.openOptions();
    expect(await options.text('#sites-title')).toBe('Sites');
    expect(await options.isChecked(sensitivity('conservative'))).toBe(true);
    await options.click(sensitivity('balanced'));
    await expect.poll(async () => (await storedSettings())?.detection.sensitivity, poll).toBe('balanced');
    await options.reload();
    await options.waitFor(`${byTestId('options')}[data-loaded="true"]`);
    expect(await options.isChecked(sensitivity('balanced'))).toBe(true);
    await options.close();
  });

  test('a site rule saved there reaches an open tab without a reload', async () => {
    const page = await env.openPage('/settings-live.html');
    const headline = () => page.$eval('#headline', (element) => element.textContent);
    await expect.poll(headline, poll).toBe('勇于担当作为，当好党和人民的忠诚卫士');
    const options = await env.openOptions();
    const host = new URL(page.url()).hostname;
    await options.fill(byTestId('site-pattern-input'), host);
    await options.click(byTestId('site-add'));
    const row = `${byTestId('site-rule')}[data-pattern="${host}"]`;
    await options.waitFor(row);
    // The new rule starts from the default (fixing on): switch fixing off for this site.
    await options.click(`${row} ${byTestId('site-fix')}`);
    await expect
      .poll(async () => (await storedSettings())?.siteRules, poll)
      .toEqual([{ pattern: host, fix: false, pinyin: false, conversion: 'off', joinLines: false }]);
    await expect.poll(headline, poll).toBe('勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士');
    await options.close();
    await page.close();
  });

  test('export writes a file Firefox downloads; reset, then importing it brings every setting back', async () => {
    const options = await env.openOptions();
    await options.click(sensitivity('aggressive'));
    await options.fill(byTestId('site-pattern-input'), '*.example.com');
    await options.click(byTestId('site-add'));
    await options.select(byTestId('pinyin-style'), 'zhuyin');
    await expect.poll(async () => (await storedSettings())?.pinyin.style, poll).toBe('zhuyin');
    await expect.poll(async () => (await storedSettings())?.siteRules.length, poll).toBe(1);
    const original = await storedSettings();
    expect(original?.detection.sensitivity).toBe('aggressive');

    await options.click(byTestId('export'));
    const exported = await waitForDownload(env.firefox.downloadDir, /^qingdu-settings-.*\.json$/);
    expect(JSON.parse(exported)).toMatchObject({ format: 'qingdu-settings', settings: original });

    await options.click(byTestId('reset'));
    await options.click(byTestId('reset-yes'));
    await expect.poll(async () => (await storedSettings())?.siteRules, poll).toEqual([]);
    await expect.poll(() => options.count(byTestId('site-rule')), poll).toBe(0);

    await options.setInputFile(byTestId('import-file'), {
      name: 'qingdu-settings.json',
      type: 'application/json',
      content: exported,
    });
    await expect.poll(() => options.text(byTestId('backup-message')), poll).toContain('Settings imported');
    expect(await storedSettings()).toEqual(original);
    await expect.poll(() => options.count(byTestId('site-rule')), poll).toBe(1);
    expect(
      await options.evaluate(() => (document.querySelector('[data-testid="pinyin-style"]') as HTMLSelectElement).value),
    ).toBe('zhuyin');
    expect(await options.isChecked(sensitivity('aggressive'))).toBe(true);
    await options.close();
  });

  test('importing a broken file changes nothing and says why', async () => {
    const options = await env.openOptions();
    await options.click(sensitivity('balanced'));
    await expect.poll(async () => (await storedSettings())?.detection.sensitivity, poll).toBe('balanced');
    const before = await readStorage();
    await options.setInputFile(byTestId('import-file'), {
      name: 'broken.json',
      type: 'application/json',
      content: '{"format": "qingdu-settings", "version": 2, "settings": {',
    });
    await expect.poll(() => options.text(byTestId('backup-message')), poll).toMatch(/not valid JSON/);
    expect(await options.text(byTestId('backup-message'))).toContain('Nothing was changed');
    expect(await readStorage()).toEqual(before);
    await options.close();
  });

  test('settings too large for Firefox’s sync storage are kept in local storage, and the page says so', async () => {
    // Firefox's own answer to an item over sync's per-item quota is recognised as a quota error.
    const refusal = await env.firefox.evaluateInBackground(async (bytes: number) => {
      try {
        await browser.storage.sync.set({ probe: 'x'.repeat(bytes) });
        return null;
      } catch (error) {
        return { name: (error as Error).name, message: (error as Error).message };
      }
    }, SYNC_ITEM_QUOTA_BYTES);
    expect(refusal).not.toBeNull();
    expect(classifySyncError(Object.assign(new Error(refusal?.message), { name: refusal?.name }))).toBe('sync-quota');

    const options = await env.openOptions();
    const siteRules = Array.from({ length: 150 }, (_, i) => ({
      pattern: `site-number-${i}.example.com`,
      fix: true,
      pinyin: false,
      conversion: 's2twp',
      joinLines: false,
    }));
    const file = JSON.stringify({
      format: 'qingdu-settings',
      version: SETTINGS_VERSION,
      exportedAt: '2026-11-29T00:00:00.000Z',
      settings: { ...DEFAULT_SETTINGS, siteRules },
    });
    await options.setInputFile(byTestId('import-file'), { name: 'big.json', type: 'application/json', content: file });
    await expect.poll(() => options.text(byTestId('storage-banner')), poll).toContain('too large for browser sync');
    const stored = await readStorage();
    expect((stored.local.settings as Settings).siteRules).toHaveLength(150);
    expect(stored.local.settingsLocation).toEqual({ area: 'local', reason: 'sync-quota' });
    expect(await options.text(byTestId('save-status'))).toContain('this browser only');
    await options.close();
  });
});

/** The text of the first finished download whose name matches (Firefox writes a `.part` file first). */
async function waitForDownload(dir: string, name: RegExp): Promise<string> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const file = readdirSync(dir).find((entry) => name.test(entry));
    if (file) {
      const text = readFileSync(join(dir, file), 'utf8');
      if (text.length > 0) return text;
    }
    if (Date.now() > deadline)
      throw new Error(`no download matching ${name} in ${dir}: ${readdirSync(dir).join(', ')}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
