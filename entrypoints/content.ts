import { i18n } from '#i18n';
import { clearDocumentReady, markDocumentReady } from '@/lib/dom/markers';
import { refusePageEvent, SCRIPT_STARTED_EVENT } from '@/lib/dom/page-guard';
import { createFixController, DEFAULT_FIX_PAGE_SETTINGS } from '@/lib/features/fix-doubled-text-controller';
import { throttleLatest } from '@/lib/features/throttle-latest';
import { type FrameFixStatus, onMessage, sendMessage } from '@/lib/messaging';
import { loadSettings, resolveSiteSettings, watchSettings } from '@/lib/settings';
import { fixText, mightContainDoubledText } from '@/lib/text';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  // As soon as the document is parsed, before images and other subresources load.
  runAt: 'document_end',
  // WXT would otherwise announce the content script to the page with window.postMessage,
  // telling every page the extension id.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // The page must not be able to stop Qingdu by faking WXT's "newer copy started" event.
    refusePageEvent(document, SCRIPT_STARTED_EVENT);
    markDocumentReady(document);
    const stopListening = [onMessage('ping', () => ({ ready: true, url: location.href }))];

    // Fix doubled text, as this site's settings say.
    const documentKey = crypto.randomUUID();
    // A page that rewrites itself non-stop would otherwise make every pass a message to the background.
    const reportStatus = throttleLatest((status: FrameFixStatus) => {
      sendMessage('reportFixStatus', { ...status, documentKey }).catch(() => undefined);
    });
    const fix = createFixController(document, {
      engine: { fixText, mightContainDoubledText },
      originalLabel: i18n.t('fixOriginalLabel'),
      onStatus: reportStatus,
    });
    const configure = (settings: Parameters<typeof resolveSiteSettings>[0]) =>
      fix.configure(resolveSiteSettings(settings, location.href));
    loadSettings().then(
      ({ settings }) => configure(settings),
      () => fix.configure(DEFAULT_FIX_PAGE_SETTINGS),
    );
    const unwatch = watchSettings(({ settings }) => configure(settings));
    stopListening.push(
      onMessage('setShowOriginal', ({ data }) => fix.setShowOriginal(data)),
      onMessage('fixSelection', () => fix.fixSelection()),
      onMessage('copyRepairedText', () => fix.copyRepairedText()),
    );
    ctx.onInvalidated(() => {
      for (const stop of stopListening) stop();
      reportStatus.cancel();
      unwatch();
      fix.stop();
      clearDocumentReady(document);
    });
  },
});
