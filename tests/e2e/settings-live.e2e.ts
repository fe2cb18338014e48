/**
 * Settings reach open tabs without a reload: a settings change in storage makes the content script
 * ask the background again for its page's settings, so what the reader changes on the options page
 * shows on the page at once. The settings code itself (schema, storage, repair) stays out of the
 * always-injected content script.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEATURE_STATE_ATTRIBUTES, FIXED_ATTRIBUTE } from '../../lib/dom/markers';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../lib/settings/schema';
import { SETTINGS_KEY } from '../../lib/settings/storage';
import { CHROME_MV3_DIR } from '../../scripts/lib/chromium';
import { type E2eEnvironment, startE2e } from './support';

/**
 * Ceiling for the always-injected content script (minified bytes) so it cannot silently regrow.
 * 78,357 bytes before settings moved to the background, 51,284 after; issue 7's target (32,768) is
 * not reached yet (the fix engine and page layer would have to load on demand).
 */
const CONTENT_SCRIPT_CEILING_BYTES = 52 * 1024;

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

    // Fixing off for this site: the open page shows its original text again, unmarked.
    await expect.poll(() => textOf(page, 'headline')).toBe(DOUBLED);
    expect(await page.locator(`[${FIXED_ATTRIBUTE}]`).count()).toBe(0);
    expect(
      await page.evaluate((name) => document.documentElement.hasAttribute(name), FEATURE_STATE_ATTRIBUTES.fix),
    ).toBe(false);

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
    await expect.poll(() => textOf(page, 'letter')).toBe('读者来函：希望多刊登本地新闻。');

    // Fixing off also stops the replacement rules: the page's own text, exactly.
    await row.getByTestId('site-fix').uncheck();
    await expect.poll(() => textOf(page, 'letter')).toBe('读者来信：希望多刊登本地新闻。');
    expect(await textOf(page, 'headline')).toBe(DOUBLED);
    await options.close();
    await page.close();
  });

  test('corrupt stored settings fall back field by field, and a regex rule the engine refuses never runs on the page', async () => {
    const page = await env.browser.context.newPage();
    // The test above left a site rule turning fixing off here; the settings below drop it.
    await page.goto(env.server.url('/settings-live.html'));
    await expect.poll(() => textOf(page, 'headline')).toBe(DOUBLED);
    const rule = { enabled: true, ignoreCase: false, replace: '读者来函', sites: [] };
    // Written straight into storage, as a hand-edited or older copy could be: the detection block is
    // garbage, one rule has a lookahead the linear-time regex engine refuses, the other a plain rule.
    const stored = {
      ...DEFAULT_SETTINGS,
      detection: 'garbage',
      replacementRules: [
        { ...rule, id: 'unsafe', find: '读者(?=来信)来信', isRegex: true },
        { ...rule, id: 'plain', find: '本地新闻', replace: '地方新闻', isRegex: false },
      ],
    };
    await env.browser.serviceWorker.evaluate(
      async ({ key, value, version }) => {
        await chrome.storage.sync.set({ [key]: value, [`${key}$`]: { v: version } });
      },
      { key: SETTINGS_KEY, value: stored, version: SETTINGS_VERSION },
    );
    // Live, without a reload: the plain rule applies, fixing goes on with the default detection.
    await expect.poll(() => textOf(page, 'letter')).toBe('读者来信：希望多刊登地方新闻。');
    await expect.poll(() => textOf(page, 'headline')).toBe(FIXED);
    // And the same as the page loads.
    await page.reload();
    await expect.poll(() => textOf(page, 'letter')).toBe('读者来信：希望多刊登地方新闻。');
    await expect.poll(() => textOf(page, 'headline')).toBe(FIXED);
    await page.close();
  });

  test('the always-injected content script carries no settings code; the background does', () => {
    const content = readFileSync(resolve(CHROME_MV3_DIR, 'content-scripts/content.js'), 'utf8');
    const background = readFileSync(resolve(CHROME_MV3_DIR, 'background.js'), 'utf8');
    // valibot's issue message, @wxt-dev/storage's log prefix, the settings schema's site-pattern check.
    const samples = [/Expected \$\{\w+\} but r/, /\[@wxt-dev\/storage\]/, /invalid-site-pattern/];
    for (const sample of samples) {
      expect(background).toMatch(sample);
      expect(content).not.toMatch(sample);
    }
    const bytes = statSync(resolve(CHROME_MV3_DIR, 'content-scripts/content.js')).size;
    console.log(`[size] content-scripts/content.js: ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(CONTENT_SCRIPT_CEILING_BYTES);
  });
});
