/**
 * A web page cannot command Qingdu, and one page's scripts cannot command another tab: Qingdu's
 * scripts in pages listen to no page channel (no `message` listener in their world), the page is
 * never told the extension id, a page faking WXT's "newer copy started" event stops nothing, pages
 * have no `chrome.runtime` to call, and a script in a page's isolated world (what a compromised
 * content script could do) is refused every message but its own frame's page-script messages.
 * The sender check itself is unit-tested in tests/unit/messaging.test.ts.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { UNTRUSTED_SENDER_ERROR } from '../../lib/messaging';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../lib/settings/schema';
import { SETTINGS_KEY } from '../../lib/settings/storage';
import { type E2eEnvironment, startE2e, topFrame } from './support';

/** Event types a page can fire at a content script with data of its choosing. */
const PAGE_CHANNEL_EVENTS = ['message', 'messageerror'];

const DOUBLED = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const FIXED = '勇于担当作为，当好党和人民的忠诚卫士';

interface ExecutionContext {
  id: number;
  origin: string;
  auxData?: { type?: string; frameId?: string };
}

/** Qingdu's isolated world in the page's main frame (the sentinel and the pipeline share it). */
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

describe('messages from pages are never trusted', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    await env.resetStorage();
  });

  /** Open a page recording every message it receives from its very first script on, and wait until Qingdu is done with it. */
  async function openWatchedPage(path: string): Promise<Page> {
    const page = await env.browser.context.newPage();
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      Object.defineProperty(window, '__messagesSeen', { value: seen });
      window.addEventListener('message', (event) => seen.push(event.data));
    });
    await page.goto(env.server.url(path));
    await env.waitForSettled(page);
    return page;
  }

  /** Ask the top frame's pipeline whether it runs, as the background does. */
  async function pingPipeline(page: Page): Promise<unknown> {
    const tabId = await env.tabIdOf(page);
    return env.browser.serviceWorker.evaluate(
      (id) =>
        chrome.tabs
          .sendMessage(id, { id: 7, type: 'pipelinePing', timestamp: Date.now() }, { frameId: 0 })
          .catch((error: unknown) => `no answer: ${String(error)}`),
      tabId,
    );
  }

  /**
   * Send a message in `@webext-core/messaging`'s format from the isolated world of the top frame
   * of `page`: the world Qingdu's own scripts run in there, so the background sees exactly the
   * sender a compromised script in that page would be.
   */
  async function sendFromPageScript(page: Page, type: string, data: unknown): Promise<unknown> {
    const tabId = await env.tabIdOf(page);
    return env.browser.serviceWorker.evaluate(
      async ({ tabId, type, data }) => {
        const [result] = await chrome.scripting.executeScript({
          target: { tabId, frameIds: [0] },
          world: 'ISOLATED',
          args: [type, data],
          func: async (messageType: string, messageData: unknown) =>
            chrome.runtime.sendMessage({ id: 99, type: messageType, data: messageData, timestamp: Date.now() }),
        });
        return result?.result;
      },
      { tabId, type, data },
    );
  }

  test('Qingdu adds no message listener a page could post to', async () => {
    // A page with doubled text: the sentinel and the page pipeline both run in Qingdu's world.
    const page = await openWatchedPage('/settings-live.html');
    expect((await env.readTab(page)).top?.pipeline).toBe(true);
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
    const page = await openWatchedPage('/settings-live.html');
    // Messages are delivered in the order they were posted: once this one arrives, any message
    // Qingdu's scripts posted while starting has arrived too.
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

  test("a page faking WXT's content-script-started event, on the document, bubbling from <html> or from a shadow root, stops nothing", async () => {
    const page = await openWatchedPage('/settings-live.html');
    const before = await pingPipeline(page);
    expect(before).toMatchObject({ res: { documentKey: expect.any(String) } });
    await page.evaluate((extensionId) => {
      const host = document.body.appendChild(document.createElement('div'));
      const inShadow = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('span'));
      // dispatchEvent runs every world's listeners before it returns, so the effect is immediate.
      for (const entrypoint of ['content', 'content-script', 'content/index', 'page-pipeline', 'sentinel']) {
        const type = `${extensionId}:${entrypoint}:wxt:content-script-started`;
        const detail = { contentScriptName: entrypoint, messageId: 'from-page' };
        document.dispatchEvent(new CustomEvent(type, { detail }));
        document.documentElement.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
        inShadow.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
      }
      host.remove();
    }, env.browser.extensionId);
    // The same pipeline still answers, and still fixes what the page adds.
    expect(await pingPipeline(page)).toEqual(before);
    await page.evaluate((text) => {
      const p = document.createElement('p');
      p.id = 'late';
      p.textContent = text;
      document.body.append(p);
    }, DOUBLED);
    await expect.poll(() => page.locator('#late').textContent()).toBe(FIXED);
    await page.close();
  });

  test('a page cannot reach the extension through chrome.runtime, even knowing its id', async () => {
    const page = await openWatchedPage('/basic.html');
    const outcome = await page.evaluate(async (extensionId) => {
      const message = { id: 1, type: 'getTabStatus', data: 1, timestamp: Date.now() };
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

  test("a script in one tab's page can neither read nor switch another tab; the extension's own pages can", async () => {
    const victim = await openWatchedPage('/settings-live.html');
    const victimTab = await env.tabIdOf(victim);
    expect(await victim.locator('#headline').textContent()).toBe(FIXED);
    const attacker = await openWatchedPage('/settings-live.html');
    const refused = { err: expect.objectContaining({ message: UNTRUSTED_SENDER_ERROR }) };

    expect(await sendFromPageScript(attacker, 'getTabStatus', victimTab)).toEqual(refused);
    expect(await sendFromPageScript(attacker, 'setTabShowOriginal', { tabId: victimTab, showOriginal: true })).toEqual(
      refused,
    );
    expect(
      await sendFromPageScript(attacker, 'setTabReadingAid', { tabId: victimTab, name: 'conversion', enabled: true }),
    ).toEqual(refused);
    // The victim is as it was: fixed, not showing the original, no aid switched on.
    const victimNow = await env.waitForSettled(victim);
    expect(victimNow.top?.work).toMatchObject({ showingOriginal: false, fixCount: 1, stages: ['fix'] });
    expect(await victim.locator('#headline').textContent()).toBe(FIXED);

    // The same messages from an extension page are obeyed: the refusal is about the sender.
    const extensionPage = await env.openExtensionPage('options.html');
    const send = (type: string, data: unknown) =>
      extensionPage.evaluate(
        ({ type, data }) => chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }),
        { type, data },
      );
    expect(await send('getTabStatus', victimTab)).toMatchObject({ res: { fixCount: 1, url: victim.url() } });
    expect(await send('setTabShowOriginal', { tabId: victimTab, showOriginal: true })).toMatchObject({
      res: { showingOriginal: true },
    });
    await env.waitForSettled(victim, { until: topFrame.showingOriginal(true) });
    expect(await victim.locator('#headline').textContent()).toBe(DOUBLED);
    await extensionPage.close();
    await victim.close();
    await attacker.close();
  });

  test("a page's script gets its own frame's settings, whatever address it names", async () => {
    // Another site the reader has rules for: fixing off there, pinyin always on.
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      siteRules: [{ pattern: 'elsewhere.example', fix: false, pinyin: true, conversion: 'off', joinLines: false }],
    };
    await env.browser.serviceWorker.evaluate(
      async ({ key, value, version }) => {
        await chrome.storage.sync.set({ [key]: value, [`${key}$`]: { v: version } });
      },
      { key: SETTINGS_KEY, value: settings, version: SETTINGS_VERSION },
    );
    const page = await openWatchedPage('/basic.html');
    const answer = (await sendFromPageScript(page, 'getPageSettings', 'https://elsewhere.example/')) as {
      res?: { site: { fix: boolean; pinyin: boolean } };
    };
    expect(answer.res?.site).toMatchObject({ fix: true, pinyin: false });
    await page.close();
  });
});
