import { describe, expect, test } from 'vitest';
import {
  confirmsDoubledText,
  frameAddressOf,
  needsPipeline,
  resolvePageSettings,
} from '../../../lib/background/page-settings';
import { EARLY_PAGE_SETTINGS } from '../../../lib/features/page-controller';
import { DEFAULT_SETTINGS, type ReplacementRule, type Settings } from '../../../lib/settings/schema';
import { applyCheckedReplacementRules } from '../../../lib/text/replace/apply-replacement-rules';

function rule(overrides: Partial<ReplacementRule>): ReplacementRule {
  return {
    id: 'r',
    enabled: true,
    find: 'x',
    isRegex: false,
    ignoreCase: false,
    replace: 'y',
    sites: [],
    ...overrides,
  };
}

describe('page settings, resolved in the background for a frame', () => {
  const settings: Settings = {
    ...structuredClone(DEFAULT_SETTINGS),
    siteRules: [{ pattern: 'news.example', fix: true, pinyin: true, conversion: 's2twp', joinLines: false }],
    replacementRules: [
      rule({ id: 'plain', find: '读者来信', replace: '读者来函' }),
      rule({ id: 'backreference', find: '(a)\\1', isRegex: true }),
      rule({ id: 'syntax', find: '(unclosed', isRegex: true }),
      rule({ id: 'off', enabled: false }),
      rule({ id: 'elsewhere', sites: ['other.example'] }),
      rule({ id: 'here', find: '(\\d+)年', isRegex: true, replace: '$1 年', sites: ['news.example'] }),
    ],
  };

  test('carry only the rules that may run on this URL: enabled, scoped here, passing the regex guard', () => {
    const page = resolvePageSettings(settings, 'https://news.example/a');
    expect(page.site.replacementRules.map((r) => r.id)).toEqual(['plain', 'here']);
    expect(resolvePageSettings(settings, 'https://other.example/').site.replacementRules.map((r) => r.id)).toEqual([
      'plain',
      'elsewhere',
    ]);
  });

  test('are plain data that survive messaging: the site rule, its aids and the conversion variant', () => {
    const page = resolvePageSettings(settings, 'https://news.example/a');
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);
    expect(page.site).toMatchObject({ fix: true, pinyin: true, conversion: 's2twp', joinLines: false });
    expect(page.site.rule?.pattern).toBe('news.example');
    expect(page.readingAids.conversion.variant).toBe('s2twp');
  });

  test('the content script side skips a rule that does not compile instead of throwing', () => {
    const rules = [rule({ find: '(unclosed', isRegex: true }), rule({ find: '来信', replace: '来函' })];
    expect(applyCheckedReplacementRules('读者来信', rules).text).toBe('读者来函');
  });
});

describe('frameAddressOf: whose site rules apply in a frame', () => {
  const tab = { id: 3, url: 'https://news.example/front.html' };

  test('a frame with an address of its own uses it', () => {
    expect(frameAddressOf({ url: 'https://news.example/a.html', tab })).toBe('https://news.example/a.html');
    expect(frameAddressOf({ url: 'https://ads.example/x', origin: 'https://ads.example', tab })).toBe(
      'https://ads.example/x',
    );
  });

  test('about:blank and srcdoc frames get their creator’s rules, never an address the page names', () => {
    // Filled by the page itself: the tab's page (same origin), so address-prefix rules match too.
    expect(frameAddressOf({ url: 'about:blank', origin: 'https://news.example', tab })).toBe(tab.url);
    expect(frameAddressOf({ url: 'about:srcdoc', origin: 'https://news.example', tab })).toBe(tab.url);
    // Created by another origin's frame: that origin.
    expect(frameAddressOf({ url: 'about:blank', origin: 'https://ads.example', tab })).toBe('https://ads.example/');
    // A browser that reports no origin for such frames: the tab's page.
    expect(frameAddressOf({ url: 'about:blank', tab })).toBe(tab.url);
    expect(frameAddressOf({ url: 'about:blank', origin: 'null', tab: { id: 3 } })).toBeUndefined();
  });

  test('the defaults apply where there is no address', () => {
    const settings: Settings = {
      ...structuredClone(DEFAULT_SETTINGS),
      siteRules: [{ pattern: '/.*/', fix: false, pinyin: true, conversion: 'off', joinLines: false }],
    };
    expect(resolvePageSettings(settings, undefined).site.fix).toBe(DEFAULT_SETTINGS.siteDefaults.fix);
  });
});

describe('when the page pipeline runs', () => {
  const page = (
    site: Partial<{
      fix: boolean;
      pinyin: boolean;
      conversion: string;
      joinLines: boolean;
      replacementRules: unknown[];
    }>,
  ) =>
    ({
      site: {
        fix: true,
        pinyin: false,
        conversion: 'off',
        joinLines: false,
        replacementRules: [],
        fixOptions: {},
        ...site,
      },
    }) as unknown as Parameters<typeof needsPipeline>[0];

  test('where there is doubled text to fix, rules to apply or an aid always on; never on a clean page otherwise', () => {
    expect(needsPipeline(page({}), true)).toBe(true);
    expect(needsPipeline(page({}), false)).toBe(false);
    expect(needsPipeline(page({ fix: false }), true)).toBe(false);
    expect(needsPipeline(page({ replacementRules: [{}] }), false)).toBe(true);
    expect(needsPipeline(page({ fix: false, replacementRules: [{}] }), false)).toBe(false);
    expect(needsPipeline(page({ pinyin: true }), false)).toBe(true);
    expect(needsPipeline(page({ conversion: 's2t' }), false)).toBe(true);
    expect(needsPipeline(page({ joinLines: true }), false)).toBe(true);
  });

  test('the engine decides on the sentinel’s candidates: legitimate repetition is not doubled text', () => {
    const site = page({});
    expect(confirmsDoubledText(site, { candidates: ['大家高高兴兴，常常研究研究。'], truncated: false })).toBe(false);
    expect(
      confirmsDoubledText(site, { candidates: ['2011年11月11日', '勇勇于于担担当当作作为为'], truncated: false }),
    ).toBe(true);
    expect(confirmsDoubledText(site, { candidates: [], truncated: true })).toBe(true);
  });

  test('a remembered site starts with what the default settings resolve to, so their arrival recomputes nothing', () => {
    const { site } = resolvePageSettings(DEFAULT_SETTINGS, 'https://epaper.example/');
    const early = EARLY_PAGE_SETTINGS.site;
    expect(JSON.stringify([site.fix, site.fixOptions, site.outline, site.replacementRules])).toBe(
      JSON.stringify([early.fix, early.fixOptions, early.outline, early.replacementRules]),
    );
    expect([site.pinyin, site.conversion]).toEqual([early.pinyin, early.conversion]);
  });
});
