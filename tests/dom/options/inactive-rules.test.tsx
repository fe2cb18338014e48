import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ReplacementRulesSection } from '../../../components/options/replacement-rules-section';
import { SitesSection } from '../../../components/options/sites-section';
import { createDefaultSettings, type Settings } from '../../../lib/settings/schema';
import { useLocale } from '../../support/locale';

beforeEach(() => useLocale('en'));
afterEach(() => document.body.replaceChildren());

/** Settings an older Qingdu could store: patterns today's regex engine refuses. */
function olderSettings(): Settings {
  const settings = createDefaultSettings();
  settings.siteRules.push(
    { pattern: 'ok.example', fix: true, pinyin: false, conversion: 'off', joinLines: false },
    { pattern: '/paper(?=\\.example)/', fix: false, pinyin: false, conversion: 'off', joinLines: false },
  );
  settings.replacementRules.push(
    { id: 'a', enabled: true, find: '读者', isRegex: false, ignoreCase: false, replace: '读者朋友', sites: [] },
    { id: 'b', enabled: true, find: '(\\d)\\1', isRegex: true, ignoreCase: false, replace: '$1', sites: [] },
  );
  return settings;
}

function mount(node: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}

describe('the options page says why a stored rule is inactive', () => {
  test('a replacement rule with a backreference: beside its Find field, in the reader’s language', async () => {
    for (const [locale, expected] of [
      ['en', 'This rule is inactive until it is corrected: Backreferences such as \\1 are not supported'],
      ['zh_CN', '此规则在修正之前不会生效：不支持反向引用（如 \\1）'],
      ['zh_TW', '此規則在修正之前不會生效：不支援反向參照（如 \\1）'],
    ] as const) {
      vi.restoreAllMocks();
      await useLocale(locale);
      const root = mount(<ReplacementRulesSection settings={olderSettings()} change={() => undefined} />);
      const [good, refused] = root.querySelectorAll('[data-testid="replacement-rule"]');
      expect(good?.querySelector('.qd-error')).toBeNull();
      const find = refused?.querySelector<HTMLInputElement>('[data-testid="rule-find"]');
      expect(find?.getAttribute('aria-invalid')).toBe('true');
      const message = root.querySelector(`#${CSS.escape(find?.getAttribute('aria-describedby') ?? '')}`);
      expect(message?.textContent).toContain(expected);
      document.body.replaceChildren();
    }
  });

  test('a site rule with a lookahead: in its row', () => {
    const root = mount(<SitesSection settings={olderSettings()} change={() => undefined} save={() => undefined} />);
    const rows = root.querySelectorAll('[data-testid="site-rule"]');
    expect(rows[0]?.querySelector('[data-testid="site-rule-inactive"]')).toBeNull();
    expect(rows[1]?.querySelector('[data-testid="site-rule-inactive"]')?.textContent).toBe(
      'Inactive: Lookahead and lookbehind such as (?=\\.example) are not supported: Qingdu runs regular expressions on an engine that can never hang a page, and that engine cannot match them.',
    );
  });
});
