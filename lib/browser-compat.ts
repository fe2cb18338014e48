/**
 * The few places where Chromium and Firefox differ for Qingdu, each behind one small helper so the
 * rest of the code reads the same in both. The Firefox end-to-end tier (tests/e2e-firefox) runs them.
 */
import { browser } from 'wxt/browser';

/** What Qingdu uses of the toolbar button: the badge. */
export interface ToolbarButton {
  setBadgeText(details: { tabId?: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

interface ToolbarButtonApis {
  action?: ToolbarButton;
  browserAction?: ToolbarButton;
}

/**
 * The toolbar button's API: `action` in Manifest V3 (Chromium, and Firefox MV3), `browserAction` in
 * Manifest V2, which is what Firefox builds use. Calling `browser.action` in Firefox's MV2 throws
 * and stopped the background page before it could answer the popup.
 */
export function getToolbarButton(apis: ToolbarButtonApis = browser as unknown as ToolbarButtonApis): ToolbarButton {
  const button = apis.action ?? apis.browserAction;
  if (!button) throw new Error('This browser offers no toolbar button API (action or browserAction).');
  return button;
}
