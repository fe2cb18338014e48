import { render } from 'preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { KeptOriginalsSection } from '../../../components/options/kept-originals-section';
import { createDefaultSettings, type Settings } from '../../../lib/settings/schema';
import { useLocale } from '../../support/locale';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

const LONG = `人人民民网网讯讯 ${'近日，记者从市里获悉。'.repeat(8)}`;

function withKept(): Settings {
  const settings = createDefaultSettings();
  settings.keptOriginals = [
    { site: 'paper.example', text: '勇勇于于担担当当' },
    { site: 'news.example', text: LONG },
  ];
  return settings;
}

function mount(settings: Settings, change: (mutate: (draft: Settings) => void) => unknown): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(<KeptOriginalsSection settings={settings} change={change} />, root);
  return root;
}

describe('the options page’s kept originals', () => {
  test.each(['en', 'zh_CN', 'zh_TW'])(
    'lists each passage with its site, and names each Remove button (%s)',
    async (locale) => {
      await useLocale(locale);
      const root = mount(withKept(), () => undefined);
      expect(root.querySelector('h2')?.textContent).not.toBe('');
      const rows = [...root.querySelectorAll('[data-testid="kept-original"]')];
      expect(rows.map((row) => [row.querySelector('th')?.textContent, row.querySelector('code')?.textContent])).toEqual(
        [
          ['勇勇于于担担当当', 'paper.example'],
          [LONG, 'news.example'],
        ],
      );
      const names = [...root.querySelectorAll('[data-testid="kept-remove"]')].map((b) => b.getAttribute('aria-label'));
      expect(names[0]).toContain('勇勇于于担担当当');
      expect(names[0]).toContain('paper.example');
      // A long passage is named by its start.
      expect(names[1]).toContain(`${[...LONG].slice(0, 24).join('')}…`);
      expect(names[1]).not.toContain(LONG);
    },
  );

  test('Remove takes exactly that entry away', async () => {
    await useLocale('en');
    let draft = withKept();
    const change = (mutate: (settings: Settings) => void) => {
      draft = structuredClone(draft);
      mutate(draft);
    };
    const root = mount(withKept(), change);
    (root.querySelectorAll('[data-testid="kept-remove"]')[0] as HTMLButtonElement).click();
    expect(draft.keptOriginals).toEqual([{ site: 'news.example', text: LONG }]);
  });

  test('with nothing kept, it says how to keep a passage', async () => {
    await useLocale('en');
    const root = mount(createDefaultSettings(), () => undefined);
    expect(root.querySelector('table')).toBeNull();
    expect(root.querySelector('[data-testid="kept-empty"]')?.textContent).toContain('Keep the original');
  });
});
