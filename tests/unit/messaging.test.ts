/**
 * Messages are commands only when they come from Qingdu itself: checks the sender rule, and the
 * real wiring through @webext-core/messaging with a stand-in for `chrome.runtime`.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { isTrustedSender, type ReceiverContext } from '../../lib/messaging';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const IN_PAGE: ReceiverContext = { extensionId: ID, extensionBaseUrl: `${ORIGIN}/`, inContentScript: true };
const IN_EXTENSION: ReceiverContext = { extensionId: ID, extensionBaseUrl: `${ORIGIN}/`, inContentScript: false };

const FROM_POPUP = { id: ID, url: `${ORIGIN}/popup.html`, origin: ORIGIN };
const FROM_WORKER = { id: ID, url: `${ORIGIN}/background.js` };
const FROM_OWN_CONTENT_SCRIPT = {
  id: ID,
  url: 'https://news.example/a.html',
  origin: 'https://news.example',
  tab: { id: 3 } as chrome.tabs.Tab,
};
const FROM_OTHER_EXTENSION = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzz/bg.js' };
const FROM_PAGE = { url: 'https://evil.example/', origin: 'https://evil.example' };

describe('isTrustedSender', () => {
  test('a content script obeys the popup, options page and background', () => {
    expect(isTrustedSender(FROM_POPUP, IN_PAGE)).toBe(true);
    expect(isTrustedSender(FROM_WORKER, IN_PAGE)).toBe(true);
  });

  test('a content script ignores pages, other extensions and content scripts in other pages', () => {
    expect(isTrustedSender(FROM_PAGE, IN_PAGE)).toBe(false);
    expect(isTrustedSender(FROM_OTHER_EXTENSION, IN_PAGE)).toBe(false);
    expect(isTrustedSender(FROM_OWN_CONTENT_SCRIPT, IN_PAGE)).toBe(false);
    expect(isTrustedSender(undefined, IN_PAGE)).toBe(false);
    expect(isTrustedSender({}, IN_PAGE)).toBe(false);
  });

  test('an extension page looking like the extension by URL but with another id is refused', () => {
    expect(isTrustedSender({ id: 'other', url: `${ORIGIN}/popup.html`, origin: ORIGIN }, IN_PAGE)).toBe(false);
  });

  test('a malformed sender URL or a look-alike origin is refused, not thrown on', () => {
    expect(isTrustedSender({ id: ID, url: 'not a url' }, IN_PAGE)).toBe(false);
    expect(isTrustedSender({ id: ID, url: `${ORIGIN}.evil.example/popup.html` }, IN_PAGE)).toBe(false);
    expect(isTrustedSender({ id: ID, origin: ORIGIN }, IN_PAGE)).toBe(true);
  });

  test('the background listens to its own content scripts but to nobody else', () => {
    expect(isTrustedSender(FROM_OWN_CONTENT_SCRIPT, IN_EXTENSION)).toBe(true);
    expect(isTrustedSender(FROM_POPUP, IN_EXTENSION)).toBe(true);
    expect(isTrustedSender(FROM_OTHER_EXTENSION, IN_EXTENSION)).toBe(false);
    expect(isTrustedSender(FROM_PAGE, IN_EXTENSION)).toBe(false);
  });

  test('without a runtime id nothing is trusted', () => {
    expect(isTrustedSender({ id: '' }, { ...IN_EXTENSION, extensionId: '' })).toBe(false);
  });
});

type RootListener = (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean;

describe('onMessage in a content script', () => {
  let rootListener: RootListener | undefined;

  beforeEach(() => {
    rootListener = undefined;
    vi.resetModules();
    vi.stubGlobal('location', new URL('https://news.example/a.html'));
    vi.stubGlobal('chrome', {
      runtime: {
        id: ID,
        getURL: (path: string) => `${ORIGIN}/${path}`,
        onMessage: {
          addListener: (listener: RootListener) => {
            rootListener = listener;
          },
          removeListener: () => {},
        },
      },
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  async function deliver(sender: unknown): Promise<{ res?: unknown; err?: { message?: string } }> {
    if (!rootListener) throw new Error('no listener registered');
    const message = { id: 1, type: 'ping', data: undefined, timestamp: Date.now() };
    return new Promise((resolve) => {
      const async = rootListener?.(message, sender, resolve as (response: unknown) => void);
      expect(async).toBe(true);
    });
  }

  test('runs the listener for the popup and refuses a web page and a content script', async () => {
    const { onMessage, UNTRUSTED_SENDER_ERROR } = await import('../../lib/messaging');
    const listener = vi.fn(() => ({ ready: true as const, url: 'https://news.example/a.html' }));
    onMessage('ping', listener);

    expect(await deliver(FROM_POPUP)).toEqual({ res: { ready: true, url: 'https://news.example/a.html' } });
    expect(listener).toHaveBeenCalledTimes(1);

    for (const sender of [FROM_PAGE, FROM_OTHER_EXTENSION, FROM_OWN_CONTENT_SCRIPT, undefined]) {
      const reply = await deliver(sender);
      expect(reply.res).toBeUndefined();
      expect(reply.err?.message).toBe(UNTRUSTED_SENDER_ERROR);
    }
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
