import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OWN_NODE_ATTRIBUTE } from '../../lib/dom/markers';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../lib/settings/schema';
import { SETTINGS_KEY } from '../../lib/settings/storage';
import { findCommonLevel } from '../../lib/text/pinyin/char-frequency';
import { CHAR_FREQUENCY } from '../../lib/text/pinyin/pinyin-data';
import { CHROME_MV3_DIR } from '../../scripts/lib/chromium';
import { type E2eEnvironment, SCREENSHOTS_DIR, startE2e, topFrame } from './support';

/** Qingdu's own style sheets in the page (the pinyin display is one of them). */
const OWN_STYLE_SELECTOR = `style[${OWN_NODE_ATTRIBUTE}]`;

/** What the reader sees over each character of an element: the rendered `rt::before` text. */
function readShownPinyin(page: Page, id: string): Promise<string[]> {
  return page.evaluate((elementId) => {
    const element = document.getElementById(elementId);
    return [...(element?.querySelectorAll('ruby') ?? [])].map((ruby) => {
      const rt = ruby.querySelector('rt');
      const content = rt ? getComputedStyle(rt, '::before').content : 'none';
      const visible = rt ? getComputedStyle(rt).display !== 'none' : false;
      return visible ? content.replace(/^"|"$/g, '') : '';
    });
  }, id);
}

async function snapshotPage(page: Page) {
  return page.evaluate(() => ({
    head: document.head.innerHTML,
    body: document.body.innerHTML,
    title: document.title,
    search: (document.getElementById('search') as HTMLInputElement).value,
    editor: (document.getElementById('editor') as HTMLTextAreaElement).value,
  }));
}

