import { markDocumentReady } from '@/lib/dom/markers';
import { onMessage } from '@/lib/messaging';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main() {
    markDocumentReady(document);
    onMessage('ping', () => ({ ready: true, url: location.href }));
  },
});
