import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEATURE_STATE_ATTRIBUTES } from '../../lib/dom/markers';
import { type E2eEnvironment, startE2e } from './support';

const { pinyin: PINYIN_STATE, conversion: CONVERSION_STATE } = FEATURE_STATE_ATTRIBUTES;

/** The headline as a reader reads it: its characters without the ruby text. */
function readHeadline(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.getElementById('headline')?.cloneNode(true) as HTMLElement;
    for (const rt of clone.querySelectorAll('rt, rp')) rt.remove();
    return clone.textContent ?? '';
  });
}

describe('pinyin and conversion together', () => {
  let env: E2eEnvironment;
  let page: Page;
  let popup: Page;

  beforeAll(async () => {
    env = await startE2e();
    page = await env.openFixture('/conversion.html');
    popup = await env.openPopupFor(page);
  });
  afterAll(async () => {
    await env?.close();
  });

  const state = (name: string) => page.evaluate((n) => document.documentElement.getAttribute(n), name);

  test('conversion switched under pinyin converts the annotated text, and both undo exactly', async () => {
    const before = await page.evaluate(() => document.body.innerHTML);
    await popup.getByTestId('pinyin-switch').click();
    await expect.poll(() => state(PINYIN_STATE)).toBe('idle');
    await popup.getByTestId('conversion-variant').selectOption('s2twp');
    await popup.getByTestId('conversion-switch').click();
    await expect.poll(() => state(CONVERSION_STATE)).toBe('idle');
    await expect.poll(() => state(PINYIN_STATE)).toBe('idle');
    expect(await readHeadline(page)).toBe('網路時代的軟體新聞');
    expect(await page.evaluate(() => document.querySelectorAll('#headline ruby').length)).toBeGreaterThan(0);

    await popup.getByTestId('conversion-switch').click();
    await expect.poll(() => state(CONVERSION_STATE)).toBe(null);
    await expect.poll(() => state(PINYIN_STATE)).toBe('idle');
    expect(await readHeadline(page)).toBe('网络时代的软件新闻');

    await popup.getByTestId('pinyin-switch').click();
    await expect.poll(() => state(PINYIN_STATE)).toBe(null);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
  });

  test('pinyin turned on over converted text annotates it; turning conversion off keeps pinyin over the original', async () => {
    const before = await page.evaluate(() => document.body.innerHTML);
    await popup.getByTestId('conversion-switch').click();
    await expect.poll(() => state(CONVERSION_STATE)).toBe('idle');
    await popup.getByTestId('pinyin-switch').click();
    await expect.poll(() => state(PINYIN_STATE)).toBe('idle');
    expect(await readHeadline(page)).toBe('網路時代的軟體新聞');
    await popup.getByTestId('conversion-switch').click();
    await expect.poll(() => state(CONVERSION_STATE)).toBe(null);
    await expect.poll(() => readHeadline(page)).toBe('网络时代的软件新闻');
    await popup.getByTestId('pinyin-switch').click();
    await expect.poll(() => state(PINYIN_STATE)).toBe(null);
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
  });
});
