/**
 * A web page cannot command Qingdu: the content script listens to no page channel (no `message`
 * listener in its world), WXT's announcement of the extension id to the page is off, a page faking
 * WXT's "newer copy started" event cannot stop it, pages have no `chrome.runtime` to call, and
 * the extension's own background still can. The sender check itself is unit-tested in
 * tests/unit/messaging.test.ts.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { READY_ATTRIBUTE, READY_VALUE } from '../../lib/dom/markers';
import { type E2eEnvironment, startE2e } from './support';

/** Event types a page can fire at a content script with data of its choosing. */
const PAGE_CHANNEL_EVENTS = ['message', 'messageerror'];

interface ExecutionContext {
  id: number;
  origin: string;
  auxData?: { type?: string; frameId?: string };
}

/** The content script's isolated world in the page's main frame. */
async function findQingduWorld(cdp: CDPSession, extensionId: string): Promise<number> {
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = contexts.find(
    (c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`,
  );
  if (!world) throw new Error(`no Qingdu world among ${JSON.stringify(contexts)}`);
  return world.id;
}

/** Listener types on a global, as seen from one world (DevTools lists each world's own listeners). */
async function listListeners(cdp: CDPSession, expression: string, contextId: number): Promise<string[]> {
  const { result } = await cdp.send('Runtime.evaluate', { expression, contextId });
  if (!result.objectId) throw new Error(`no object for ${expression}`);
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth: 0 });
  return listeners.map((listener) => listener.type);
}

const readyMarker = (page: Page) =>
  page.evaluate((name) => document.documentElement.getAttribute(name), READY_ATTRIBUTE);

async function openReadyPage(env: E2eEnvironment, path: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  // Record every message the page receives, from its very first script on.
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    Object.defineProperty(window, '__messagesSeen', { value: seen });
    window.addEventListener('message', (event) => seen.push(event.data));
  });
  await page.goto(env.server.url(path));
  await expect.poll(() => readyMarker(page)).toBe(READY_VALUE);
  return page;
}

async function pingActiveTab(env: E2eEnvironment, page: Page): Promise<unknown> {
  await page.bringToFront();
  return env.browser.serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return chrome.tabs.sendMessage(tab.id, { id: 7, type: 'ping', timestamp: Date.now() });
  });
}

describe('messages from pages are never trusted', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });

  test('the content script adds no message listener a page could post to', async () => {
    const page = await openReadyPage(env, '/basic.html');
    const cdp = await page.context().newCDPSession(page);
    const world = await findQingduWorld(cdp, env.browser.extensionId);
    const onWindow = await listListeners(cdp, 'window', world);
    const onDocument = await listListeners(cdp, 'document', world);
    for (const type of PAGE_CHANNEL_EVENTS) {
      expect(onWindow).not.toContain(type);
      expect(onDocument).not.toContain(type);
    }
    await cdp.detach();
    await page.close();
  });

  test('the page is never told the extension id', async () => {
    const page = await openReadyPage(env, '/basic.html');
    // Messages are delivered in the order they were posted: once this one arrives, any message
    // the content script posted while starting has arrived too.
    const seen = await page.evaluate(async () => {
      await new Promise<void>((resolve) => {
        window.addEventListener('message', (event) => event.data === 'flush' && resolve());
        window.postMessage('flush', '*');
      });
      return JSON.stringify((window as unknown as { __messagesSeen: unknown[] }).__messagesSeen);
    });
    expect(seen).toBe('["flush"]');
    expect(await page.content()).not.toContain(env.browser.extensionId);
    await page.close();
  });

  test("a page faking WXT's content-script-started event cannot stop Qingdu", async () => {
    const page = await openReadyPage(env, '/basic.html');
    await page.evaluate((extensionId) => {
      // dispatchEvent runs every world's listeners before it returns, so the effect is immediate.
      for (const entrypoint of ['content', 'content-script', 'content/index']) {
        document.dispatchEvent(
          new CustomEvent(`${extensionId}:${entrypoint}:wxt:content-script-started`, {
            detail: { contentScriptName: entrypoint, messageId: 'from-page' },
          }),
        );
      }
    }, env.browser.extensionId);
    expect(await readyMarker(page)).toBe(READY_VALUE);
    expect(await pingActiveTab(env, page)).toMatchObject({ res: { ready: true, url: page.url() } });
    await page.close();
  });

  test("a page sending WXT's start event from below the document (bubbling, or from a shadow root) cannot stop Qingdu", async () => {
    const page = await openReadyPage(env, '/basic.html');
    const sent = await page.evaluate((extensionId) => {
      const host = document.body.appendChild(document.createElement('div'));
      const inShadow = host.attachShadow({ mode: 'closed' }).appendChild(document.createElement('span'));
      const deep = document.body.appendChild(document.createElement('p'));
      let count = 0;
      // WXT's listener is on `document`: each of these reaches it unless Qingdu swallows it first.
      for (const from of [document.documentElement, deep, inShadow]) {
        from.dispatchEvent(
          new CustomEvent(`${extensionId}:content:wxt:content-script-started`, {
            bubbles: true,
            composed: true,
            detail: { contentScriptName: 'content', messageId: 'from-page' },
          }),
        );
        count++;
      }
      return count;
    }, env.browser.extensionId);
    expect(sent).toBe(3);
    expect(await readyMarker(page)).toBe(READY_VALUE);
    expect(await pingActiveTab(env, page)).toMatchObject({ res: { ready: true, url: page.url() } });
    await page.close();
  });

  test('a page cannot reach the extension through chrome.runtime, even knowing its id', async () => {
    const page = await openReadyPage(env, '/basic.html');
    const outcome = await page.evaluate(async (extensionId) => {
      const message = { id: 1, type: 'ping', data: undefined, timestamp: Date.now() };
      window.postMessage(message, '*');
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      if (typeof runtime?.sendMessage !== 'function') return 'no runtime';
      try {
        const reply = await (runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(extensionId, message);
        return `reply: ${JSON.stringify(reply)}`;
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, env.browser.extensionId);
    expect(outcome).not.toMatch(/^reply/);
    await page.close();
  });

  test("the extension's own background still commands the content script", async () => {
    const page = await openReadyPage(env, '/basic.html');
    expect(await pingActiveTab(env, page)).toMatchObject({ res: { ready: true, url: page.url() } });
    await page.close();
  });
});
