import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import {
  forgetGarbledSite,
  forgetGarbledSites,
  type GarbledSite,
  garbledSitesItem,
  readGarbledSites,
} from '@/lib/background/garbled-sites';
import { Section } from './fields';

/** The list as stored now, following its changes (a site fixed in another tab appears here). */
function useGarbledSites(): GarbledSite[] | undefined {
  const [sites, setSites] = useState<GarbledSite[]>();
  useEffect(() => {
    let live = true;
    const refresh = () => void readGarbledSites().then((next) => live && setSites(next));
    refresh();
    const unwatch = garbledSitesItem.watch(refresh);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return sites;
}

/**
 * Sites where doubled text was fixed: Qingdu starts its pipeline there as the page is parsed. The
 * list stays in this browser (it is a trace of what the reader read): shown here, each site can be
 * forgotten, or all of them.
 */
export function GarbledSitesSection() {
  const sites = useGarbledSites();
  const dateFormat = new Intl.DateTimeFormat(i18n.t('options.garbled.dateLocale'), { dateStyle: 'medium' });
  return (
    <Section id="garbled" title={i18n.t('options.garbled.title')} intro={i18n.t('options.garbled.intro')}>
      {sites === undefined ? null : sites.length === 0 ? (
        <p class="qd-hint" data-testid="garbled-empty">
          {i18n.t('options.garbled.empty')}
        </p>
      ) : (
        <>
          <table class="qd-table" data-testid="garbled-sites">
            <thead>
              <tr>
                <th scope="col">{i18n.t('options.garbled.site')}</th>
                <th scope="col">{i18n.t('options.garbled.seen')}</th>
                <th scope="col">
                  <span class="qd-visually-hidden">{i18n.t('options.garbled.forget')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sites.map((site) => (
                <tr key={site.host} data-testid="garbled-site" data-host={site.host}>
                  <th scope="row">
                    <code>{site.host}</code>
                  </th>
                  <td>{dateFormat.format(site.seen)}</td>
                  <td>
                    <button
                      type="button"
                      class="qd-button qd-button--quiet"
                      data-testid="garbled-forget"
                      aria-label={i18n.t('options.garbled.forgetSite', [site.host])}
                      onClick={() => void forgetGarbledSite(site.host)}
                    >
                      {i18n.t('options.garbled.forget')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            class="qd-button"
            data-testid="garbled-forget-all"
            onClick={() => void forgetGarbledSites()}
          >
            {i18n.t('options.garbled.forgetAll')}
          </button>
        </>
      )}
    </Section>
  );
}
