/**
 * Pinyin on a long page annotates only what is near the viewport (ruby costs layout), so it must
 * keep up with the reader: switched on, the readings in view come first; scrolled far down at
 * once, the first frame drawn at the new place already has its readings (the scroll event comes
 * before that frame's layout, the viewport observer's report only after it).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { topFrame } from '../../scripts/lib/tab-state';
import { type E2eEnvironment, startE2e } from './support';

/** About 600 paragraphs of plain Chinese: many screens long. */
const LONG_PAGE =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>很长的文章</title></head><body>' +
  Array.from(
    { length: 600 },
    (_, i) => `<p id="p${i}">第${i}段：会议强调，要立足重点产业，紧盯五百强项目，推动高质量发展。</p>`,
  ).join('\n') +
  '</body></html>';

/** In the first animation frame after a scroll to `y`: is any reading laid out in the viewport? */
function scrollAndLookInFirstFrame(page: Page, y: number): Promise<boolean> {
  return page.evaluate(
    (target) =>
      new Promise<boolean>((resolve) => {
        window.scrollTo(0, target);
        requestAnimationFrame(() => {
          const inView = [...document.querySelectorAll('rt')].some((rt) => {
            const box = rt.getBoundingClientRect();
            return box.height > 0 && box.bottom > 0 && box.top < innerHeight;
          });
          resolve(inView);
        });
      }),
    y,
  );
}

describe('pinyin near the viewport', () => {
  let env: E2eEnvironment;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    env = await startE2e();
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(LONG_PAGE);
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/long.html`;
  });
  afterAll(async () => {
    await env?.close();
    await new Promise((done) => server?.close(done));
  });

  test('the readings in view come with the switch, and a jump far down shows readings in its first frame', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(url);
    await env.waitForLook(page);
    const tabId = await env.tabIdOf(page);
    const reply = (await env.sendFromExtensionPage('setTabReadingAid', {
      tabId,
      name: 'pinyin',
      enabled: true,
      options: { style: 'tone-marks', toneColors: 'off' },
    })) as { err?: unknown };
    expect(reply.err).toBeUndefined();
    await page.bringToFront();
    await env.waitForSettled(page, { until: topFrame.runs('pinyin') });
    // The top of the page has its readings; the far end has none yet (it is not near the viewport).
    expect(await page.locator('#p0 rt').count()).toBeGreaterThan(0);
    expect(await page.locator('#p590 rt').count()).toBe(0);

    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(await scrollAndLookInFirstFrame(page, height * 0.75)).toBe(true);
    expect(await scrollAndLookInFirstFrame(page, height * 0.3)).toBe(true);
    await page.close();
  });
});
