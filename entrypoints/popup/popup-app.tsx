import { i18n } from '#i18n';
import { ExtensionHeader } from '@/components/extension-header';

export function PopupApp() {
  return (
    <main class="qd-popup" style={{ width: '320px', padding: '12px' }}>
      <ExtensionHeader subtitle={i18n.t('popupTitle')} />
    </main>
  );
}
