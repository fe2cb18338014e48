import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { ExtensionHeader } from '@/components/extension-header';
import { FixStatus } from '@/components/fix-status';
import { findTargetTab } from '@/lib/target-tab';

export function PopupApp() {
  const [tabId, setTabId] = useState<number | undefined>();
  useEffect(() => {
    void findTargetTab(location.search).then(setTabId);
  }, []);
  return (
    <main class="qd-popup" style={{ width: '320px', padding: '12px' }}>
      <ExtensionHeader subtitle={i18n.t('popupTitle')} />
      {tabId !== undefined && <FixStatus tabId={tabId} />}
    </main>
  );
}
