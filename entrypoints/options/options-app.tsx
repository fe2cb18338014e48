import { i18n } from '#i18n';
import { ExtensionHeader } from '@/components/extension-header';

export function OptionsApp() {
  return (
    <main class="qd-options" style={{ maxWidth: '760px', margin: '0 auto', padding: '24px' }}>
      <ExtensionHeader subtitle={i18n.t('optionsTitle')} />
    </main>
  );
}
