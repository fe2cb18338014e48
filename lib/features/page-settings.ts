/** The settings that apply to one page, for its content script. */
import type { PageSettings } from '@/lib/messaging';
import type { Settings } from '@/lib/settings/schema';
import { resolveSiteSettings } from '@/lib/settings/site-rules';
import type { ReadingAidOptionsMap } from './reading-aid';

/** The options each aid runs with on `url` (the conversion variant is the site rule's when it names one). */
export function readingAidOptionsFor(settings: Settings, url: string): ReadingAidOptionsMap {
  const site = resolveSiteSettings(settings, url);
  return {
    pinyin: settings.pinyin,
    conversion: {
      variant: site.conversion === 'off' ? settings.conversion.variant : site.conversion,
      phraseOverrides: settings.conversion.phraseOverrides,
    },
  };
}

/** Everything a page's content script needs from the settings. */
export function resolvePageSettings(settings: Settings, url: string): PageSettings {
  return { site: resolveSiteSettings(settings, url), readingAids: readingAidOptionsFor(settings, url) };
}
