/**
 * The settings that apply in one frame, for its page pipeline. Resolved in the background (which
 * reads, migrates and repairs the stored settings), so no script in a page carries that code, and
 * resolved for the sender's own frame: a page's script never names the address it wants rules for.
 */
import type { ReadingAidOptionsMap } from '@/lib/features/stage-options';
import type { PageSettings } from '@/lib/messaging';
import { keepSafeReplacementRules } from '@/lib/settings/replacement-rules';
import type { Settings } from '@/lib/settings/schema';
import { resolveSiteSettings } from '@/lib/settings/site-rules';
import { fixText } from '@/lib/text/doubled/fix-doubled-text';

/** What the background knows of a message's sender (a subset of `runtime.MessageSender`). */
export interface FrameSender {
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

function isWebAddress(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\//i.test(url);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The address whose site rules apply in the sender's frame. A frame with an address of its own
 * (http or https) uses it; `about:blank`, `about:srcdoc`, `blob:` and `data:` frames run with their
 * creator's origin and get its rules: the tab's page when that is the same origin (a page filling
 * its own frame), else that origin. Undefined when there is none (the defaults apply).
 */
export function frameAddressOf(sender: FrameSender): string | undefined {
  if (isWebAddress(sender.url)) return sender.url;
  const tabUrl = sender.tab?.url;
  const origin = sender.origin && sender.origin !== 'null' ? sender.origin : undefined;
  if (origin) {
    if (isWebAddress(tabUrl) && originOf(tabUrl) === origin) return tabUrl;
    return isWebAddress(`${origin}/`) ? `${origin}/` : undefined;
  }
  // Browsers that give no origin (Firefox) for such a frame: the tab's page.
  return isWebAddress(tabUrl) ? tabUrl : undefined;
}

/** The site settings on `url`; where a frame has no address, the defaults (no site rule applies). */
function siteSettingsOn(settings: Settings, url: string | undefined) {
  return url === undefined
    ? resolveSiteSettings({ ...settings, siteRules: [] }, 'about:blank')
    : resolveSiteSettings(settings, url);
}

/** The options each aid runs with on `url` (the conversion variant is the site rule's when it names one). */
export function readingAidOptionsFor(settings: Settings, url: string | undefined): ReadingAidOptionsMap {
  const site = siteSettingsOn(settings, url);
  return {
    pinyin: settings.pinyin,
    conversion: {
      variant: site.conversion === 'off' ? settings.conversion.variant : site.conversion,
      phraseOverrides: settings.conversion.phraseOverrides,
    },
    lines: {},
  };
}

/**
 * Everything a frame's pipeline needs from the settings, as plain data: its replacement rules are
 * already selected for the address and checked, so the page compiles them as they are.
 */
export function resolvePageSettings(settings: Settings, url: string | undefined): PageSettings {
  const site = siteSettingsOn(settings, url);
  return {
    site: { ...site, replacementRules: keepSafeReplacementRules(site.replacementRules) },
    readingAids: readingAidOptionsFor(settings, url),
  };
}

/**
 * Should the page pipeline run in a frame: fixing is on and there is doubled text to fix (or
 * replacement rules to apply), or a reading aid is always on there.
 */
export function needsPipeline(page: PageSettings, doubled: boolean): boolean {
  const repairs = page.site.fix && (doubled || page.site.replacementRules.length > 0);
  return repairs || page.site.pinyin || page.site.conversion !== 'off' || page.site.joinLines;
}

/**
 * Would the engine fix any of the sentinel's candidates with this site's options? Run here, off
 * the page's main thread. Too many candidates to send is taken as yes.
 */
export function confirmsDoubledText(
  page: PageSettings,
  report: { candidates: readonly string[]; truncated: boolean },
): boolean {
  if (report.truncated) return true;
  return report.candidates.some(
    (text) => typeof text === 'string' && fixText(text, page.site.fixOptions).edits.length > 0,
  );
}
