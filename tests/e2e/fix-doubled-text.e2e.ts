/**
 * Fix doubled text in the built extension: fixture pages modelled on e-paper articles carry the
 * text a reader must see in `data-expect` (and the page's own text in `data-original`).
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXED_ATTRIBUTE, TOOLTIP_HOST_ID } from '../../lib/dom/markers';
import {
  countGapsHolding,
  type E2eEnvironment,
  readWritesAndKeystrokes,
  recordWritesAndKeystrokes,
  startE2e,
  topFrame,
} from './support';

interface Seen {
  id: string;
  expect: string;
  original: string | null;
  actual: string;
}

/** Every [data-expect] element in a frame, open shadow roots included (Playwright's CSS pierces them). */
function readExpectations(frame: Frame | Page): Promise<Seen[]> {
  return frame.locator('[data-expect]').evaluateAll((elements) =>
    elements.map((element, i) => {
      const field = element as HTMLInputElement;
      const isField = element.localName === 'textarea' || element.localName === 'input';
      return {
        id: element.id || `${element.localName}#${i}`,
        expect: element.getAttribute('data-expect') ?? '',
        original: element.getAttribute('data-original'),
        actual: isField ? field.value : (element.textContent ?? '').trim(),
      };
    }),
  );
}

describe('fix doubled text in Chromium', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  async function openArticle(): Promise<{ page: Page; frame: Frame; blank: Frame }> {
    const page = await env.openFixture('/fix-article.html');
    // The block the page adds after load.
    await page.locator('#late').waitFor({ state: 'attached' });
    const tab = await env.waitForSettled(page);
    // The page, the frame and the about:blank frame the page fills each have their pipeline.
    expect(tab.frames.filter((f) => f.entry?.pipeline).length).toBe(3);
    const frame = page.frames().find((f) => f.url().endsWith('/fix-frame.html'));
    if (!frame) throw new Error('the fixture frame did not load');
    const blank = page.frames().find((f) => f.url() === 'about:blank');
    if (!blank) throw new Error('the about:blank frame is missing');
    return { page, frame, blank };
  }

  test('the reader sees every passage fixed and everything else exactly as the page has it', async () => {
    const { page, frame, blank } = await openArticle();
    await expect.poll(() => page.locator('#late').textContent()).toBe('线上推荐活动正式启动');
    await expect.poll(() => blank.locator('#blank-note').textContent()).toBe('发现榜样');
    const seen = [
      ...(await readExpectations(page)),
      ...(await readExpectations(frame)),
      ...(await readExpectations(blank)),
    ];
    // The fixture has something of each kind: fixed passages, untouched ones, shadow and frame.
    expect(seen.filter((s) => s.original !== null).length).toBeGreaterThanOrEqual(9);
    expect(seen.map((s) => s.id)).toEqual(
      expect.arrayContaining(['shadow-headline', 'frame-headline', 'blank-note', 'late']),
    );
    for (const s of seen) expect({ id: s.id, text: s.actual }).toEqual({ id: s.id, text: s.expect });
    await page.close();
  });

  test('the badge counts the tab’s passages, the tooltip shows the original, the popup shows and fixes again', async () => {
    const { page, frame, blank } = await openArticle();
    const tabId = await env.tabIdOf(page);
    // 9 passages in the page (3 page-list titles, lead-in, headline, subtitle, caption, late block,
    // shadow headline), 1 in the frame and 1 in the about:blank frame.
    await expect.poll(() => env.badgeOf(page)).toBe('11');

    // Hovering a fixed passage shows its original; the tooltip never takes focus.
    await page.locator('#headline').hover();
    const tooltip = page.locator(`#${TOOLTIP_HOST_ID} .text`);
    await expect.poll(() => tooltip.textContent()).toBe('确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列');
    expect(await tooltip.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

    const popup = await env.openExtensionPage(`popup.html?tab=${tabId}`);
    await expect.poll(() => popup.getByTestId('fix-count').textContent()).toBe('11 passages fixed');

    // Show original: the page's own text, in the page, the shadow root and the frame.
    await popup.getByTestId('fix-show-original').click();
    await expect.poll(() => popup.getByTestId('fix-show-original').isChecked()).toBe(true);
    await env.waitForSettled(page, { until: topFrame.showingOriginal(true) });
    await expect.poll(() => env.badgeOf(page)).toBe('');
    const all = async () => [
      ...(await readExpectations(page)),
      ...(await readExpectations(frame)),
      ...(await readExpectations(blank)),
    ];
    const originals = await all();
    for (const s of originals) expect({ id: s.id, text: s.actual }).toEqual({ id: s.id, text: s.original ?? s.expect });
    for (const where of [page, frame, blank]) expect(await where.locator(`[${FIXED_ATTRIBUTE}]`).count()).toBe(0);
    await expect.poll(() => popup.getByTestId('fix-count').getAttribute('data-count')).toBe('0');

    // Fix again, from the popup's button.
    await popup.getByTestId('fix-again').click();
    await env.waitForSettled(page, { until: topFrame.showingOriginal(false) });
    await expect.poll(() => env.badgeOf(page)).toBe('11');
    await expect.poll(() => popup.getByTestId('fix-count').textContent()).toBe('11 passages fixed');
    expect(await popup.getByTestId('fix-show-original').isChecked()).toBe(false);
    const fixed = await all();
    for (const s of fixed) expect({ id: s.id, text: s.actual }).toEqual({ id: s.id, text: s.expect });
    await popup.close();
    await page.close();
  });

  test('a page script rewriting a fixed node gets its new text judged afresh, not restored over', async () => {
    const { page } = await openArticle();
    await page.evaluate(() => {
      const subtitle = document.querySelector('h3.subtitle') as HTMLElement;
      subtitle.firstChild?.replaceWith('今今日日要要闻闻');
    });
    await expect.poll(() => page.locator('h3.subtitle').textContent()).toBe('今日要闻');
    await page.close();
  });

  /**
   * What a context-menu entry does (entrypoints/background.ts): make sure the frame that was
   * clicked runs the pipeline, then ask it. Headless Chromium cannot click a context menu.
   */
  async function runMenuEntry(page: Page, type: 'fixSelection' | 'copyRepairedText'): Promise<unknown> {
    const tabId = await env.tabIdOf(page);
    return env.browser.serviceWorker.evaluate(
      async ({ tabId, type }) => {
        const target = { frameId: 0 };
        const send = (message: string) =>
          chrome.tabs.sendMessage(tabId, { id: 1, type: message, timestamp: Date.now() }, target);
        await send('pipelinePing').catch(() =>
          chrome.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ['/page-pipeline.js'] }),
        );
        return send(type);
      },
      { tabId, type },
    );
  }

  test('"Fix selection" fixes selected text the automatic pass left alone', async () => {
    const page = await env.openFixture('/basic.html');
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'lead';
      p.textContent = '新新闻闻 25日，济宁高新区召开“双招双引”工作调度推进会，高新区党工委书记刘章箭出席会议并讲话。';
      document.body.append(p);
    });
    // Two doubled characters alone are not enough for the engine: no pipeline is loaded for them.
    await env.waitForSettled(page);
    // Precondition: at the default (conservative) sensitivity, two doubled characters before a sentence stay.
    expect(await page.locator('#lead').textContent()).toMatch(/^新新闻闻 /);
    await page.evaluate(() => {
      const text = document.getElementById('lead')?.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 4);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
    });
    expect(await runMenuEntry(page, 'fixSelection')).toEqual({ res: 1 });
    expect(await page.locator('#lead').textContent()).toMatch(/^新闻 25日，济宁高新区召开“双招双引”/);
    const tab = await env.waitForSettled(page, { until: (t) => t.top?.work?.fixCount === 1 });
    expect(tab.top?.work?.fixCount).toBe(1);
    await page.close();
  });

  test('"Copy repaired text" puts the repaired selection of a text field on the clipboard, leaving the field alone', async () => {
    await env.browser.context.grantPermissions(['clipboard-read'], { origin: env.server.origin });
    const page = await env.openFixture('/fix-article.html');
    await env.waitForSettled(page);
    await page.locator('#editor-textarea').focus();
    await page.locator('#editor-textarea').evaluate((field: HTMLTextAreaElement) => field.select());
    expect(await runMenuEntry(page, 'copyRepairedText')).toEqual({ res: '勇于担当作为' });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('勇于担当作为');
    expect(await page.locator('#editor-textarea').inputValue()).toBe('勇勇于于担担当当作作为为');
    await page.close();
  });

  test('text typed while Qingdu writes to the page arrives keystroke for keystroke, and the feed is fixed', async () => {
    const page = await env.browser.context.newPage();
    await recordWritesAndKeystrokes(page, 'feed');
    await page.goto(env.server.url('/fix-typing.html'));
    // No waiting for the fix: the reader starts typing as soon as the page is there. Focusing the
    // textarea also starts the page's feed: doubled paragraphs keep arriving while the reader types.
    const typedPlain = '勇勇于于 typing 担担当当';
    const typedRich = '确确保保 rich 双双招招';
    await page.locator('#typing-textarea').pressSequentially(typedPlain, { delay: 20 });
    await page.locator('#typing-rich').pressSequentially(typedRich, { delay: 20 });
    const added = await page.evaluate(() => (window as unknown as { stopFeed(): number }).stopFeed());
    expect(added).toBeGreaterThan(5);
    const fixedLines = ['勇于担当作为，当好党和人民的忠诚卫士', '确保“双招双引”工作走在全市前列'];
    const readFeed = () => page.locator('#feed p').allTextContents();
    await expect.poll(async () => (await readFeed()).every((line) => fixedLines.includes(line))).toBe(true);
    await env.waitForSettled(page);

    expect(await page.locator('#typing-textarea').inputValue()).toBe(typedPlain);
    expect(await page.locator('#typing-rich').textContent()).toBe(typedRich);
    const feed = await readFeed();
    expect(feed.length).toBe(5000 + added);
    expect(new Set(feed)).toEqual(new Set(fixedLines));

    // The keystrokes arrived while Qingdu was writing: its writes fall between them again and again.
    const log = await readWritesAndKeystrokes(page);
    expect(log.keys.length).toBe([...typedPlain].length + [...typedRich].length);
    const gapsWithWrites = countGapsHolding(log.keys, log.writes);
    console.info(
      `[typing] ${log.keys.length} keystrokes, ${log.writes.length} slices of Qingdu's writes; ` +
        `${gapsWithWrites} of ${log.keys.length - 1} gaps between keystrokes had a write in them`,
    );
    expect(gapsWithWrites).toBeGreaterThanOrEqual(10);
    await page.close();
  });
});
