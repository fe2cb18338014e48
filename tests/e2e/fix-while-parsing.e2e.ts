/**
 * A site remembered for doubled text gets the page pipeline at document_start, so a long page is
 * fixed as the parser builds it, before it is all there. Served here in two chunks, the second
 * 400 ms after the first, cut in the middle of a paragraph's text: Chromium's parser then appends
 * the rest of that text to the text node it made for the first part. The pipeline must fix what
 * the first chunk brought while the second is on its way, and must not write the half-parsed node
 * (it would end up half Qingdu's, half the parser's, with its original lost: "Show original"
 * would not give the page back).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type E2eEnvironment, startE2e } from './support';

const FIRST = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const SPLIT_START = '确确保保““双双招招';
const SPLIT_END = '双双引引””工工作作走走在在全全市市前前列列';

/** The page as the server sends it; the second chunk's script notes what the first chunk's headline showed by then. */
const CHUNKS = [
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>分两次送达的页面</title></head><body>' +
    `<h1 id="first">${FIRST}</h1>\n` +
    // Enough text that the parser runs before the rest arrives.
    `<p id="clean">${'会议强调，要立足重点产业，大家常常研究研究。'.repeat(200)}</p>\n` +
    `<p id="split">${SPLIT_START}`,
  `${SPLIT_END}</p>\n` +
    '<script>window.firstWhenTheRestArrived = document.getElementById("first").textContent;</script>\n' +
    '<p id="last">新新新新项项项项目目目目</p></body></html>',
];
const OWN_SPLIT = SPLIT_START + SPLIT_END;

function startChunkedServer(): Promise<{ url: string; server: Server }> {
  const server = createServer(async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.write(CHUNKS[0]);
    await new Promise((resume) => setTimeout(resume, 400));
    response.end(CHUNKS[1]);
  });
  return new Promise((ready) =>
    server.listen(0, '127.0.0.1', () =>
      ready({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/chunked.html`, server }),
    ),
  );
}

const textOf = (page: Page, selector: string) => page.locator(selector).evaluate((element) => element.textContent);

describe('a remembered site is fixed while it is parsed', () => {
  let env: E2eEnvironment;
  let chunked: { url: string; server: Server };

  beforeAll(async () => {
    env = await startE2e();
    chunked = await startChunkedServer();
  });
  afterAll(async () => {
    await env?.close();
    await new Promise((done) => chunked?.server.close(done));
  });

  test('fixed before the rest of the page arrives; the paragraph cut between two chunks is fixed exactly and restored exactly', async () => {
    // First visit: the sentinel finds the doubled text; the site is remembered.
    const visit = await env.browser.context.newPage();
    await visit.goto(chunked.url);
    await env.waitForSettled(visit);
    expect(await textOf(visit, '#split')).toBe('确保“双招双引”工作走在全市前列');
    await visit.close();
    await expect
      .poll(() =>
        env.browser.serviceWorker.evaluate(async () =>
          (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []),
        ),
      )
      .toContain('*://127.0.0.1/*');

    // Second visit: the pipeline runs from document_start.
    const page = await env.browser.context.newPage();
    await page.goto(chunked.url);
    await env.waitForSettled(page);
    expect(
      await page.evaluate(() => (window as unknown as { firstWhenTheRestArrived: string }).firstWhenTheRestArrived),
    ).toBe('勇于担当作为，当好党和人民的忠诚卫士');
    expect(await textOf(page, '#split')).toBe('确保“双招双引”工作走在全市前列');
    expect(await textOf(page, '#last')).toBe('新项目');
    expect(await page.locator('#split').evaluate((element) => element.childNodes.length)).toBe(1);

    await env.setShowOriginal(page, true);
    expect(await textOf(page, '#split')).toBe(OWN_SPLIT);
    expect(await textOf(page, '#first')).toBe(FIRST);
    await env.setShowOriginal(page, false);
    expect(await textOf(page, '#split')).toBe('确保“双招双引”工作走在全市前列');
    await page.close();
  });
});
