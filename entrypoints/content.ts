import type { GeneratedI18nStructure } from '#i18n';
import { createRandomId } from '@/lib/browser-compat';
import { clearDocumentReady, markDocumentReady } from '@/lib/dom/markers';
import { refusePageEvent, SCRIPT_STARTED_EVENT } from '@/lib/dom/page-guard';
import { createFixController, DEFAULT_FIX_PAGE_SETTINGS } from '@/lib/features/fix-doubled-text-controller';
import { createReadingAidController } from '@/lib/features/reading-aid-controller';
import { createReadingAidSettingsFollower } from '@/lib/features/reading-aid-settings';
import { onMessage, type PageSettings, sendMessage } from '@/lib/messaging';
import { fixText, mightContainDoubledText } from '@/lib/text/doubled/fix-doubled-text';

/**
 * The one message this script shows. Read straight from `browser.i18n`: @wxt-dev/i18n's runtime would
 * add ~0.9 KB to every page for a plain message; the key is still checked against the locales.
 */
const ORIGINAL_LABEL_MESSAGE = 'fixOriginalLabel' satisfies keyof GeneratedI18nStructure;

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
    // The background reads and resolves the settings (this script carries no settings code).
    const askPageSettings = () => sendMessage('getPageSettings', location.href);
    const settingsLoaded = askPageSettings();
    if (document.readyState === 'loading') {
      await new Promise((parsed) => document.addEventListener('DOMContentLoaded', parsed, { once: true }));
    }
    markDocumentReady(document);
    const stopListening = [onMessage('ping', () => ({ ready: true, url: location.href }))];

    // Fix doubled text, as this site's settings say.
    const documentKey = createRandomId();
    const fix = createFixController(document, {
      engine: { fixText, mightContainDoubledText },
      originalLabel: browser.i18n.getMessage(ORIGINAL_LABEL_MESSAGE),
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
    let asked = 0;
    const configure = (page: PageSettings) => {
      fix.configure(page.site);
      followReadingAidSettings(page);
    };
    settingsLoaded.then(
      (page) => {
        if (asked === 0) configure(page);
      },
      () => {
        if (asked === 0) fix.configure(DEFAULT_FIX_PAGE_SETTINGS);
      },
    );
    // A settings change (from any context) only triggers a fresh ask; the newest answer wins.
    // Keys: lib/settings/storage.ts's `settings` (+ its version `settings$`) and `settingsLocation`.
    const onStorageChanged = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'sync' && area !== 'local') return;
      if (!Object.keys(changes).some((key) => key.startsWith('settings'))) return;
      const current = ++asked;
      askPageSettings().then(
        (page) => {
          if (current === asked) configure(page);
        },
        () => undefined,
      );
    };
    browser.storage.onChanged.addListener(onStorageChanged);
    const unwatch = () => browser.storage.onChanged.removeListener(onStorageChanged);
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
