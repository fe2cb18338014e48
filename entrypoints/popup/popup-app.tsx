import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ExtensionHeader } from '@/components/extension-header';
import { FixStatus } from '@/components/fix-status';
import { ReadingAidControls } from '@/components/reading-aid-controls';
import { useTabStatus } from '@/components/use-tab-status';
import { findTargetTab } from '@/lib/target-tab';

function TabControls({ tabId }: { tabId: number }) {
  const [status, setStatus] = useTabStatus(tabId);
  if (status === undefined) return null;
  if (status === 'unavailable' || (status.frames === 0 && !status.url)) {
    return (
      <p class="qd-note" data-testid="page-unavailable">
        {i18n.t('pageUnavailable')}
      </p>
    );
  }
  return (
    <>
      <FixStatus tabId={tabId} status={status} onStatus={setStatus} />
      <ReadingAidControls tabId={tabId} status={status} onStatus={setStatus} />
    </>
  );
}

export function PopupApp() {
  const [tabId, setTabId] = useState<number | undefined>();
  useEffect(() => {
    void findTargetTab(location.search).then(setTabId);
  }, []);
  return (
    <main class="qd-popup">
      <ExtensionHeader subtitle={i18n.t('popupTitle')} />
      {tabId !== undefined && <TabControls tabId={tabId} />}
      <footer class="qd-popup__footer">
        <a
          href={browser.runtime.getURL('/options.html')}
          data-testid="open-options"
          onClick={(event) => {
            event.preventDefault();
            void browser.runtime.openOptionsPage();
          }}
        >
          {i18n.t('openOptions')}
        </a>
      </footer>
    </main>
  );
}
