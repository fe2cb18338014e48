import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type E2eEnvironment, startE2e } from './support';

describe('the built extension in Chromium', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  test('the sentinel looks at an http page and tells the background; a clean page gets nothing more', async () => {
    const page = await env.openFixture('/basic.html');
    const tab = await env.waitForSettled(page);
    expect(tab.top).toMatchObject({ address: page.url(), candidate: false, pipeline: false, fixEnabled: true });
    // Only the sentinel ran: no pipeline answers in the page's frame.
    const answer = await env.browser.serviceWorker.evaluate(
      (tabId) =>
        chrome.tabs.sendMessage(tabId, { id: 1, type: 'pipelinePing', timestamp: Date.now() }, { frameId: 0 }).then(
          (reply) => JSON.stringify(reply) ?? 'no answer',
          (error: unknown) => `no receiver: ${String(error)}`,
        ),
      tab.tabId,
    );
    expect(answer).toMatch(/^no /);
    await page.close();
  });

  test('a page with doubled text gets the pipeline, which reports its work to the background', async () => {
    const page = await env.openFixture('/settings-live.html');
    const tab = await env.waitForSettled(page);
    expect(tab.top).toMatchObject({ candidate: true, pipeline: true, fixEnabled: true });
    expect(tab.top?.work).toMatchObject({ working: false, fixCount: 1, showingOriginal: false });
    expect(await page.locator('#headline').textContent()).toBe('勇于担当作为，当好党和人民的忠诚卫士');
    const answer = await env.browser.serviceWorker.evaluate(
      (tabId) => chrome.tabs.sendMessage(tabId, { id: 2, type: 'pipelinePing', timestamp: Date.now() }, { frameId: 0 }),
      tab.tabId,
    );
    expect(answer).toEqual({ res: { documentKey: tab.top?.documentKey } });
    await page.close();
  });

  test('the popup page opens and shows the name and version', async () => {
    const popup = await env.openExtensionPage('popup.html');
    await expect.poll(() => popup.locator('h1').textContent()).toContain('Qingdu');
    const version = await env.browser.serviceWorker.evaluate(() => chrome.runtime.getManifest().version);
    expect(await popup.getByTestId('version').textContent()).toContain(version);
    await popup.close();
  });

  test('the options page opens and shows the name and version', async () => {
    const options = await env.openExtensionPage('options.html');
    await expect.poll(() => options.locator('h1').textContent()).toContain('Qingdu');
    const version = await env.browser.serviceWorker.evaluate(() => chrome.runtime.getManifest().version);
    expect(await options.getByTestId('version').textContent()).toContain(version);
    await options.close();
  });
});
