import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { READY_ATTRIBUTE, READY_VALUE } from '../../lib/dom/markers';
import { type E2eEnvironment, startE2e } from './support';

describe('the built extension in Chromium', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  test('the content script runs on an http page and answers ping', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.server.url('/basic.html'));
    await expect
      .poll(() => page.evaluate((name) => document.documentElement.getAttribute(name), READY_ATTRIBUTE))
      .toBe(READY_VALUE);

    // Ask the content script through the extension's own messaging, from the service worker.
    // Without the `tabs` permission the worker cannot see tab URLs, so it addresses the active tab.
    await page.bringToFront();
    const reply = await env.browser.serviceWorker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) throw new Error(`no active tab (expected ${url})`);
      return chrome.tabs.sendMessage(tab.id, { id: 1, type: 'ping', timestamp: Date.now() });
    }, page.url());
    expect(reply).toMatchObject({ res: { ready: true, url: page.url() } });
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
