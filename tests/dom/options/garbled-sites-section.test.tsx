import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GarbledSitesSection } from '../../../components/options/garbled-sites-section';
import { garbledSitesItem, readGarbledSites, rememberGarbledSite } from '../../../lib/background/garbled-sites';
import { useLocale } from '../../support/locale';

const settle = () => new Promise((resume) => setTimeout(resume, 10));

function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(<GarbledSitesSection />, root);
  return root;
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('the options page’s sites with doubled text', () => {
  test.each(['en', 'zh_CN', 'zh_TW'])(
    'lists the remembered sites with when, and says so when there are none (%s)',
    async (locale) => {
      await useLocale(locale);
      const root = mount();
      await settle();
      expect(root.querySelector('[data-testid="garbled-empty"]')?.textContent).not.toBe('');
      await rememberGarbledSite('https://paper.example/a', Date.UTC(2026, 10, 20));
      await rememberGarbledSite('http://news.example/b', Date.UTC(2026, 10, 28));
      await settle();
      const rows = [...root.querySelectorAll('[data-testid="garbled-site"]')];
      expect(rows.map((row) => row.getAttribute('data-host'))).toEqual(['news.example', 'paper.example']);
      for (const row of rows) expect(row.querySelector('td')?.textContent).toMatch(/2026/);
      const forget = rows[0]?.querySelector('button');
      expect(forget?.getAttribute('aria-label')).toContain('news.example');
      expect(forget?.textContent).not.toBe('');
    },
  );

  test('Forget removes one site, Forget all the rest; the stored list follows', async () => {
    await useLocale('en');
    await rememberGarbledSite('https://paper.example/a', 1);
    await rememberGarbledSite('https://news.example/b', 2);
    const root = mount();
    await settle();
    (root.querySelector('[data-host="news.example"] button') as HTMLButtonElement).click();
    await settle();
    expect((await readGarbledSites()).map((site) => site.host)).toEqual(['paper.example']);
    expect(root.querySelectorAll('[data-testid="garbled-site"]')).toHaveLength(1);
    (root.querySelector('[data-testid="garbled-forget-all"]') as HTMLButtonElement).click();
    await settle();
    expect(await garbledSitesItem.getValue()).toEqual([]);
    expect(root.querySelector('[data-testid="garbled-empty"]')).not.toBeNull();
  });
});
