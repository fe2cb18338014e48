import { describe, expect, test } from 'vitest';
import { resolvePageSettings } from '../../../lib/features/page-settings';
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

describe('page settings, resolved in the background for a content script', () => {
  const settings: Settings = {
    ...structuredClone(DEFAULT_SETTINGS),
    siteRules: [{ pattern: 'news.example', fix: true, pinyin: true, conversion: 's2twp' }],
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
    expect(page.site).toMatchObject({ fix: true, pinyin: true, conversion: 's2twp' });
    expect(page.site.rule?.pattern).toBe('news.example');
    expect(page.readingAids.conversion.variant).toBe('s2twp');
  });

  test('the content script side skips a rule that does not compile instead of throwing', () => {
    const rules = [rule({ find: '(unclosed', isRegex: true }), rule({ find: '来信', replace: '来函' })];
    expect(applyCheckedReplacementRules('读者来信', rules).text).toBe('读者来函');
  });
});
