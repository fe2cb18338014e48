/**
 * Fix doubled text in Firefox ESR, as a reader sees it: the demo page and a page of frames
 * (cross-origin, about:blank filled by script, srcdoc), with "Show original" and "Fix again" from
 * the real popup, and the toolbar badge.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { byTestId, INSECURE_TEST_HOST } from '../../scripts/lib/firefox';
import { type StaticServer, startStaticServer } from '../../scripts/lib/static-server';
import {
  DEMO_DIR,
  FIXTURES_DIR,
  type FirefoxE2e,
  readBadge,
  readExpectations,
  SCREENSHOTS_DIR,
  SETTLE_MS,
  startFirefoxE2e,
} from './support';

const poll = { timeout: SETTLE_MS, interval: 100 };

/** The demo's headlines as served (doubled), in page order, from the file itself. */
function readServedHeadlines(): string[] {
  const html = readFileSync(resolve(DEMO_DIR, 'article.html'), 'utf8');
  return [...html.matchAll(/data-expect="[^"]*">([^<]*)</g)].map((match) => (match[1] ?? '').trim());
}

const shownTexts = async (frame: Page | Frame) => (await readExpectations(frame)).map((text) => text.shown);
const expectedTexts = async (frame: Page | Frame) => (await readExpectations(frame)).map((text) => text.expect);

describe('fix doubled text in Firefox', () => {
  let env: FirefoxE2e;
  let demo: StaticServer;
  beforeAll(async () => {
    env = await startFirefoxE2e();
    demo = await startStaticServer(DEMO_DIR);
  });
  afterAll(async () => {
    await env?.close();
    await demo?.close();
  });

  test('the demo page: every headline is repaired, on 127.0.0.1 and on a plain http host', async () => {
    const served = readServedHeadlines();
    expect(served).toHaveLength(7);
    for (const host of ['127.0.0.1', INSECURE_TEST_HOST]) {
      const page = await env.firefox.browser.newPage();
      await page.goto(demo.url('/article.html').replace('127.0.0.1', host));
      // Most e-paper sites are plain http: not a secure context, where some web APIs are missing.
      expect(await page.evaluate(() => isSecureContext)).toBe(host === '127.0.0.1');
      const expected = await expectedTexts(page);
      expect(expected).not.toEqual(served);
      await expect.poll(() => shownTexts(page), poll).toEqual(expected);
      // The rest of the page is exactly as served.
      expect(await page.$eval('.kicker', (element) => element.textContent)).toBe(
        '济宁高新区党工委召开“不忘初心 牢记使命”主题教育第6次专题交流研讨会',
      );
      if (host === '127.0.0.1') {
        await page.screenshot({ path: resolve(SCREENSHOTS_DIR, 'firefox-demo.png') as `${string}.png` });
      }
      await page.close();
    }
  });

  test('the popup counts the passages, "Show original" puts the page back, "Fix again" repairs it; the badge follows', async () => {
    const served = readServedHeadlines();
    const page = await env.openPage('/article.html', demo);
    const expected = await expectedTexts(page);
    await expect.poll(() => shownTexts(page), poll).toEqual(expected);
    const tabId = await env.firefox.tabIdOf(page);
    await expect.poll(() => readBadge(env.firefox, tabId), poll).toBe('7');

    const popup = await env.openPopupFor(page);
    await expect.poll(() => popup.text(byTestId('fix-count')), poll).toBe('7 passages fixed');
    expect(await popup.isChecked(byTestId('fix-show-original'))).toBe(false);
    writeFileSync(resolve(SCREENSHOTS_DIR, 'firefox-popup.png'), await popup.screenshot('main'));

    await popup.click(byTestId('fix-show-original'));
    await expect.poll(() => shownTexts(page), poll).toEqual(served);
    await expect.poll(() => popup.isChecked(byTestId('fix-show-original')), poll).toBe(true);
    await expect.poll(() => readBadge(env.firefox, tabId), poll).toBe('');

    await popup.click(byTestId('fix-again'));
    await expect.poll(() => shownTexts(page), poll).toEqual(expected);
    await expect.poll(() => popup.text(byTestId('fix-count')), poll).toBe('7 passages fixed');
    expect(await popup.isChecked(byTestId('fix-show-original'))).toBe(false);
    await expect.poll(() => readBadge(env.firefox, tabId), poll).toBe('7');
    await popup.close();
    await page.close();
  });

  test('shadow roots: open, nested and a custom element’s are repaired and put back; a closed one is out of reach', async () => {
    const page = await env.openPage('/hostile/shadow.html');
    await page.evaluate(() => (window as unknown as { addCard(): void }).addCard());
    const readShadows = () =>
      page.evaluate(() => {
        const open = document.getElementById('open-host')?.shadowRoot;
        const nested = open?.querySelector('div')?.shadowRoot;
        const card = document.querySelector('news-card')?.shadowRoot;
        return {
          open: open?.getElementById('open-text')?.textContent,
          nested: nested?.getElementById('nested-text')?.textContent,
          card: card?.getElementById('card-text')?.textContent,
        };
      });
    const fixed = { open: '勇于担当作为', nested: '确保“双招双引”', card: '勇于担当' };
    await expect.poll(readShadows, poll).toEqual(fixed);
    // Known limit: a closed shadow root cannot be reached by any extension.
    expect(await page.evaluate(() => (window as unknown as { readClosed(): string }).readClosed())).toBe(
      '新新新新项项项项目目目目',
    );

    const popup = await env.openPopupFor(page);
    await expect.poll(() => popup.text(byTestId('fix-count')), poll).toBe('3 passages fixed');
    await popup.click(byTestId('fix-show-original'));
    await expect
      .poll(readShadows, poll)
      .toEqual({ open: '勇勇于于担担当当作作为为', nested: '确确保保““双双招招双双引引””', card: '勇勇于于担担当当' });
    await popup.click(byTestId('fix-again'));
    await expect.poll(readShadows, poll).toEqual(fixed);
    await popup.close();
    await page.close();
  });

  test('frames: cross-origin, about:blank filled by script and srcdoc frames are repaired, and put back', async () => {
    const otherOrigin = await startStaticServer(FIXTURES_DIR);
    try {
      const page = await env.openPage('/hostile/frames.html');
      await page.evaluate((src) => {
        (document.getElementById('cross') as HTMLIFrameElement).src = src;
      }, otherOrigin.url('/hostile/frame-child.html'));
      await page.evaluate(() => (window as unknown as { fillBlank(): void }).fillBlank());

      // The about:blank and srcdoc frames share the page's origin: read them through it, as the page could.
      const readSameOriginFrames = () =>
        page.evaluate(() => {
          const frameText = (frameId: string, elementId: string) =>
            (document.getElementById(frameId) as HTMLIFrameElement).contentDocument?.getElementById(elementId)
              ?.textContent ?? null;
          return {
            top: document.getElementById('top')?.textContent ?? null,
            blank: frameText('blank', 'blank-text'),
            srcdoc: frameText('srcdoc', 'srcdoc-text'),
          };
        });
      const crossFrame = async () => {
        const frame = page.frames().find((candidate) => candidate.url().includes('/hostile/frame-child.html'));
        if (!frame) throw new Error('the cross-origin frame has not loaded');
        expect(new URL(frame.url()).origin).toBe(otherOrigin.origin);
        return frame;
      };
      const readCross = async () => (await crossFrame()).$eval('#cross-text', (element) => element.textContent);

      const fixed = { top: '勇于担当作为', blank: '确保“双招双引”', srcdoc: '新项目' };
      const original = {
        top: '勇勇于于担担当当作作为为',
        blank: '确确保保““双双招招双双引引””',
        srcdoc: '新新新新项项项项目目目目',
      };
      await expect.poll(readSameOriginFrames, poll).toEqual(fixed);
      await expect.poll(readCross, poll).toBe('马蹄疾');

      const popup = await env.openPopupFor(page);
      await expect.poll(() => popup.text(byTestId('fix-count')), poll).toBe('4 passages fixed');
      await popup.click(byTestId('fix-show-original'));
      await expect.poll(readSameOriginFrames, poll).toEqual(original);
      await expect.poll(readCross, poll).toBe('马马马马蹄蹄蹄蹄疾疾疾疾');

      await popup.click(byTestId('fix-again'));
      await expect.poll(readSameOriginFrames, poll).toEqual(fixed);
      await expect.poll(readCross, poll).toBe('马蹄疾');
      await popup.close();
      await page.close();
    } finally {
      await otherOrigin.close();
    }
  });
});
