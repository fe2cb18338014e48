import { i18n } from '#i18n';
import { clearDocumentReady, markDocumentReady } from '@/lib/dom/markers';
import { refusePageEvent, SCRIPT_STARTED_EVENT } from '@/lib/dom/page-guard';
import { createFixController, DEFAULT_FIX_PAGE_SETTINGS } from '@/lib/features/fix-doubled-text-controller';
import { resolvePageSettings } from '@/lib/features/page-settings';
import { createReadingAidController } from '@/lib/features/reading-aid-controller';
import { createReadingAidSettingsFollower } from '@/lib/features/reading-aid-settings';
import { onMessage, sendMessage } from '@/lib/messaging';
import { loadSettings, type Settings, watchSettings } from '@/lib/settings';
import { fixText, mightContainDoubledText } from '@/lib/text';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  // Start early so reading the settings overlaps with parsing; the first pass runs at
  // DOMContentLoaded (a document_end script is often queued behind the page's first layout).
  runAt: 'document_start',
  // WXT would otherwise announce the content script to the page with window.postMessage,
  // telling every page the extension id.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // The page must not be able to stop Qingdu by faking WXT's "newer copy started" event.
    refusePageEvent(document, SCRIPT_STARTED_EVENT);
    const settingsLoaded = loadSettings();
    if (document.readyState === 'loading') {
      await new Promise((parsed) => document.addEventListener('DOMContentLoaded', parsed, { once: true }));
    }
    markDocumentReady(document);
    const stopListening = [onMessage('ping', () => ({ ready: true, url: location.href }))];

    // Fix doubled text, as this site's settings say.
    const documentKey = crypto.randomUUID();
    const fix = createFixController(document, {
      engine: { fixText, mightContainDoubledText },
      originalLabel: i18n.t('fixOriginalLabel'),
      onStatus: (status) => void sendMessage('reportFixStatus', { ...status, documentKey }).catch(() => undefined),
    });
    stopListening.push(
      onMessage('setShowOriginal', ({ data }) => fix.setShowOriginal(data)),
      onMessage('fixSelection', () => fix.fixSelection()),
      onMessage('copyRepairedText', () => fix.copyRepairedText()),
    );

    // Reading aids: their code is injected into this frame by the background on first use.
    const readingAids = createReadingAidController(document, (name) => sendMessage('injectReadingAid', name));
    stopListening.push(
      onMessage('getReadingAids', () => readingAids.getStatus()),
      onMessage('setReadingAid', ({ data }) => readingAids.set(data)),
      onMessage('toggleReadingAid', ({ data }) => readingAids.toggle(data)),
    );
    const followReadingAidSettings = createReadingAidSettingsFollower(readingAids);

    // Site rules and preferences, as the page loads and live as they change.
    const configure = (settings: Settings) => {
      const page = resolvePageSettings(settings, location.href);
      fix.configure(page.site);
      followReadingAidSettings(page);
    };
    settingsLoaded.then(
      ({ settings }) => configure(settings),
      () => fix.configure(DEFAULT_FIX_PAGE_SETTINGS),
    );
    const unwatch = watchSettings(({ settings }) => configure(settings));
    // Back/forward cache: the page comes back without the content script starting again.
    ctx.addEventListener(window, 'pageshow', (event) => {
      if (event.persisted) fix.announce();
    });
    ctx.onInvalidated(() => {
      for (const stop of stopListening) stop();
      unwatch();
      fix.stop();
      readingAids.stopAll();
      clearDocumentReady(document);
    });
  },
});
