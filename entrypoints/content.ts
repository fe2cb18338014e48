import { markDocumentReady } from '@/lib/dom/markers';
import { createReadingAidController } from '@/lib/features/reading-aid-controller';
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
    ctx.onInvalidated(() => readingAids.stopAll());
  },
});
