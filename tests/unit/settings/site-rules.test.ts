import { describe, expect, test } from 'vitest';
import { createDefaultSettings, type SiteRule } from '../../../lib/settings/schema';
import { checkSitePattern } from '../../../lib/settings/site-patterns';
import {
  findSiteRule,
  resolveSiteSettings,
  suggestSitePattern,
  upsertSiteRule,
} from '../../../lib/settings/site-rules';

const rule = (pattern: string, fix = true): SiteRule => ({
  pattern,
  fix,
  pinyin: false,
  conversion: 'off',
  joinLines: false,
});

describe('site patterns', () => {
  test.each([
    ['example.com', 'domain'],
    ['*.example.com', 'subdomains'],
    ['example.com/news/', 'prefix'],
    ['https://example.com/news/', 'prefix'],
    ['/news\\/\\d+/', 'regex'],
    ['/NEWS/i', 'regex'],
    ['例子.中国', 'domain'],
  ])('%s is a %s pattern', (pattern, kind) => {
    const check = checkSitePattern(pattern);
    expect(check.ok && check.parsed.kind).toBe(kind);
  });

  test.each([
    ['', 'empty'],
    ['exa mple.com', 'invalid-domain'],
    ['*.', 'invalid-domain'],
    ['/(unclosed/', 'invalid-regex'],
    ['/(a)\\1/', 'invalid-regex'],
    ['http://', 'invalid-url'],
  ])('%j is rejected as %s', (pattern, reason) => {
    const check = checkSitePattern(pattern);
    expect(check.ok ? 'ok' : check.reason).toBe(reason);
  });
});

describe('rule matching', () => {
  test('a domain matches that host only, on any scheme and port', () => {
    const rules = [rule('news.example.com')];
    expect(findSiteRule(rules, 'https://news.example.com/a')).toBe(rules[0]);
    expect(findSiteRule(rules, 'http://news.example.com:8080/')).toBe(rules[0]);
    expect(findSiteRule(rules, 'https://example.com/')).toBeUndefined();
    expect(findSiteRule(rules, 'https://www.news.example.com/')).toBeUndefined();
    expect(findSiteRule(rules, 'https://news.example.com.evil.test/')).toBeUndefined();
  });

  test('a domain with subdomains matches the domain and its subdomains, not look-alikes', () => {
    const rules = [rule('*.example.com')];
    expect(findSiteRule(rules, 'https://example.com/')).toBe(rules[0]);
    expect(findSiteRule(rules, 'https://a.b.example.com/')).toBe(rules[0]);
    expect(findSiteRule(rules, 'https://badexample.com/')).toBeUndefined();
  });

  test('a URL prefix matches by prefix; with a scheme, that scheme only', () => {
    const any = [rule('example.com/news/')];
    expect(findSiteRule(any, 'http://example.com/news/1.html')).toBe(any[0]);
    expect(findSiteRule(any, 'https://example.com/sport/')).toBeUndefined();
    const https = [rule('https://example.com/news/')];
    expect(findSiteRule(https, 'https://example.com/news/1.html')).toBe(https[0]);
    expect(findSiteRule(https, 'http://example.com/news/1.html')).toBeUndefined();
  });

  test('a regex is tested against the whole URL', () => {
    const rules = [rule('/\\/epaper\\/\\d{8}\\//')];
    expect(findSiteRule(rules, 'https://paper.example/epaper/20261125/a.html')).toBe(rules[0]);
    expect(findSiteRule(rules, 'https://paper.example/epaper/latest/')).toBeUndefined();
  });

  test('a regex rule matches the same address on every load, not every other one', () => {
    // Regression: the compiled pattern was cached with the `g` flag, so `test` carried `lastIndex`
    // from one call to the next (match, no match, match).
    const rules = [rule('/paper\\.example/'), rule('/EPAPER/i')];
    for (let load = 0; load < 4; load++) {
      expect(findSiteRule(rules, 'https://paper.example/a.html')).toBe(rules[0]);
      expect(findSiteRule([rules[1] as SiteRule], 'https://x.test/epaper/1')).toBe(rules[1]);
    }
  });

  test('IDN patterns match the punycode host the browser reports', () => {
    const rules = [rule('例子.中国')];
    expect(findSiteRule(rules, 'https://xn--fsqu00a.xn--fiqs8s/')).toBe(rules[0]);
  });

  test('the most specific rule wins regardless of order: prefix > domain > subdomains > regex', () => {
    const regex = rule('/example/', false);
    const subdomains = rule('*.example.com', true);
    const domain = rule('news.example.com', false);
    const prefix = rule('news.example.com/epaper/', true);
    const longerPrefix = rule('news.example.com/epaper/2026/', false);
    const rules = [regex, longerPrefix, subdomains, prefix, domain];
    expect(findSiteRule(rules, 'https://news.example.com/epaper/2026/1.html')).toBe(longerPrefix);
    expect(findSiteRule(rules, 'https://news.example.com/epaper/2025/1.html')).toBe(prefix);
    expect(findSiteRule(rules, 'https://news.example.com/sport')).toBe(domain);
    expect(findSiteRule(rules, 'https://www.example.com/')).toBe(subdomains);
    expect(findSiteRule(rules, 'https://example.org/')).toBe(regex);
  });

  test('deeper subdomain patterns beat shallower ones; ties go to the first listed', () => {
    const shallow = rule('*.example.com');
    const deep = rule('*.news.example.com');
    expect(findSiteRule([shallow, deep], 'https://a.news.example.com/')).toBe(deep);
    const first = rule('/a/');
    const second = rule('/b/');
    expect(findSiteRule([first, second], 'https://ab.test/')).toBe(first);
  });

  test('an invalid rule or URL never matches and never throws', () => {
    expect(findSiteRule([rule('/(/')], 'https://x.test/')).toBeUndefined();
    expect(findSiteRule([rule('x.test')], 'not a url')).toBeUndefined();
  });
});

