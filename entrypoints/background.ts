import { resolvePageSettings } from '@/lib/features/page-settings';
import {
  isReadingAidName,
  READING_AID_COMMANDS,
  READING_AID_NAMES,
  READING_AID_SCRIPTS,
} from '@/lib/features/reading-aid';
import { onMessage, sendMessage } from '@/lib/messaging';
import { loadSettings } from '@/lib/settings/storage';

export default defineBackground(() => {
  // The service worker wires browser events (badge, context menu, commands) to the
  // content scripts; each feature registers its listeners here as it lands.

  // A reading aid's code (dictionaries included) is injected only into the frame that asks for
  // it, the first time the reader turns the aid on there. The content script's host match
  // patterns let the extension script these pages, so this needs only the `scripting`
  // permission, whether the reader clicked the popup or a site rule turned the aid on at load.
  onMessage('injectReadingAid', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !isReadingAidName(data)) throw new Error('Reading aids run in tabs only.');
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [sender.frameId ?? 0] },
      files: [READING_AID_SCRIPTS[data]],
    });
  });

  onMessage('getPageSettings', async ({ data }) => {
    if (typeof data !== 'string') throw new Error('A page URL is expected.');
    return resolvePageSettings((await loadSettings()).settings, data);
  });

  browser.commands.onCommand.addListener((command, tab) => {
    const name = READING_AID_NAMES.find((n) => READING_AID_COMMANDS[n] === command);
    if (name && tab?.id !== undefined) void sendMessage('toggleReadingAid', name, tab.id).catch(() => undefined);
  });
});
