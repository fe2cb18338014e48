import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { sendMessage, type TabFixStatus } from '@/lib/messaging';

/**
 * The popup's part for fix doubled text: how many passages are fixed in the tab, and a
 * "Show original" switch (off again = "Fix again").
 */
export function FixStatus({ tabId }: { tabId: number }) {
  const [status, setStatus] = useState<TabFixStatus | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const refresh = () =>
      sendMessage('getTabFixStatus', tabId)
        .then((next) => live && setStatus(next))
        .catch(() => undefined);
    void refresh();
    // The background keeps each tab's status in session storage; follow it while the popup is open.
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && `fix-status:${tabId}` in changes) void refresh();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId]);

  const setShowOriginal = async (showOriginal: boolean) => {
    setBusy(true);
    setStatus((current) => current && { ...current, showingOriginal: showOriginal });
    try {
      setStatus(await sendMessage('setTabShowOriginal', { tabId, showOriginal }));
    } finally {
      setBusy(false);
    }
  };

  if (!status || status.frames === 0) return null;
  const summary = !status.enabled
    ? i18n.t('fixOff')
    : status.working && !status.showingOriginal
      ? i18n.t('fixWorking')
      : i18n.t('fixCount', status.count);
  return (
    <section class="qd-fix" data-testid="fix-status">
      <h2 class="qd-fix__heading">{i18n.t('fixHeading')}</h2>
      <p class="qd-fix__count" data-testid="fix-count" data-count={status.count}>
        {summary}
      </p>
      {status.enabled && (
        <div class="qd-fix__actions">
          <label class="qd-fix__switch">
            <input
              type="checkbox"
              role="switch"
              aria-checked={status.showingOriginal}
              data-testid="fix-show-original"
              checked={status.showingOriginal}
              disabled={busy}
              onChange={(event) => void setShowOriginal((event.currentTarget as HTMLInputElement).checked)}
            />
            {i18n.t('fixShowOriginal')}
          </label>
          {status.showingOriginal && (
            <button type="button" data-testid="fix-again" disabled={busy} onClick={() => void setShowOriginal(false)}>
              {i18n.t('fixAgain')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
