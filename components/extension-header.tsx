import { browser } from 'wxt/browser';
import { i18n } from '#i18n';

/** The extension's name and version, shown at the top of the popup and options page. */
export function ExtensionHeader({ subtitle }: { subtitle: string }) {
  const { version } = browser.runtime.getManifest();
  return (
    <header class="qd-header">
      <img class="qd-header__icon" src="/icon/48.png" alt="" width={32} height={32} />
      <div>
        <h1 class="qd-header__name">{i18n.t('extName')}</h1>
        <p class="qd-header__meta">
          <span>{subtitle}</span> · <span data-testid="version">{i18n.t('version', [version])}</span>
        </p>
      </div>
    </header>
  );
}
