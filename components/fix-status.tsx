import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { sendMessage } from '@/lib/messaging';
import type { TabPanelProps } from './tab-panel';

/**
 * The popup's part for fix doubled text: how many passages are fixed in the tab, and a
 * "Show original" switch (off again = "Fix again").
 */
export function FixStatus({ tabId, status, onStatus }: TabPanelProps) {
  const [busy, setBusy] = useState(false);

  const setShowOriginal = async (showOriginal: boolean) => {
    setBusy(true);
    onStatus({ ...status, showingOriginal: showOriginal });
    try {
      onStatus(await sendMessage('setTabShowOriginal', { tabId, showOriginal }));
    } catch {
      onStatus(status);
    } finally {
      setBusy(false);
    }
  };

  if (status.frames === 0) return null;
  const summary = !status.fixEnabled
    ? i18n.t('fixOff')
    : status.working && !status.showingOriginal && status.fixCount === 0
      ? i18n.t('fixWorking')
      : i18n.t('fixCount', status.fixCount);
  return (
    <section class="qd-fix" data-testid="fix-status">
      <h2 class="qd-fix__heading">{i18n.t('fixHeading')}</h2>
      <p class="qd-fix__count" data-testid="fix-count" data-count={status.fixCount}>
        {summary}
      </p>
      {status.fixEnabled && (
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
