import { browser } from 'wxt/browser';
import { markDocumentReady } from '@/lib/dom/markers';
import { createReadingAidController } from '@/lib/features/reading-aid-controller';
import { createReadingAidSettingsFollower } from '@/lib/features/reading-aid-settings';
import { onMessage, sendMessage } from '@/lib/messaging';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main(ctx) {
    markDocumentReady(document);
    onMessage('ping', () => ({ ready: true, url: location.href }));

    // Reading aids: their code is injected into this frame by the background on first use.
    const readingAids = createReadingAidController(document, (name) => sendMessage('injectReadingAid', name));
    onMessage('getReadingAids', () => readingAids.getStatus());
    onMessage('setReadingAid', ({ data }) => readingAids.set(data));
    onMessage('toggleReadingAid', ({ data }) => readingAids.toggle(data));

    // Site rules ("always on this site") switch them on as the page loads, and live. The
    // background resolves the settings, so this script carries no settings code.
    const followSettings = createReadingAidSettingsFollower(readingAids);
    const refreshSettings = () =>
      void sendMessage('getPageSettings', location.href).then(followSettings, () => undefined);
    refreshSettings();
    browser.storage.onChanged.addListener(refreshSettings);
    ctx.onInvalidated(() => {
      browser.storage.onChanged.removeListener(refreshSettings);
      readingAids.stopAll();
    });
  },
});