describe('pinyin from the real popup', () => {
  let env: E2eEnvironment;
  let page: Page;
  let popup: Page;
  /** The page as served, before pinyin was first turned on. */
  let initial: Awaited<ReturnType<typeof snapshotPage>>;

  beforeAll(async () => {
    env = await startE2e();
    page = await env.browser.context.newPage();
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto(env.server.url('/pinyin.html'));
    await env.waitForSettled(page);
    initial = await snapshotPage(page);
    popup = await env.openPopupFor(page);
  });
  afterAll(async () => {
    await env?.close();
  });

  /** Wait until pinyin is on (and done) or off (and undone) in the page, as Qingdu reports it. */
  const pinyinSettled = (on: boolean) =>
    env.waitForSettled(page, { until: on ? topFrame.runs('pinyin') : topFrame.lacks('pinyin') });

  test('turning pinyin on shows readings in context over every character; the page text stays the same', async () => {
    const before = await snapshotPage(page);
    const textBefore = await page.evaluate(() => document.body.textContent);
    await popup.getByTestId('pinyin-style').selectOption('tone-marks');
    await popup.getByTestId('pinyin-switch').click();
    await pinyinSettled(true);
    await expect.poll(() => popup.getByTestId('pinyin-switch').isChecked()).toBe(true);

    const expected = await page.evaluate(() =>
      [...document.querySelectorAll('[data-expected]')].map((el) => ({
        id: el.id,
        expected: (el.getAttribute('data-expected') ?? '').split(' '),
      })),
    );
    for (const { id, expected: readings } of expected) expect(await readShownPinyin(page, id), id).toEqual(readings);
    // Below the fold: ruby costs layout, so text far from the viewport is annotated as it comes near.
    expect((await readShownPinyin(page, 'below')).length).toBe(0);
    await page.locator('#below').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await readShownPinyin(page, 'below')).length).toBe(15);
    await pinyinSettled(true);

    // Copy and paste and find-in-page see the characters only.
    expect(await page.evaluate(() => document.body.textContent)).toBe(textBefore);
    const copied = await page.evaluate(() => {
      const selection = getSelection();
      selection?.selectAllChildren(document.getElementById('split') as HTMLElement);
      const text = selection?.toString();
      selection?.removeAllRanges();
      return text;
    });
    expect(copied).toBe('他在银行工作，行走上班');
    expect(await page.evaluate(() => (window as unknown as { find(text: string): boolean }).find('银行工作'))).toBe(
      true,
    );

    // Fields, editable regions, code, Japanese and markup-looking text are left as they are.
    const untouched = await page.evaluate(() =>
      ['editable', 'code', 'japanese', 'clean'].map(
        (id) => document.getElementById(id)?.querySelectorAll('ruby').length,
      ),
    );
    expect(untouched).toEqual([0, 0, 0, 0]);
    const after = await snapshotPage(page);
    expect(after.search).toBe(before.search);
    expect(after.editor).toBe(before.editor);
    expect(await page.evaluate(() => document.querySelectorAll('#hostile img').length)).toBe(0);
    expect(await readShownPinyin(page, 'hostile')).toEqual(['hàn', 'zì']);
    expect(after.title).toBe(before.title);

    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.evaluate(() => {
      getSelection()?.removeAllRanges();
      window.scrollTo(0, 0);
    });
    await page
      .locator('#traditional')
      .screenshot({ path: resolve(SCREENSHOTS_DIR, 'pinyin-traditional.png'), caret: 'initial' });
    await page.screenshot({
      path: resolve(SCREENSHOTS_DIR, 'pinyin.png'),
      clip: { x: 0, y: 0, width: 900, height: 330 },
      // Playwright hides the caret by styling editable fields, which would leave `style=""` behind.
      caret: 'initial',
    });
  });

  test('switching the style in the popup changes what is shown without re-annotating', async () => {
    const marker = await page.evaluate(() => {
      const ruby = document.querySelector('#headline ruby') as HTMLElement;
      ruby.dataset.e2eMarker = 'kept';
      return ruby.textContent;
    });
    expect(marker).toBe('重');
    await popup.getByTestId('pinyin-style').selectOption('zhuyin');
    await expect
      .poll(() => readShownPinyin(page, 'traditional'))
      .toEqual(['ㄧㄣˊ', 'ㄏㄤˊ', 'ㄗㄞˋ', 'ㄔㄨㄥˊ', 'ㄑㄧㄥˋ']);
    await popup.getByTestId('pinyin-style').selectOption('tone-numbers');
    await expect.poll(() => readShownPinyin(page, 'traditional')).toEqual(['yin2', 'hang2', 'zai4', 'chong2', 'qing4']);
    expect(await page.evaluate(() => document.querySelector('#headline ruby')?.getAttribute('data-e2e-marker'))).toBe(
      'kept',
    );
    // One style sheet draws the annotations, whatever the style: switching only rewrote it.
    expect(await page.locator(OWN_STYLE_SELECTOR).count()).toBe(1);
    await popup.getByTestId('pinyin-style').selectOption('tone-marks');
    // The popup remembers the style as the setting; the next test writes the settings itself, so
    // this save must have landed first.
    await expect
      .poll(() =>
        env.browser.serviceWorker.evaluate(async (key) => {
          const stored = (await chrome.storage.sync.get(key))[key] as { pinyin?: { style?: string } } | undefined;
          return stored?.pinyin?.style;
        }, SETTINGS_KEY),
      )
      .toBe('tone-marks');
  });

  test('tone colours, size, only less common characters and reading overrides follow the settings', async () => {
    const pinyinSettings: Settings['pinyin'] = {
      ...DEFAULT_SETTINGS.pinyin,
      style: 'tone-marks',
      toneColors: 'standard',
      rubySize: 80,
      threshold: 500,
      readingOverrides: { 行走: 'háng zǒu' },
    };
    const writeSettings = (pinyin: Settings['pinyin']) =>
      env.browser.serviceWorker.evaluate(
        async ({ key, value, version }) => {
          await chrome.storage.sync.set({ [key]: value, [`${key}$`]: { v: version } });
        },
        { key: SETTINGS_KEY, value: { ...DEFAULT_SETTINGS, pinyin }, version: SETTINGS_VERSION },
      );
    await writeSettings(pinyinSettings);
    // The 500 most frequent characters go bare; the override reads 行走 as the reader asked.
    const readings = ['tā', 'zài', 'yín', 'háng', 'gōng', 'zuò', 'háng', 'zǒu', 'shàng', 'bān'];
    const expected = [...'他在银行工作行走上班'].map((char, i) =>
      findCommonLevel(char, CHAR_FREQUENCY) === 500 ? '' : readings[i],
    );
    expect(expected).toContain('');
    expect(expected[2]).toBe('yín');
    await expect.poll(() => readShownPinyin(page, 'split')).toEqual(expected);
    const look = await page.evaluate(() => {
      const rt = [...document.querySelectorAll('#split ruby')].find((r) => r.firstChild?.textContent === '银')
        ?.lastElementChild as HTMLElement; // second tone
      const base = getComputedStyle(rt.parentElement as HTMLElement).fontSize;
      return { color: getComputedStyle(rt).color, size: getComputedStyle(rt).fontSize, base };
    });
    expect(look.color).toBe('rgb(217, 140, 0)');
    expect(Number.parseFloat(look.size)).toBeCloseTo(Number.parseFloat(look.base) * 0.8, 0);
    // Tone colours over every character, for the README.
    await writeSettings({ ...DEFAULT_SETTINGS.pinyin, style: 'tone-marks', toneColors: 'standard' });
    await expect.poll(() => readShownPinyin(page, 'split')).not.toContain('');
    await page.screenshot({
      path: resolve(SCREENSHOTS_DIR, 'pinyin-tone-colours.png'),
      clip: { x: 0, y: 0, width: 900, height: 250 },
      caret: 'initial',
    });
    await writeSettings({ ...DEFAULT_SETTINGS.pinyin, style: 'tone-marks' });
    await expect
      .poll(() => readShownPinyin(page, 'split'))
      .toEqual(['tā', 'zài', 'yín', 'háng', 'gōng', 'zuò', 'xíng', 'zǒu', 'shàng', 'bān']);
    // These readings equal the previous step's, so they cannot tell that the new settings arrived: wait for the colour.
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('#split rt') as Element).color))
      .toBe('rgb(34, 34, 34)');
  });

  test('new content is annotated as it arrives, and turning pinyin off restores the page exactly', async () => {
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'added';
      p.append('后来加上的', Object.assign(document.createElement('b'), { textContent: '银' }), '行');
      // In view: text far from the viewport waits until the reader scrolls near it.
      document.getElementById('split')?.after(p);
    });
    await expect
      .poll(() => readShownPinyin(page, 'added'))
      .toEqual(['hòu', 'lái', 'jiā', 'shàng', 'de', 'yín', 'háng']);
    await page.evaluate(() => document.getElementById('added')?.remove());
    await pinyinSettled(true);

    await popup.getByTestId('pinyin-switch').click();
    await pinyinSettled(false);
    // Byte for byte the page as served: head, body, title and fields.
    expect(await snapshotPage(page)).toEqual(initial);
    expect(await page.locator(`ruby, ${OWN_STYLE_SELECTOR}`).count()).toBe(0);
    // And again after a second round trip.
    await popup.getByTestId('pinyin-switch').click();
    await pinyinSettled(true);
    await popup.getByTestId('pinyin-switch').click();
    await pinyinSettled(false);
    expect(await snapshotPage(page)).toEqual(initial);
  });

  test('neither the always-injected sentinel nor the page pipeline carries pinyin data; the aid file does', () => {
    const read = (file: string) => readFileSync(resolve(CHROME_MV3_DIR, file), 'utf8');
    const aid = resolve(CHROME_MV3_DIR, 'stage-pinyin.js');
    // An entry of the derived word list and one of pinyin-pro's own dictionary.
    for (const sample of ['qingdu-words', 'zhǎng']) {
      expect(read('sentinel.js')).not.toContain(sample);
      expect(read('page-pipeline.js')).not.toContain(sample);
      expect(readFileSync(aid, 'utf8')).toContain(sample);
    }
    expect(statSync(aid).size).toBeLessThan(1024 * 1024);
  });
});
