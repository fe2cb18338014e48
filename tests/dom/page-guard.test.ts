import { afterEach, describe, expect, test } from 'vitest';
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { refusePageEvent, SCRIPT_STARTED_EVENT } from '../../lib/dom/page-guard';

/** What a hostile page would send: WXT's event, claiming to be a newer copy of the content script. */
function sendFakeScriptStarted(name = SCRIPT_STARTED_EVENT): void {
  document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'from-page' } }));
}

describe('refusePageEvent', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  test("reads WXT's real event name, built from the extension id", () => {
    expect(SCRIPT_STARTED_EVENT).toMatch(/:wxt:content-script-started$/);
    expect(SCRIPT_STARTED_EVENT.startsWith(`${browser.runtime.id}:`)).toBe(true);
  });

  test('without the guard a page can stop the content script (the attack is real)', () => {
    const ctx = new ContentScriptContext('content');
    cleanups.push(() => ctx.abort());
    sendFakeScriptStarted();
    expect(ctx.isValid).toBe(false);
  });

  test('with the guard the fake event is swallowed before WXT sees it', () => {
    const ctx = new ContentScriptContext('content');
    cleanups.push(() => ctx.abort());
    cleanups.push(refusePageEvent(document, SCRIPT_STARTED_EVENT));
    sendFakeScriptStarted();
    expect(ctx.isValid).toBe(true);
  });

  test('the guard works even though WXT registered its listener first, and only for that event', () => {
    const ctx = new ContentScriptContext('content');
    cleanups.push(() => ctx.abort());
    cleanups.push(refusePageEvent(document, SCRIPT_STARTED_EVENT));
    let other = 0;
    const countOther = () => other++;
    document.addEventListener('qingdu-other', countOther);
    cleanups.push(() => document.removeEventListener('qingdu-other', countOther));
    document.dispatchEvent(new CustomEvent('qingdu-other'));
    expect(other).toBe(1);
    sendFakeScriptStarted();
    expect(ctx.isValid).toBe(true);
  });

  // WXT listens on `document`, so it hears the event from anywhere below it that bubbles up, and
  // from inside a shadow root when the event is composed: the guard must catch every such path.
  test.each([
    ['bubbling from <html>', () => document.documentElement],
    ['bubbling from a descendant', () => document.body.appendChild(document.createElement('p'))],
    [
      'composed from inside an open shadow root',
      () => {
        const host = document.body.appendChild(document.createElement('div'));
        return host.attachShadow({ mode: 'open' }).appendChild(document.createElement('span'));
      },
    ],
    [
      'composed from inside a closed shadow root',
      () => {
        const host = document.body.appendChild(document.createElement('div'));
        return host.attachShadow({ mode: 'closed' }).appendChild(document.createElement('span'));
      },
    ],
  ])('the fake event is swallowed when sent %s', (_path, target) => {
    const ctx = new ContentScriptContext('content');
    cleanups.push(() => ctx.abort());
    cleanups.push(refusePageEvent(document, SCRIPT_STARTED_EVENT));
    const from = target();
    cleanups.push(() => (from.getRootNode() as Node & { host?: Element }).host?.remove());
    from.dispatchEvent(
      new CustomEvent(SCRIPT_STARTED_EVENT, {
        bubbles: true,
        composed: true,
        detail: { contentScriptName: 'content', messageId: 'from-page' },
      }),
    );
    expect(ctx.isValid).toBe(true);
  });

  test('the same paths do stop WXT without the guard (each case above is a real attack)', () => {
    const ctx = new ContentScriptContext('content');
    cleanups.push(() => ctx.abort());
    const host = document.body.appendChild(document.createElement('div'));
    cleanups.push(() => host.remove());
    host
      .attachShadow({ mode: 'open' })
      .appendChild(document.createElement('span'))
      .dispatchEvent(
        new CustomEvent(SCRIPT_STARTED_EVENT, {
          bubbles: true,
          composed: true,
          detail: { contentScriptName: 'content', messageId: 'from-page' },
        }),
      );
    expect(ctx.isValid).toBe(false);
  });

  test('removing the guard lets the event through again', () => {
    const ctx = new ContentScriptContext('content');
    cleanups.push(() => ctx.abort());
    const remove = refusePageEvent(document, SCRIPT_STARTED_EVENT);
    remove();
    sendFakeScriptStarted();
    expect(ctx.isValid).toBe(false);
  });
});
