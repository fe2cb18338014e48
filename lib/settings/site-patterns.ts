/**
 * Site patterns, as the reader writes them in a site rule or a replacement rule's scope:
 *
 * - `example.com`         the domain exactly
 * - `*.example.com`       the domain and every subdomain
 * - `example.com/news/`   a URL prefix (a scheme is optional: `https://example.com/news/`)
 * - `/news\/\d+/`         a regular expression tested against the whole URL (flag `i` allowed)
 *
 * The most specific match wins: URL prefix (longer first) > exact domain > domain with subdomains
 * (more labels first) > regular expression; ties go to the rule listed first.
 */
import { checkRegex, type ReaderRegex, type RegexProblem } from './regex-guard';

export type SitePatternKind = 'domain' | 'subdomains' | 'prefix' | 'regex';

export interface ParsedSitePattern {
  kind: SitePatternKind;
  /** Normalised host for `domain` / `subdomains`; normalised prefix (no scheme) for `prefix`. */
  value: string;
  /** `https:` when a prefix was written with its scheme (then only that scheme matches). */
  scheme?: string;
  /** Higher is more specific. */
  specificity: number;
  /** For `regex`: the pattern on the linear-time engine (stateless, so it is safe to cache). */
  regex?: ReaderRegex;
}

export type SitePatternCheck =
  | { ok: true; parsed: ParsedSitePattern }
  | { ok: false; reason: SitePatternError; regexProblem?: RegexProblem; detail?: string };
export type SitePatternError = 'empty' | 'invalid-domain' | 'invalid-url' | 'invalid-regex';

const REGEX_PATTERN = /^\/(.+)\/(i?)$/s;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

const SPECIFICITY_BASE: Record<SitePatternKind, number> = { prefix: 3000, domain: 2000, subdomains: 1000, regex: 0 };

const parsedCache = new Map<string, SitePatternCheck>();

/** Parse and validate a site pattern. Results are cached: patterns are matched on every page load. */
export function checkSitePattern(pattern: string): SitePatternCheck {
  const cached = parsedCache.get(pattern);
  if (cached) return cached;
  const result = parseSitePattern(pattern.trim());
  if (parsedCache.size > 2000) parsedCache.clear();
  parsedCache.set(pattern, result);
  return result;
}

function parseSitePattern(pattern: string): SitePatternCheck {
  if (pattern === '') return { ok: false, reason: 'empty' };
  const regexMatch = REGEX_PATTERN.exec(pattern);
  if (regexMatch) {
    const [, source = '', flags = ''] = regexMatch;
    const check = checkRegex(source, flags === 'i');
    if (!check.ok) return { ok: false, reason: 'invalid-regex', regexProblem: check.reason, detail: check.detail };
    return {
      ok: true,
      parsed: { kind: 'regex', value: source, specificity: SPECIFICITY_BASE.regex, regex: check.regex },
    };
  }
  if (pattern.includes('/')) {
    const withScheme = SCHEME.test(pattern) ? pattern : `http://${pattern}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      return { ok: false, reason: 'invalid-url' };
    }
    if (url.hostname === '') return { ok: false, reason: 'invalid-url' };
    const value = stripScheme(url.href);
    const parsed: ParsedSitePattern = { kind: 'prefix', value, specificity: SPECIFICITY_BASE.prefix + value.length };
    if (SCHEME.test(pattern)) parsed.scheme = url.protocol;
    return { ok: true, parsed };
  }
  const subdomains = pattern.startsWith('*.');
  const host = normaliseHost(subdomains ? pattern.slice(2) : pattern);
  if (host === undefined) return { ok: false, reason: 'invalid-domain' };
  const kind: SitePatternKind = subdomains ? 'subdomains' : 'domain';
  return {
    ok: true,
    parsed: { kind, value: host, specificity: SPECIFICITY_BASE[kind] + host.split('.').length },
  };
}

/** Lower-case, punycode, no trailing dot; undefined when it is not a host name. */
function normaliseHost(raw: string): string | undefined {
  if (raw === '' || /[\s/:@?#*]/.test(raw)) return undefined;
  try {
    const host = new URL(`http://${raw}`).hostname.replace(/\.$/, '');
    return host === '' ? undefined : host;
  } catch {
    return undefined;
  }
}

function stripScheme(href: string): string {
  return href.replace(SCHEME, '');
}

/**
 * Whether `pattern` is written as a regular expression (`/…/` or `/…/i`), whether or not the
 * engine takes it. Stored rules keep such patterns even when the engine refuses them (a rule
 * written for an older Qingdu): they are inactive, and the options page says why.
 */
export function isRegexSitePattern(pattern: string): boolean {
  return REGEX_PATTERN.test(pattern.trim());
}

/** Does `pattern` match the page at `url`? An invalid pattern or URL never matches. */
export function matchSitePattern(pattern: ParsedSitePattern, url: URL): boolean {
  switch (pattern.kind) {
    case 'domain':
      return url.hostname.replace(/\.$/, '') === pattern.value;
    case 'subdomains': {
      const host = url.hostname.replace(/\.$/, '');
      return host === pattern.value || host.endsWith(`.${pattern.value}`);
    }
    case 'prefix':
      if (pattern.scheme !== undefined && pattern.scheme !== url.protocol) return false;
      return stripScheme(url.href).startsWith(pattern.value);
    case 'regex':
      return pattern.regex?.test(url.href) ?? false;
  }
}

export function parseUrl(url: string | URL): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
