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

  test('removing the guard lets the event through again', () => {
    const ctx = new ContentScriptContext('content');
    cleanups.push(() => ctx.abort());
    const remove = refusePageEvent(document, SCRIPT_STARTED_EVENT);
    remove();
    sendFakeScriptStarted();
    expect(ctx.isValid).toBe(false);
  });
});
