/**
 * "Join broken lines" from the real popup, in real Chromium: the switch shows only where the page
 * has paragraphs a print column broke (with how many), joins them so a reader, copy and find in page
 * see one paragraph, lets conversion and pinyin read a word the column cut as one word, puts the
 * page back exactly when off, and "always on this site" joins the site's pages as they load.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type E2eEnvironment, SCREENSHOTS_DIR, startE2e, topFrame } from './support';

const JOINED =
  '会议要求，各单位把资料存入移动硬盘中统一保管，全部使用正版软件，不用来路不明的程序。要到银行开设专户，保障资金安全，切实做到专款专用。';

/** The column's text (what conversion writes). */
function columnText(page: Page): Promise<string> {
  return page.evaluate(() => (document.getElementById('column')?.textContent ?? '').trim());
}

/** Lines the column takes on screen: distinct tops of its text's boxes. */
function lineCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const tops = new Set<number>();
    const walker = document.createTreeWalker(document.getElementById('column') as HTMLElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
    }
    return tops.size;
  });
}

/** Select the column and read the selection, as copy would. */
function copiedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const selection = getSelection() as Selection;
    selection.removeAllRanges();
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('column') as HTMLElement);
    selection.addRange(range);
    const text = selection.toString();
    selection.removeAllRanges();
    return text.trim();
  });
}

function findInPage(page: Page, word: string): Promise<boolean> {
  return page.evaluate((text) => {
    getSelection()?.removeAllRanges();
    return (window as unknown as { find(text: string): boolean }).find(text);
  }, word);
}

describe('Join broken lines from the real popup', () => {
  let env: E2eEnvironment;

  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  test('shown with the count where the page has broken paragraphs; joins them for the reader, copy and find; off gives the page back', async () => {
    const page = await env.openFixture('/join-lines.html');
    const initial = await page.evaluate(() => document.documentElement.outerHTML);
    expect(await lineCount(page)).toBe(5);
    expect(await copiedText(page)).toContain('\n');
    // Nothing to fix here: only the sentinel looked at the page.
    expect((await env.readTab(page)).top?.pipeline).toBe(false);

    const popup = await env.openPopupFor(page);
    // The popup's look loads the pipeline, which finds the broken paragraph.
    await expect.poll(() => popup.getByTestId('line-runs').getAttribute('data-count')).toBe('1');
    await expect(popup.getByTestId('line-runs').textContent()).resolves.toBe('1 paragraph broken across lines');
    expect(await popup.getByTestId('lines-switch').isChecked()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(initial);

    await popup.getByTestId('lines-switch').click();
    await env.waitForSettled(page, { until: topFrame.joiningLines(true) });
    // One paragraph in the page's own width (40em: the 68 characters take two lines).
    expect(await lineCount(page)).toBe(2);
    expect(await copiedText(page)).toBe(JOINED);
    for (const word of ['移动硬盘', '软件', '银行']) expect(await findInPage(page, word), word).toBe(true);
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS_DIR}/join-lines-page.png` });
      await popup.screenshot({ path: `${SCREENSHOTS_DIR}/join-lines-popup.png` });
    }

    await popup.getByTestId('lines-switch').click();
    await env.waitForSettled(page, { until: topFrame.joiningLines(false) });
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(initial);
    await popup.close();
    await page.close();
  });

  test('conversion and pinyin read a word the column cut as one word; everything off gives the page back', async () => {
    const page = await env.openFixture('/join-lines.html');
    const initial = await page.evaluate(() => document.documentElement.outerHTML);
    const popup = await env.openPopupFor(page);
    await popup.getByTestId('conversion-variant').selectOption('s2twp');
    await popup.getByTestId('conversion-switch').click();
    await env.waitForSettled(page, { until: topFrame.runs('convert') });
    // Line by line, 移动|硬盘 and 软|件 are two halves, converted apart.
    expect(await columnText(page)).not.toContain('行動硬碟');
    expect(await columnText(page)).not.toContain('軟體');

    await expect.poll(() => popup.getByTestId('lines-switch').isVisible()).toBe(true);
    await popup.getByTestId('lines-switch').click();
    await env.waitForSettled(page, { until: topFrame.joiningLines(true) });
    const converted = await columnText(page);
    expect(converted).toContain('行動硬碟');
    expect(converted).toContain('軟體');

    await popup.getByTestId('conversion-switch').click();
    await env.waitForSettled(page, { until: topFrame.lacks('convert') });
    await popup.getByTestId('pinyin-switch').click();
    await env.waitForSettled(page, { until: topFrame.runs('pinyin') });
    // 银|行 joined: the bank, yín háng.
    const readings = await page.evaluate(() =>
      [...document.querySelectorAll('#column ruby')].map((ruby) => {
        const rt = ruby.querySelector('rt');
        const base = [...ruby.childNodes]
          .filter((node) => node !== rt)
          .map((node) => node.textContent)
          .join('');
        return `${base}${rt ? getComputedStyle(rt, '::before').content.replace(/"/g, '') : ''}`;
      }),
    );
    const bank = readings.findIndex((reading) => reading.startsWith('银'));
    expect(readings.slice(bank, bank + 2)).toEqual(['银yín', '行háng']);

    await popup.getByTestId('pinyin-switch').click();
    await popup.getByTestId('lines-switch').click();
    await env.waitForSettled(page, {
      until: (tab) => topFrame.lacks('pinyin')(tab) && topFrame.joiningLines(false)(tab),
    });
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(initial);
    await popup.close();
    await page.close();
  });

  test('"always on this site" joins the site’s pages as they load; the options page shows the site setting', async () => {
    const page = await env.openFixture('/join-lines.html');
    const popup = await env.openPopupFor(page);
    await expect.poll(() => popup.getByTestId('lines-always').isVisible()).toBe(true);
    await popup.getByTestId('lines-always').check();
    await env.waitForSettled(page, { until: topFrame.joiningLines(true) });
    await popup.close();

    await page.reload();
    await env.waitForSettled(page, { until: topFrame.joiningLines(true) });
    expect(await copiedText(page)).toBe(JOINED);

    const options = await env.openExtensionPage('options.html');
    const host = new URL(page.url()).hostname;
    const row = options.locator(`[data-testid="site-rule"][data-pattern="${host}"]`);
    await expect.poll(() => row.getByTestId('site-join-lines').isChecked()).toBe(true);
    await row.getByTestId('site-join-lines').uncheck();
    await env.waitForSettled(page, { until: topFrame.joiningLines(false) });
    expect(await lineCount(page)).toBe(5);
    await options.close();
    await page.close();
  });

  test('a page without broken paragraphs gets no such switch', async () => {
    const page = await env.openFixture('/basic.html');
    const popup = await env.openPopupFor(page);
    // Once the pipeline has looked (the count is known), the switch stays hidden.
    await expect.poll(async () => (await env.readTab(page)).top?.work?.lineRuns).toBe(0);
    await expect(popup.getByTestId('pinyin-switch').isVisible()).resolves.toBe(true);
    expect(await popup.getByTestId('lines-switch').count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
