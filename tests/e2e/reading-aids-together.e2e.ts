import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type E2eEnvironment, type StageName, startE2e, topFrame } from './support';

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

  /** Wait until the page runs exactly these stages (fix is on: the page has no doubled text, but the stage runs) and is done. */
  const settledWith = (...stages: StageName[]) => env.waitForSettled(page, { until: topFrame.stages(...stages) });

  test('conversion switched under pinyin converts the annotated text, and both undo exactly', async () => {
    const before = await page.evaluate(() => document.body.innerHTML);
    await popup.getByTestId('pinyin-switch').click();
    await settledWith('fix', 'pinyin');
    await popup.getByTestId('conversion-variant').selectOption('s2twp');
    await popup.getByTestId('conversion-switch').click();
    await settledWith('fix', 'convert', 'pinyin');
    expect(await readHeadline(page)).toBe('網路時代的軟體新聞');
    expect(await page.evaluate(() => document.querySelectorAll('#headline ruby').length)).toBeGreaterThan(0);

    await popup.getByTestId('conversion-switch').click();
    await settledWith('fix', 'pinyin');
    expect(await readHeadline(page)).toBe('网络时代的软件新闻');
    expect(await page.evaluate(() => document.querySelectorAll('#headline ruby').length)).toBeGreaterThan(0);

    await popup.getByTestId('pinyin-switch').click();
    await settledWith('fix');
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
  });

  test('pinyin turned on over converted text annotates it; turning conversion off keeps pinyin over the original', async () => {
    const before = await page.evaluate(() => document.body.innerHTML);
    await popup.getByTestId('conversion-switch').click();
    await settledWith('fix', 'convert');
    await popup.getByTestId('pinyin-switch').click();
    await settledWith('fix', 'convert', 'pinyin');
    expect(await readHeadline(page)).toBe('網路時代的軟體新聞');
    expect(await page.evaluate(() => document.querySelectorAll('#headline ruby').length)).toBeGreaterThan(0);
    await popup.getByTestId('conversion-switch').click();
    await settledWith('fix', 'pinyin');
    expect(await readHeadline(page)).toBe('网络时代的软件新闻');
    await popup.getByTestId('pinyin-switch').click();
    await settledWith('fix');
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
  });
});
