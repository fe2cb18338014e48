/**
 * Which tab the popup acts on. Opened from the toolbar, it is the active tab of the current
 * window. End-to-end tests open `popup.html?tab=<id>` as a page of its own, where the active tab
 * would be the popup itself; the parameter names the fixture tab instead. It only chooses which
 * of the reader's own tabs the popup talks to, through the extension's own messaging.
 */
import { browser } from 'wxt/browser';

export function parseTabParameter(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tab');
  if (value === null || !/^\d{1,10}$/.test(value)) return undefined;
  return Number(value);
}

export async function findTargetTab(search: string): Promise<number | undefined> {
  const fromParameter = parseTabParameter(search);
  if (fromParameter !== undefined) return fromParameter;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
