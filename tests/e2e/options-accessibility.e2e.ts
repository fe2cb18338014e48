/**
 * The options page checked with axe-core (WCAG 2 A/AA rules) in light and dark mode, with rules,
 * errors and the reset confirmation showing, and operated from the keyboard alone.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type E2eEnvironment, startE2e } from './support';

const require = createRequire(import.meta.url);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

async function runAxe(page: Page, axeSource: string): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, so the page's strict CSP does not apply to the test tool.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  });
}

describe('the options page is accessible', () => {
  let env: E2eEnvironment;
  let axeSource: string;
  beforeAll(async () => {
    env = await startE2e();
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  });
  afterAll(async () => {
    await env?.close();
  });

  test.each(['light', 'dark'] as const)(
    'no WCAG A/AA violations in %s mode, errors and confirmation included',
    async (scheme) => {
      const options = await env.openExtensionPage('options.html');
      await options.emulateMedia({ colorScheme: scheme });
      await options.locator('[data-loaded="true"]').waitFor();
      await options.getByTestId('site-pattern-input').fill('news.example.com');
      await options.getByTestId('site-add').click();
      await options.getByTestId('site-pattern-input').fill('not a domain');
      await options.getByTestId('site-add').click();
      const form = options.getByTestId('replacement-new');
      await form.getByTestId('rule-find').fill('(a+)+');
      await form.getByTestId('rule-regex').check();
      await form.getByTestId('rule-save').click();
      await options.getByTestId('try-it-input').fill('勇勇于于担担当当');
      await options.getByTestId('reset').click();
      await options.getByTestId('reset-confirm').waitFor();
      expect(await runAxe(options, axeSource)).toEqual([]);
      await options.close();
    },
  );

  test('a site rule can be added and switched from the keyboard alone', async () => {
    await env.browser.serviceWorker.evaluate(() => chrome.storage.sync.clear());
    const options = await env.openExtensionPage('options.html');
    await options.locator('[data-loaded="true"]').waitFor();
    await options.getByTestId('site-pattern-input').focus();
    await options.keyboard.type('keyboard.example');
    await options.keyboard.press('Enter');
    const row = options.locator('[data-testid="site-rule"][data-pattern="keyboard.example"]');
    await row.waitFor();
    await row.getByTestId('site-fix').focus();
    await options.keyboard.press('Space');
    await expect
      .poll(() =>
        env.browser.serviceWorker.evaluate(async () => {
          const { settings } = await chrome.storage.sync.get('settings');
          return (settings as { siteRules: { pattern: string; fix: boolean }[] }).siteRules;
        }),
      )
      .toEqual([{ pattern: 'keyboard.example', fix: false, pinyin: false, conversion: 'off', joinLines: false }]);
    await options.close();
  });
});
