import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROME_MV3_DIR } from '../../scripts/lib/chromium';
import { type E2eEnvironment, SCREENSHOTS_DIR, startE2e, topFrame } from './support';

/** Everything a reader could see or hear that conversion may change, and what it must not. */
async function snapshotPage(page: Page) {
  return page.evaluate(() => {
    const photo = document.getElementById('photo') as HTMLImageElement;
    const search = document.getElementById('search') as HTMLInputElement;
    return {
      body: document.body.innerHTML,
      title: document.title,
      lang: document.documentElement.getAttribute('lang'),
      alt: photo.getAttribute('alt'),
      photoTitle: photo.getAttribute('title'),
      placeholder: search.getAttribute('placeholder'),
      ariaLabel: search.getAttribute('aria-label'),
      value: search.value,
      textarea: (document.getElementById('editor') as HTMLTextAreaElement).value,
    };
  });
}

async function expectedTexts(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-expected]')].map((el) => ({
      id: el.id,
      text: el.textContent,
      expected: el.getAttribute('data-expected'),
    })),
  );
}

describe('conversion from the real popup', () => {
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

  /** Wait until conversion is on (and done) or off (and undone) in the page, as Qingdu reports it. */
  const conversionSettled = (on: boolean) =>
    env.waitForSettled(page, { until: on ? topFrame.runs('convert') : topFrame.lacks('convert') });

  test('turning conversion on converts text, split phrases, attributes, title and lang; leaves fields and code', async () => {
    const before = await snapshotPage(page);
    await popup.getByTestId('conversion-variant').selectOption('s2twp');
    await popup.getByTestId('conversion-switch').click();
    await conversionSettled(true);
    await expect.poll(() => popup.getByTestId('conversion-switch').isChecked()).toBe(true);

    for (const { id, text, expected } of await expectedTexts(page)) expect(text, id).toBe(expected);
    const after = await snapshotPage(page);
    expect(after.title).toBe('軟體新聞：隨身碟和滑鼠');
    expect(after.lang).toBe('zh-Hant-TW');
    expect(after.alt).toBe('頭髮和軟體');
    expect(after.photoTitle).toBe('滑鼠設定');
    expect(after.placeholder).toBe('搜尋軟體');
    expect(after.ariaLabel).toBe('搜尋網路');
    // What the reader typed, editable regions, code and Japanese stay as they were.
    expect(after.value).toBe(before.value);
    expect(after.textarea).toBe(before.textarea);
    const untouched = await page.evaluate(() =>
      ['editable', 'code', 'japanese', 'clean'].map((id) => document.getElementById(id)?.textContent),
    );
    expect(untouched).toEqual([
      '可编辑的头发',
      'const 软件 = "头发";',
      '日本語の漢字は変換しない：広島の発表',
      'Plain English text stays as it is.',
    ]);
    // Page text that looks like markup is still text: no element was created from it.
    expect(await page.evaluate(() => document.querySelectorAll('#hostile *').length)).toBe(0);
    expect(after.title).not.toBe('pwned');

    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await popup.setViewportSize({ width: 360, height: 560 });
    await popup.locator('main').screenshot({ path: resolve(SCREENSHOTS_DIR, 'popup.png') });
  });

  test('turning it off restores the page exactly', async () => {
    await popup.getByTestId('conversion-switch').click();
    await conversionSettled(false);
    const restored = await snapshotPage(page);
    expect(restored.body).toContain('他的<b>头</b>发很长');
    expect(restored.title).toBe('软件新闻：U盘和鼠标');
    expect(restored.lang).toBe('zh-CN');
    expect(restored.alt).toBe('头发和软件');
    expect(restored.placeholder).toBe('搜索软件');
  });

  test('a round trip leaves every byte as it was, and new content is converted as it arrives', async () => {
    const before = await snapshotPage(page);
    await popup.getByTestId('conversion-switch').click();
    await conversionSettled(true);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'added';
      p.append('后来加上的', Object.assign(document.createElement('b'), { textContent: '软' }), '件说明');
      document.body.append(p);
    });
    await expect
      .poll(() => page.evaluate(() => document.getElementById('added')?.textContent))
      .toBe('後來加上的軟體說明');
    await page.evaluate(() => document.getElementById('added')?.remove());
    await popup.getByTestId('conversion-switch').click();
    await conversionSettled(false);
    expect(await snapshotPage(page)).toEqual(before);
  });

  test('switching the variant converts from the original text', async () => {
    await popup.getByTestId('conversion-switch').click();
    await conversionSettled(true);
    await popup.getByTestId('conversion-variant').selectOption('s2hk');
    await expect
      .poll(() => page.evaluate(() => document.getElementById('headline')?.textContent))
      .toBe('網絡時代的軟件新聞');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant-HK');
    await popup.getByTestId('conversion-switch').click();
    await conversionSettled(false);
    expect(await page.evaluate(() => document.getElementById('headline')?.textContent)).toBe('网络时代的软件新闻');
  });

  test('the popup shows the keyboard shortcuts the browser has for the aids', async () => {
    // Headless Chromium delivers no browser shortcut to `commands.onCommand` (neither Playwright's
    // keyboard nor CDP key events reach it), so only the declared shortcuts are checked here; the
    // command runs the same `setTabReadingAid` as the popup's switch.
    const commands = await env.browser.serviceWorker.evaluate(() => chrome.commands.getAll());
    expect(commands.map(({ name, shortcut }) => [name, shortcut])).toEqual(
      expect.arrayContaining([
        ['toggle-conversion', 'Alt+C'],
        ['toggle-pinyin', 'Alt+P'],
      ]),
    );
    await expect.poll(() => popup.locator('[data-testid="conversion-shortcut"] kbd').textContent()).toBe('Alt+C');
    expect(await popup.locator('[data-testid="pinyin-shortcut"] kbd').textContent()).toBe('Alt+P');
  });

  test('"always on this site" converts the site\'s pages as they load, and unchecking it stops', async () => {
    await popup.getByTestId('conversion-variant').selectOption('s2twp');
    await popup.getByTestId('conversion-always').check();
    await conversionSettled(true);
    // The page's content script may apply the new rule before the popup has heard back.
    await expect.poll(() => popup.getByTestId('conversion-switch').isChecked()).toBe(true);

    const second = await env.openFixture('/conversion.html');
    await env.waitForSettled(second, { until: topFrame.runs('convert') });
    expect(await second.evaluate(() => document.getElementById('headline')?.textContent)).toBe('網路時代的軟體新聞');

    await popup.getByTestId('conversion-always').uncheck();
    await conversionSettled(false);
    // The other tab of the site follows the rule live.
    await env.waitForSettled(second, { until: topFrame.lacks('convert') });
    expect(await second.evaluate(() => document.getElementById('headline')?.textContent)).toBe('网络时代的软件新闻');
    await second.close();
  });

  test('neither the always-injected sentinel nor the page pipeline carries conversion code or a dictionary', () => {
    const read = (file: string) => readFileSync(resolve(CHROME_MV3_DIR, file), 'utf8');
    const aid = read('stage-conversion.js');
    // An entry of opencc-js's phrase dictionary, and the name of its trie's matcher.
    for (const marker of ['隨身碟', 'matchPrefix']) {
      expect(read('sentinel.js')).not.toContain(marker);
      expect(read('page-pipeline.js')).not.toContain(marker);
      expect(aid).toContain(marker);
    }
  });
});
