/**
 * The sentinel, the one script every http(s) page gets (all frames, `about:blank` frames included;
 * declared in the manifest by wxt.config.ts). Kept tiny: the prefilter, the walk that feeds it, an
 * observer for new content and one message (lib/features/sentinel.ts). It speaks the extension's
 * message format with the browser's own promise API, without the polyfill, which would be most of
 * its size (see lib/sentinel-messaging.ts).
 */
import { startSentinel } from '@/lib/features/sentinel';
import { getWorldState } from '@/lib/isolated-world';
import { sendRawMessage } from '@/lib/sentinel-messaging';

export default defineUnlistedScript(() => {
  const { documentKey } = getWorldState();
  startSentinel(document, {
    report: (findings) => sendRawMessage('sentinelReport', { documentKey, ...findings }),
  });
});
