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

/** The address used where a frame has none: no site rule matches it. */
const NO_ADDRESS = 'about:blank';

/** The options each aid runs with on `url` (the conversion variant is the site rule's when it names one). */
export function readingAidOptionsFor(settings: Settings, url: string | undefined): ReadingAidOptionsMap {
  const site = resolveSiteSettings(settings, url ?? NO_ADDRESS);
  return {
    pinyin: settings.pinyin,
    conversion: {
      variant: site.conversion === 'off' ? settings.conversion.variant : site.conversion,
      phraseOverrides: settings.conversion.phraseOverrides,
    },
  };
}

/**
 * Everything a frame's pipeline needs from the settings, as plain data: its replacement rules are
 * already selected for the address and checked, so the page compiles them as they are.
 */
export function resolvePageSettings(settings: Settings, url: string | undefined): PageSettings {
  const site = resolveSiteSettings(settings, url ?? NO_ADDRESS);
  return {
    site: { ...site, replacementRules: keepSafeReplacementRules(site.replacementRules) },
    readingAids: readingAidOptionsFor(settings, url),
  };
}

/** Should the page pipeline run in a frame: doubled text may be there and fixing is on, or an aid is always on. */
export function needsPipeline(page: PageSettings, candidate: boolean): boolean {
  return (page.site.fix && candidate) || page.site.pinyin || page.site.conversion !== 'off';
}
