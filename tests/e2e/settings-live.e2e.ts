/**
 * Settings reach open tabs without a reload: on a settings change the background resolves each
 * open frame's settings again and pushes them to its page pipeline, so what the reader changes on
 * the options page shows on the page at once. The settings code itself (schema, storage, repair)
 * stays in the background: neither the always-injected sentinel nor the page pipeline carries it.
 * Every test starts from empty storage and writes the state it needs.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FIXED_ATTRIBUTE } from '../../lib/dom/markers';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../lib/settings/schema';
import { SETTINGS_KEY } from '../../lib/settings/storage';
import { CHROME_MV3_DIR } from '../../scripts/lib/chromium';
import { type E2eEnvironment, startE2e } from './support';

/**
 * Ceiling for the always-injected sentinel (minified bytes) so it cannot silently regrow. The
 * content script it replaced was 78,357 bytes before settings moved to the background and 51,284
 * after; issue 7's target was 32,768. The sentinel was 6,023 bytes when this ceiling was set.
 */
const SENTINEL_CEILING_BYTES = 8 * 1024;

const DOUBLED = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const FIXED = '勇于担当作为，当好党和人民的忠诚卫士';

describe('settings apply live to open tabs', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    // The defaults, and no site remembered for doubled text.
    await env.resetStorage();
  });

  /** Write settings straight into storage, as a hand-edited or older copy could be. */
  const writeSettings = (value: unknown) =>
    env.browser.serviceWorker.evaluate(
      async ({ key, value, version }) => {
        await chrome.storage.sync.set({ [key]: value, [`${key}$`]: { v: version } });
      },
      { key: SETTINGS_KEY, value, version: SETTINGS_VERSION },
    );

  const textOf = (page: Page, id: string) => page.locator(`#${id}`).textContent();

  test('a site rule, then a replacement rule, change an open page without reloading it', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url('/settings-live.html'));
    await expect.poll(() => textOf(page, 'headline')).toBe(FIXED);
    const host = new URL(page.url()).hostname;

    const options = await env.openExtensionPage('options.html');
    await options.locator('[data-loaded="true"]').waitFor();
    await options.getByTestId('site-pattern-input').fill(host);
    await options.getByTestId('site-add').click();
    const row = options.locator(`[data-testid="site-rule"][data-pattern="${host}"]`);
    await row.getByTestId('site-fix').uncheck();

    // Fixing off for this site: the open page shows its original text again, unmarked, and the
    // tab says so (no passages fixed, fixing off).
    await expect.poll(() => textOf(page, 'headline')).toBe(DOUBLED);
    expect(await page.locator(`[${FIXED_ATTRIBUTE}]`).count()).toBe(0);
    const off = await env.waitForSettled(page, { until: (tab) => tab.top?.fixEnabled === false });
    expect(off.top?.work).toMatchObject({ fixCount: 0, stages: [] });

    // On again: fixed again, still without a reload.
    await row.getByTestId('site-fix').check();
    await expect.poll(() => textOf(page, 'headline')).toBe(FIXED);

    // A replacement rule for this site applies after the fix, to clean text too.
    const form = options.getByTestId('replacement-new');
    await form.getByTestId('rule-find').fill('读者来信');
    await form.getByTestId('rule-replace').fill('读者来函');
    await form.getByTestId('rule-sites').fill(host);
    await form.getByTestId('rule-save').click();
    await expect.poll(() => textOf(page, 'letter')).toBe('读者来函：希望多刊登本地新闻。');
    expect(await textOf(page, 'headline')).toBe(FIXED);

    // A rule scoped to another site does not touch this page.
    await form.getByTestId('rule-find').fill('本地新闻');
    await form.getByTestId('rule-replace').fill('外地新闻');
    await form.getByTestId('rule-sites').fill('elsewhere.example');
    await form.getByTestId('rule-save').click();
    await expect.poll(() => options.getByTestId('replacement-rule').count()).toBe(2);
    // The first rule still applies and the second never does: reloading shows the same settled text.
    await page.reload();
    await env.waitForSettled(page);
    expect(await textOf(page, 'letter')).toBe('读者来函：希望多刊登本地新闻。');

    // Fixing off also stops the replacement rules: the page's own text, exactly.
    await row.getByTestId('site-fix').uncheck();
    await expect.poll(() => textOf(page, 'letter')).toBe('读者来信：希望多刊登本地新闻。');
    expect(await textOf(page, 'headline')).toBe(DOUBLED);
    await options.close();
    await page.close();
  });

  test('corrupt stored settings fall back field by field, and a regex rule the engine refuses never runs on the page', async () => {
    // Fixing off for the fixture's site to begin with; the corrupt settings below drop the rule.
    const host = new URL(env.server.url('/')).hostname;
    const fixOff: Settings = {
      ...DEFAULT_SETTINGS,
      siteRules: [{ pattern: host, fix: false, pinyin: false, conversion: 'off', joinLines: false }],
    };
    await writeSettings(fixOff);
    const page = await env.openFixture('/settings-live.html');
    await env.waitForSettled(page);
    expect(await textOf(page, 'headline')).toBe(DOUBLED);
    const rule = { enabled: true, ignoreCase: false, replace: '读者来函', sites: [] };
    // The detection block is garbage, one rule has a lookahead the linear-time regex engine refuses,
    // the other a plain rule.
    await writeSettings({
      ...DEFAULT_SETTINGS,
      detection: 'garbage',
      replacementRules: [
        { ...rule, id: 'unsafe', find: '读者(?=来信)来信', isRegex: true },
        { ...rule, id: 'plain', find: '本地新闻', replace: '地方新闻', isRegex: false },
      ],
    });
    // Live, without a reload: the plain rule applies, fixing goes on with the default detection.
    await expect.poll(() => textOf(page, 'letter')).toBe('读者来信：希望多刊登地方新闻。');
    await expect.poll(() => textOf(page, 'headline')).toBe(FIXED);
    // And the same as the page loads.
    await page.reload();
    await expect.poll(() => textOf(page, 'letter')).toBe('读者来信：希望多刊登地方新闻。');
    await expect.poll(() => textOf(page, 'headline')).toBe(FIXED);
    await page.close();
  });

  test('neither the always-injected sentinel nor the page pipeline carries settings code; the background does', () => {
    const read = (file: string) => readFileSync(resolve(CHROME_MV3_DIR, file), 'utf8');
    const background = read('background.js');
    // valibot's issue message, @wxt-dev/storage's log prefix, the settings schema's site-pattern check.
    const samples = [/Expected \$\{\w+\} but r/, /\[@wxt-dev\/storage\]/, /invalid-site-pattern/];
    for (const sample of samples) {
      expect(background).toMatch(sample);
      expect(read('sentinel.js')).not.toMatch(sample);
      expect(read('page-pipeline.js')).not.toMatch(sample);
    }
    const bytes = statSync(resolve(CHROME_MV3_DIR, 'sentinel.js')).size;
    console.log(`[size] sentinel.js: ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(SENTINEL_CEILING_BYTES);
  });
});
