import { i18n } from '#i18n';
import { getToolbarButton } from '@/lib/browser-compat';
import { BADGE_COLOR, createFixTabStatus } from '@/lib/features/fix-tab-status';
import { resolvePageSettings } from '@/lib/features/page-settings';
import {
  isReadingAidName,
  READING_AID_COMMANDS,
  READING_AID_NAMES,
  READING_AID_SCRIPTS,
} from '@/lib/features/reading-aid';
import { onMessage, sendMessage } from '@/lib/messaging';
import { loadSettings } from '@/lib/settings/storage';

/** Context-menu entries of fix doubled text. */
const MENU_FIX_SELECTION = 'qingdu-fix-selection';
const MENU_COPY_REPAIRED = 'qingdu-copy-repaired';

export default defineBackground(() => {
  // The service worker wires browser events (badge, context menu, commands) to the
  // content scripts; each feature registers its listeners here as it lands.

  // Every page's settings are read and resolved here, so the always-injected content script carries
  // no settings code (schema, storage, repair, site patterns, regex guard). Corrupt fields fall back
  // one by one (`loadSettings` repairs them); unreadable storage gives the defaults.
  onMessage('getPageSettings', async ({ data }) => resolvePageSettings((await loadSettings()).settings, String(data)));

  // Fix doubled text: the badge counts the tab's fixed passages; the popup's switch reaches every frame.
  const fixTabs = createFixTabStatus({
    setFrameShowOriginal: (tabId, frameId, showOriginal) =>
      sendMessage('setShowOriginal', showOriginal, { tabId, frameId }),
  });
  void getToolbarButton().setBadgeBackgroundColor({ color: BADGE_COLOR });
  onMessage('reportFixStatus', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    const { documentKey, ...status } = data;
    await fixTabs.report(tabId, sender.frameId ?? 0, documentKey, status);
  });
  onMessage('getTabFixStatus', ({ data }) => fixTabs.get(data));
  onMessage('setTabShowOriginal', ({ data }) => fixTabs.setShowOriginal(data.tabId, data.showOriginal));
  browser.tabs.onRemoved.addListener((tabId) => void fixTabs.forget(tabId));

  // Chromium keeps menus while the extension is installed; Firefox keeps an MV2 (persistent)
  // background's menus only until the browser quits. So they are made afresh on install, update
  // and every browser start. Firefox for Android has no context menus (nor keyboard shortcuts).
  const menus = browser.contextMenus as typeof browser.contextMenus | undefined;
  const makeMenus = async () => {
    if (!menus) return;
    await menus.removeAll();
    menus.create({ id: MENU_FIX_SELECTION, title: i18n.t('menuFixSelection'), contexts: ['selection'] });
    menus.create({ id: MENU_COPY_REPAIRED, title: i18n.t('menuCopyRepaired'), contexts: ['selection', 'editable'] });
  };
  // One after another: an update at start-up fires both events, and two interleaved rounds would collide.
  let menusMade = Promise.resolve();
  const createMenus = () => {
    menusMade = menusMade.then(makeMenus, makeMenus);
  };
  browser.runtime.onInstalled.addListener(createMenus);
  browser.runtime.onStartup.addListener(createMenus);
  menus?.onClicked.addListener((info, tab) => {
    if (tab?.id === undefined) return;
    const target = { tabId: tab.id, frameId: info.frameId ?? 0 };
    if (info.menuItemId === MENU_FIX_SELECTION)
      void sendMessage('fixSelection', undefined, target).catch(() => undefined);
    if (info.menuItemId === MENU_COPY_REPAIRED)
      void sendMessage('copyRepairedText', undefined, target).catch(() => undefined);
  });

  // A reading aid's code (dictionaries included) is injected only into the frame that asks for
  // it, the first time the reader turns the aid on there (from the popup, a shortcut, or a site
  // rule as the page loads). Needs `scripting` and host access to the page (see README).
  onMessage('injectReadingAid', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !isReadingAidName(data)) throw new Error('Reading aids run in tabs only.');
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [sender.frameId ?? 0] },
      files: [READING_AID_SCRIPTS[data]],
    });
  });

  (browser.commands as typeof browser.commands | undefined)?.onCommand.addListener((command, tab) => {
    const name = READING_AID_NAMES.find((n) => READING_AID_COMMANDS[n] === command);
    if (name && tab?.id !== undefined) void sendMessage('toggleReadingAid', name, tab.id).catch(() => undefined);
  });
});
