/**
 * The settings that apply to one page, for its content script. Resolved in the background (which
 * reads, migrates and repairs the stored settings), so the content script carries none of that code.
 */
import type { PageSettings } from '@/lib/messaging';
import { keepSafeReplacementRules } from '@/lib/settings/replacement-rules';
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

/**
 * Everything a page's content script needs from the settings, as plain data: its replacement rules
 * are already selected for `url` and checked by the regex guard, so the page compiles them as they are.
 */
export function resolvePageSettings(settings: Settings, url: string): PageSettings {
  const site = resolveSiteSettings(settings, url);
  return {
    site: { ...site, replacementRules: keepSafeReplacementRules(site.replacementRules) },
    readingAids: readingAidOptionsFor(settings, url),
  };
}
