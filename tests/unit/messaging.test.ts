/**
 * Messages are commands only when they come from Qingdu itself: checks the sender rule, and the
 * real wiring through @webext-core/messaging with a stand-in for `chrome.runtime`.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { isTrustedSender, PAGE_SCRIPT_MESSAGES, type ReceiverContext } from '../../lib/messaging';

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

  test('the background takes only the page-script messages from scripts in pages, everything from its own pages', () => {
    for (const type of PAGE_SCRIPT_MESSAGES) {
      expect(isTrustedSender(FROM_OWN_CONTENT_SCRIPT, IN_EXTENSION, type)).toBe(true);
      expect(isTrustedSender(FROM_POPUP, IN_EXTENSION, type)).toBe(false);
    }
    // A page's script must not read or switch another tab, or ask for another site's settings.
    for (const type of ['getTabStatus', 'setTabReadingAid', 'setTabShowOriginal'] as const) {
      expect(isTrustedSender(FROM_OWN_CONTENT_SCRIPT, IN_EXTENSION, type)).toBe(false);
      expect(isTrustedSender(FROM_POPUP, IN_EXTENSION, type)).toBe(true);
    }
    expect(isTrustedSender(FROM_OTHER_EXTENSION, IN_EXTENSION, 'getTabStatus')).toBe(false);
    expect(isTrustedSender(FROM_PAGE, IN_EXTENSION, 'reportFrameStatus')).toBe(false);
    // A script in a page that is not in a tab (no tab id) gets nothing.
    expect(isTrustedSender({ ...FROM_OWN_CONTENT_SCRIPT, tab: undefined }, IN_EXTENSION, 'getPageSettings')).toBe(
      false,
    );
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
    const message = { id: 1, type: 'pipelinePing', data: undefined, timestamp: Date.now() };
    return new Promise((resolve) => {
      const async = rootListener?.(message, sender, resolve as (response: unknown) => void);
      expect(async).toBe(true);
    });
  }

  test('runs the listener for the popup and refuses a web page and a content script', async () => {
    const { onMessage, UNTRUSTED_SENDER_ERROR } = await import('../../lib/messaging');
    const listener = vi.fn(() => ({ documentKey: 'k' }));
    onMessage('pipelinePing', listener);

    expect(await deliver(FROM_POPUP)).toEqual({ res: { documentKey: 'k' } });
    expect(listener).toHaveBeenCalledTimes(1);

    for (const sender of [FROM_PAGE, FROM_OTHER_EXTENSION, FROM_OWN_CONTENT_SCRIPT, undefined]) {
      const reply = await deliver(sender);
      expect(reply.res).toBeUndefined();
      expect(reply.err?.message).toBe(UNTRUSTED_SENDER_ERROR);
    }
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('the sentinel’s one message (lib/sentinel-messaging.ts)', () => {
  beforeEach(() => {
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  test('speaks the messaging library’s format: the background’s real listener answers it', async () => {
    let rootListener: RootListener | undefined;
    const runtime = {
      id: ID,
      getURL: (path: string) => `${ORIGIN}/${path}`,
      onMessage: {
        addListener: (listener: RootListener) => {
          rootListener = listener;
        },
        removeListener: () => {},
      },
      // The browser delivers to the background's root listener, as from a script in a tab.
      sendMessage: (message: unknown) =>
        new Promise((resolve) => rootListener?.(message, FROM_OWN_CONTENT_SCRIPT, resolve)),
    };
    vi.stubGlobal('location', new URL(`${ORIGIN}/background.js`));
    vi.stubGlobal('chrome', { runtime });
    vi.stubGlobal('browser', undefined);
    const { onMessage } = await import('../../lib/messaging');
    const { sendRawMessage } = await import('../../lib/sentinel-messaging');
    const seen: unknown[] = [];
    onMessage('sentinelReport', ({ data }) => {
      seen.push(data);
      return { fixEnabled: true, pipeline: false };
    });
    const report = { documentKey: 'k', candidates: ['勇勇于于担担当当'], truncated: false };
    await expect(sendRawMessage('sentinelReport', report)).resolves.toEqual({ fixEnabled: true, pipeline: false });
    expect(seen).toEqual([report]);
    // A refusal arrives as an error with the background's message.
    onMessage('getTabStatus', () => {
      throw new Error('should not run');
    });
    await expect(sendRawMessage('getTabStatus', 3)).rejects.toThrow('Qingdu only takes commands');
  });

  test('an orphaned script (the extension was updated or removed) fails clearly instead of sending', async () => {
    vi.stubGlobal('chrome', { runtime: { id: undefined, sendMessage: vi.fn() } });
    vi.stubGlobal('browser', undefined);
    const { sendRawMessage } = await import('../../lib/sentinel-messaging');
    await expect(
      sendRawMessage('sentinelReport', { documentKey: 'k', candidates: [], truncated: false }),
    ).rejects.toThrow('no longer running');
  });
});
