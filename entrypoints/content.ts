import { i18n } from '#i18n';
import { markDocumentReady } from '@/lib/dom/markers';
import { createFixController, DEFAULT_FIX_PAGE_SETTINGS } from '@/lib/features/fix-doubled-text-controller';
import { onMessage, sendMessage } from '@/lib/messaging';
import { loadSettings, resolveSiteSettings, watchSettings } from '@/lib/settings';
import { fixText, mightContainDoubledText } from '@/lib/text';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  // Start early so reading the settings overlaps with parsing; the first pass runs at
  // DOMContentLoaded (a document_end script is often queued behind the page's first layout).
  runAt: 'document_start',
  async main(ctx) {
    const settingsLoaded = loadSettings();
    if (document.readyState === 'loading') {
      await new Promise((parsed) => document.addEventListener('DOMContentLoaded', parsed, { once: true }));
    }
    markDocumentReady(document);
    onMessage('ping', () => ({ ready: true, url: location.href }));

    // Fix doubled text, as this site's settings say.
    const documentKey = crypto.randomUUID();
    const fix = createFixController(document, {
      engine: { fixText, mightContainDoubledText },
      originalLabel: i18n.t('fixOriginalLabel'),
      onStatus: (status) => void sendMessage('reportFixStatus', { ...status, documentKey }).catch(() => undefined),
    });
    const configure = (settings: Parameters<typeof resolveSiteSettings>[0]) =>
      fix.configure(resolveSiteSettings(settings, location.href));
    settingsLoaded.then(
      ({ settings }) => configure(settings),
      () => fix.configure(DEFAULT_FIX_PAGE_SETTINGS),
    );
    const unwatch = watchSettings(({ settings }) => configure(settings));
    onMessage('setShowOriginal', ({ data }) => fix.setShowOriginal(data));
    onMessage('fixSelection', () => fix.fixSelection());
    onMessage('copyRepairedText', () => fix.copyRepairedText());
    ctx.onInvalidated(() => {
      unwatch();
      fix.stop();
    });
  },
});
