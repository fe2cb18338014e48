import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { TAB_STATUS_KEY_PREFIX } from '@/lib/background/tab-status';
import { sendMessage, type TabStatus } from '@/lib/messaging';

/**
 * A tab's state (all frames together), kept current while the popup is open: the background keeps
 * each tab's state in session storage, and the popup follows its changes. `undefined` until the
 * first answer, `'unavailable'` when the background cannot tell.
 */
export function useTabStatus(tabId: number): [TabStatus | 'unavailable' | undefined, (next: TabStatus) => void] {
  const [status, setStatus] = useState<TabStatus | 'unavailable'>();
  useEffect(() => {
    let live = true;
    const refresh = () =>
      sendMessage('getTabStatus', tabId).then(
        (next) => live && setStatus(next),
        () => live && setStatus('unavailable'),
      );
    void refresh();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && `${TAB_STATUS_KEY_PREFIX}${tabId}` in changes) void refresh();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId]);
  return [status, setStatus];
}
