import { i18n } from '#i18n';
import { ExtensionHeader } from '@/components/extension-header';
import { BackupSection } from '@/components/options/backup-section';
import { DetectionSection } from '@/components/options/detection-section';
import { GarbledSitesSection } from '@/components/options/garbled-sites-section';
import { KeptOriginalsSection } from '@/components/options/kept-originals-section';
import { ConversionSection, PinyinSection } from '@/components/options/reading-aids-section';
import { ReplacementRulesSection } from '@/components/options/replacement-rules-section';
import { SitesSection } from '@/components/options/sites-section';
import { StorageBanner } from '@/components/options/storage-banner';
import { TryItSection } from '@/components/options/try-it-section';
import { type SaveStatus, useSettings } from '@/components/use-settings';

function describeStatus(status: SaveStatus): string {
  switch (status.state) {
    case 'idle':
      return '';
    case 'saving':
      return i18n.t('options.status.saving');
    case 'saved':
      return status.area === 'sync' ? i18n.t('options.status.saved') : i18n.t('options.status.savedLocal');
    case 'failed':
      return i18n.t('options.status.failed', [status.detail]);
  }
}

const SECTIONS = [
  ['sites', () => i18n.t('options.sites.title')],
  ['detection', () => i18n.t('options.detection.title')],
  ['kept', () => i18n.t('options.kept.title')],
  ['garbled', () => i18n.t('options.garbled.title')],
  ['pinyin', () => i18n.t('options.pinyin.title')],
  ['conversion', () => i18n.t('options.conversion.title')],
  ['replacements', () => i18n.t('options.replacements.title')],
  ['try-it', () => i18n.t('options.tryIt.title')],
  ['backup', () => i18n.t('options.backup.title')],
] as const;

export function OptionsApp() {
  const { loaded, status, save, change } = useSettings();
  return (
    <div class="qd-options">
      <div class="qd-options__top">
        <ExtensionHeader subtitle={i18n.t('optionsTitle')} />
        <p class="qd-status" role="status" aria-live="polite" data-testid="save-status" data-state={status.state}>
          {describeStatus(status)}
        </p>
      </div>
      <nav class="qd-nav" aria-label={i18n.t('options.nav')}>
        <ul>
          {SECTIONS.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title()}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main class="qd-main" data-testid="options" data-loaded={loaded ? 'true' : 'false'} aria-busy={!loaded}>
        {loaded && (
          <>
            <StorageBanner problems={loaded.problems} />
            <SitesSection settings={loaded.settings} change={change} save={save} />
            <DetectionSection settings={loaded.settings} change={change} />
            <KeptOriginalsSection settings={loaded.settings} change={change} />
            <GarbledSitesSection />
            <PinyinSection settings={loaded.settings} change={change} />
            <ConversionSection settings={loaded.settings} change={change} />
            <ReplacementRulesSection settings={loaded.settings} change={change} />
            <TryItSection settings={loaded.settings} />
            <BackupSection settings={loaded.settings} save={save} />
          </>
        )}
      </main>
    </div>
  );
}
