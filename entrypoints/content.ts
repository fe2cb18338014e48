import { i18n } from '#i18n';
import { markDocumentReady } from '@/lib/dom/markers';
import { createFixController, DEFAULT_FIX_PAGE_SETTINGS } from '@/lib/features/fix-doubled-text-controller';
import { resolvePageSettings } from '@/lib/features/page-settings';
import { createReadingAidController } from '@/lib/features/reading-aid-controller';
import { createReadingAidSettingsFollower } from '@/lib/features/reading-aid-settings';
import { onMessage, sendMessage } from '@/lib/messaging';
import { loadSettings, type Settings, watchSettings } from '@/lib/settings';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  // As soon as the document is parsed, before images and other subresources load.
  runAt: 'document_end',
  main(ctx) {
    markDocumentReady(document);
    onMessage('ping', () => ({ ready: true, url: location.href }));

    // Fix doubled text, as this site's settings say.
    const documentKey = crypto.randomUUID();
    const fix = createFixController(document, {
      originalLabel: i18n.t('fixOriginalLabel'),
      onStatus: (status) => void sendMessage('reportFixStatus', { ...status, documentKey }).catch(() => undefined),
    });
    onMessage('setShowOriginal', ({ data }) => fix.setShowOriginal(data));
    onMessage('fixSelection', () => fix.fixSelection());
    onMessage('copyRepairedText', () => fix.copyRepairedText());

    // Reading aids: their code is injected into this frame by the background on first use.
    const readingAids = createReadingAidController(document, (name) => sendMessage('injectReadingAid', name));
    onMessage('getReadingAids', () => readingAids.getStatus());
    onMessage('setReadingAid', ({ data }) => readingAids.set(data));
    onMessage('toggleReadingAid', ({ data }) => readingAids.toggle(data));
    const followReadingAidSettings = createReadingAidSettingsFollower(readingAids);

    // Site rules and preferences, as the page loads and live as they change.
    const configure = (settings: Settings) => {
      const page = resolvePageSettings(settings, location.href);
      fix.configure(page.site);
      followReadingAidSettings(page);
    };
    loadSettings().then(
      ({ settings }) => configure(settings),
      () => fix.configure(DEFAULT_FIX_PAGE_SETTINGS),
    );
    const unwatch = watchSettings(({ settings }) => configure(settings));
    ctx.onInvalidated(() => {
      unwatch();
      fix.stop();
      readingAids.stopAll();
    });
  },
});
