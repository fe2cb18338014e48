import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { showBadge, summarizeTab } from '../../lib/background/tab-status';
import { getToolbarButton, type ToolbarButton } from '../../lib/browser-compat';
import { createRandomId } from '../../lib/isolated-world';

const button = (): ToolbarButton => ({
  setBadgeText: vi.fn(async () => undefined),
  setBadgeBackgroundColor: vi.fn(async () => undefined),
});

describe('getToolbarButton', () => {
  test('Manifest V3 (Chromium, Firefox MV3): `action`', () => {
    const action = button();
    expect(getToolbarButton({ action, browserAction: button() })).toBe(action);
  });

  test('Manifest V2 (Firefox builds): `browserAction`, where `action` does not exist', () => {
    const browserAction = button();
    expect(getToolbarButton({ browserAction })).toBe(browserAction);
  });

  test('neither: a clear error, not a TypeError deep in the background page', () => {
    expect(() => getToolbarButton({})).toThrow(/no toolbar button API/);
  });
});

describe('the badge in Firefox’s Manifest V2', () => {
  const fake = fakeBrowser as unknown as { action?: unknown; browserAction?: unknown };
  let savedAction: unknown;
  beforeEach(() => {
    fakeBrowser.reset();
    savedAction = fake.action;
  });
  afterEach(() => {
    fake.action = savedAction;
  });

  test('the tab’s count reaches the badge through browserAction when there is no action', async () => {
    const browserAction = button();
    fake.action = undefined;
    fake.browserAction = browserAction;
    await showBadge(3, { ...summarizeTab({ frames: {} }), fixCount: 5 });
    expect(browserAction.setBadgeText).toHaveBeenLastCalledWith({ tabId: 3, text: '5' });
  });

  test('a browser with no badge at all: the report still goes through', async () => {
    fake.action = undefined;
    fake.browserAction = undefined;
    await expect(showBadge(3, { ...summarizeTab({ frames: {} }), fixCount: 5 })).resolves.toBeUndefined();
  });
});

describe('createRandomId', () => {
  test('needs only crypto.getRandomValues (crypto.randomUUID is missing outside secure contexts)', () => {
    const insecureCrypto = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    const ids = new Set(Array.from({ length: 100 }, () => createRandomId(insecureCrypto)));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
