/**
 * Site rules: which features run where. The most specific matching rule wins (see
 * `site-patterns.ts`); the global default applies otherwise.
 */
import type { FixOptions } from '../text/doubled/types';
import { selectKeptOriginals } from './kept-originals';
import { selectReplacementRules } from './replacement-rules';
import type { ReplacementRule, Settings, SiteRule, SiteValues } from './schema';
import { checkSitePattern, matchSitePattern, parseUrl } from './site-patterns';

/** What applies on one page, resolved from the settings. */
export interface SiteSettings extends SiteValues {
  /** The rule that decided, or undefined when the global default applies. */
  rule: SiteRule | undefined;
  /** Options for the text engine, from the detection settings. */
  fixOptions: FixOptions;
  /** Outline fixed passages. */
  outline: boolean;
  /** Replacement rules enabled for this page, in order. */
  replacementRules: ReplacementRule[];
  /** Passages the reader keeps as the page wrote them here (normalised texts). */
  keptOriginals: string[];
}

/** The most specific rule matching `url`; ties go to the rule listed first. */
export function findSiteRule(rules: readonly SiteRule[], url: string | URL): SiteRule | undefined {
  const parsedUrl = parseUrl(url);
  if (!parsedUrl) return undefined;
  let best: SiteRule | undefined;
  let bestSpecificity = -1;
  for (const rule of rules) {
    const check = checkSitePattern(rule.pattern);
    if (!check.ok || check.parsed.specificity <= bestSpecificity) continue;
    if (matchSitePattern(check.parsed, parsedUrl)) {
      best = rule;
      bestSpecificity = check.parsed.specificity;
    }
  }
  return best;
}

export function resolveSiteSettings(settings: Settings, url: string | URL): SiteSettings {
  const rule = findSiteRule(settings.siteRules, url);
  const values = rule ?? settings.siteDefaults;
  const { sensitivity, factors, latin, outline } = settings.detection;
  return {
    fix: values.fix,
    pinyin: values.pinyin,
    conversion: values.conversion,
    joinLines: values.joinLines,
    rule,
    fixOptions: { sensitivity, factors: [...factors], latin },
    outline,
    replacementRules: selectReplacementRules(settings.replacementRules, url),
    keptOriginals: selectKeptOriginals(settings.keptOriginals, url),
  };
}

/** The pattern the popup writes for "always on this site": the page's host name. */
export function suggestSitePattern(url: string | URL): string | undefined {
  const parsedUrl = parseUrl(url);
  if (!parsedUrl || parsedUrl.hostname === '') return undefined;
  return parsedUrl.hostname;
}

/**
 * Set some values of the rule whose pattern is `pattern`, creating it (seeded with what applies
 * there now) when there is none. Returns new settings; the input is not changed.
 * Throws on an invalid pattern: callers pass the popup's host name or a pattern the reader typed
 * and the options page checked.
 */
export function upsertSiteRule(settings: Settings, pattern: string, values: Partial<SiteValues>): Settings {
  const trimmed = pattern.trim();
  const check = checkSitePattern(trimmed);
  if (!check.ok) throw new Error(`Invalid site pattern "${trimmed}": ${check.reason}`);
  const index = settings.siteRules.findIndex((rule) => rule.pattern === trimmed);
  const siteRules = [...settings.siteRules];
  if (index >= 0) {
    siteRules[index] = { ...(siteRules[index] as SiteRule), ...values };
  } else {
    const seed = seedValuesFor(settings, trimmed);
    siteRules.push({ pattern: trimmed, ...seed, ...values });
  }
  return { ...settings, siteRules };
}

export function removeSiteRule(settings: Settings, pattern: string): Settings {
  return { ...settings, siteRules: settings.siteRules.filter((rule) => rule.pattern !== pattern) };
}

/** What currently applies where a new rule is added (for a host: that host's page). */
function seedValuesFor(settings: Settings, pattern: string): SiteValues {
  const check = checkSitePattern(pattern);
  let sampleUrl: string | undefined;
  if (check.ok && (check.parsed.kind === 'domain' || check.parsed.kind === 'subdomains')) {
    sampleUrl = `https://${check.parsed.value}/`;
  } else if (check.ok && check.parsed.kind === 'prefix') {
    sampleUrl = `${check.parsed.scheme ?? 'https:'}//${check.parsed.value}`;
  }
  const rule = sampleUrl ? findSiteRule(settings.siteRules, sampleUrl) : undefined;
  const { fix, pinyin, conversion, joinLines } = rule ?? settings.siteDefaults;
  return { fix, pinyin, conversion, joinLines };
}