describe('resolveSiteSettings', () => {
  test('the global default applies where no rule matches', () => {
    const settings = createDefaultSettings();
    settings.siteDefaults = { fix: false, pinyin: true, conversion: 's2tw', joinLines: false };
    const resolved = resolveSiteSettings(settings, 'https://example.com/');
    expect(resolved).toMatchObject({ fix: false, pinyin: true, conversion: 's2tw', rule: undefined });
  });

  test('a matching rule decides, and detection maps onto the engine options', () => {
    const settings = createDefaultSettings();
    settings.siteRules.push({ pattern: 'example.com', fix: false, pinyin: true, conversion: 't2s', joinLines: false });
    settings.detection = { sensitivity: 'balanced', factors: [2], latin: false, outline: false };
    const resolved = resolveSiteSettings(settings, 'https://example.com/x');
    expect(resolved).toMatchObject({ fix: false, pinyin: true, conversion: 't2s', outline: false });
    expect(resolved.fixOptions).toEqual({ sensitivity: 'balanced', factors: [2], latin: false });
  });

  test('replacement rules are scoped to their sites', () => {
    const settings = createDefaultSettings();
    const base = { enabled: true, isRegex: false, ignoreCase: false, replace: 'y' };
    settings.replacementRules.push(
      { ...base, id: 'everywhere', find: 'a', sites: [] },
      { ...base, id: 'here', find: 'b', sites: ['example.com'] },
      { ...base, id: 'elsewhere', find: 'c', sites: ['other.test'] },
      { ...base, id: 'off', find: 'd', sites: [], enabled: false },
    );
    const ids = resolveSiteSettings(settings, 'https://example.com/').replacementRules.map((r) => r.id);
    expect(ids).toEqual(['everywhere', 'here']);
  });

  test('a replacement rule scoped by a regex applies on every load of the same address', () => {
    const settings = createDefaultSettings();
    settings.replacementRules.push({
      id: 'scoped',
      enabled: true,
      isRegex: false,
      ignoreCase: false,
      find: 'a',
      replace: 'b',
      sites: ['/paper\\.example\\/\\d+/'],
    });
    for (let load = 0; load < 4; load++) {
      const ids = resolveSiteSettings(settings, 'https://paper.example/2026/').replacementRules.map((r) => r.id);
      expect({ load, ids }).toEqual({ load, ids: ['scoped'] });
    }
  });
});

describe('upsertSiteRule (the popup’s "always on this site")', () => {
  test('creates a rule seeded with what applies there now, then updates it in place', () => {
    const settings = createDefaultSettings();
    settings.siteRules.push({
      pattern: '*.example.com',
      fix: false,
      pinyin: false,
      conversion: 's2hk',
      joinLines: false,
    });
    const pattern = suggestSitePattern('https://news.example.com/a?b#c') as string;
    expect(pattern).toBe('news.example.com');
    const once = upsertSiteRule(settings, pattern, { pinyin: true });
    expect(once.siteRules[1]).toEqual({ pattern, fix: false, pinyin: true, conversion: 's2hk', joinLines: false });
    const twice = upsertSiteRule(once, pattern, { conversion: 'off' });
    expect(twice.siteRules).toHaveLength(2);
    expect(twice.siteRules[1]).toEqual({ pattern, fix: false, pinyin: true, conversion: 'off', joinLines: false });
    expect(settings.siteRules).toHaveLength(1); // input untouched
  });

  test('rejects an invalid pattern', () => {
    expect(() => upsertSiteRule(createDefaultSettings(), 'bad host', { fix: true })).toThrow(/Invalid site pattern/);
  });
});
