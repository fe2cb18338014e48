/**
 * Settings reach open tabs without a reload: the content script watches storage, so what the
 * reader changes on the options page shows on the page at once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEATURE_STATE_ATTRIBUTES, FIXED_ATTRIBUTE } from '../../lib/dom/markers';
import { type E2eEnvironment, startE2e } from './support';

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
});
