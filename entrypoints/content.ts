import { clearDocumentReady, markDocumentReady } from '@/lib/dom/markers';
import { refusePageEvent, SCRIPT_STARTED_EVENT } from '@/lib/dom/page-guard';
import { onMessage } from '@/lib/messaging';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // WXT would otherwise announce the content script to the page with window.postMessage,
  // telling every page the extension id.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // The page must not be able to stop Qingdu by faking WXT's "newer copy started" event.
    refusePageEvent(document, SCRIPT_STARTED_EVENT);
    markDocumentReady(document);
    const stopPing = onMessage('ping', () => ({ ready: true, url: location.href }));
    ctx.onInvalidated(() => {
      stopPing();
      clearDocumentReady(document);
    });
  },
});
