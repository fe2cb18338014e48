import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ExtensionHeader } from '@/components/extension-header';
import { FixStatus } from '@/components/fix-status';
import { ReadingAidControls } from '@/components/reading-aid-controls';
import { findTargetTab } from '@/lib/target-tab';

export function PopupApp() {
  const [tabId, setTabId] = useState<number | undefined>();
  useEffect(() => {
    void findTargetTab(location.search).then(setTabId);
  }, []);
  return (
    <main class="qd-popup">
      <ExtensionHeader subtitle={i18n.t('popupTitle')} />
      {tabId !== undefined && <FixStatus tabId={tabId} />}
      {tabId !== undefined && <ReadingAidControls tabId={tabId} />}
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
