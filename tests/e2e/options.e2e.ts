import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SETTINGS_VERSION, type Settings } from '../../lib/settings/schema';
import { type E2eEnvironment, startE2e } from './support';

/** The raw stored settings (and version) in the extension's sync and local storage. */
async function readStorage(env: E2eEnvironment) {
  return env.browser.serviceWorker.evaluate(async () => ({
    sync: await chrome.storage.sync.get(null),
    local: await chrome.storage.local.get(null),
  }));
}

async function storedSettings(env: E2eEnvironment): Promise<Settings | undefined> {
  return (await readStorage(env)).sync.settings as Settings | undefined;
}

async function openOptions(env: E2eEnvironment): Promise<Page> {
  const page = await env.openExtensionPage('options.html');
  await page.getByTestId('options').and(page.locator('[data-loaded="true"]')).waitFor();
  return page;
}

describe('the options page', () => {
  let env: E2eEnvironment;
  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => {
    await env?.close();
  });
  beforeEach(async () => {
    await env.resetStorage();
  });

  test('adding a site rule stores it, and the page shows it after a reload', async () => {
    const options = await openOptions(env);
    const host = new URL(env.server.url('/basic.html')).hostname;
    await options.getByTestId('site-pattern-input').fill(host);
    await options.getByTestId('site-add').click();
    const row = options.locator(`[data-testid="site-rule"][data-pattern="${host}"]`);
    await expect.poll(() => row.count()).toBe(1);
    // The new rule starts from the global default (fix on); switch fixing off for this site.
    await row.getByTestId('site-fix').uncheck();
    await expect
      .poll(async () => (await storedSettings(env))?.siteRules)
      .toEqual([{ pattern: host, fix: false, pinyin: false, conversion: 'off', joinLines: false }]);
    await options.reload();
    await options.getByTestId('options').and(options.locator('[data-loaded="true"]')).waitFor();
    const reloaded = options.locator(`[data-testid="site-rule"][data-pattern="${host}"]`);
    expect(await reloaded.getByTestId('site-fix').isChecked()).toBe(false);
    await options.close();
  });

  test('an invalid site pattern is refused with its reason', async () => {
    const options = await openOptions(env);
    await options.getByTestId('site-pattern-input').fill('/(unclosed/');
    await options.getByTestId('site-add').click();
    await expect.poll(() => options.locator('#sites .qd-error').textContent()).toContain('does not compile');
    expect(await options.getByTestId('site-pattern-input').getAttribute('aria-invalid')).toBe('true');
    expect(await storedSettings(env)).toBeUndefined();
    await options.close();
  });

  test('an invalid regex shows its error next to the field while other settings still save', async () => {
    const options = await openOptions(env);
    const form = options.getByTestId('replacement-new');
    await form.getByTestId('rule-find').fill('(unclosed');
    await form.getByTestId('rule-regex').check();
    await form.getByTestId('rule-save').click();
    const findError = form.locator('.qd-error');
    await expect.poll(() => findError.textContent()).toContain('does not compile');
    expect(await form.getByTestId('rule-find').getAttribute('aria-invalid')).toBe('true');

    // A pattern the linear-time engine cannot run is refused too, naming the part and why.
    await form.getByTestId('rule-find').fill('(a+)\\1');
    await form.getByTestId('rule-save').click();
    await expect.poll(() => findError.textContent()).toContain('Backreferences such as \\1 are not supported');

    // Meanwhile the rest of the settings save normally.
    await options.locator('input[name="sensitivity"][value="balanced"]').check();
    await expect.poll(async () => (await storedSettings(env))?.detection.sensitivity).toBe('balanced');
    expect((await storedSettings(env))?.replacementRules).toEqual([]);
    // The draft with its error is still there for the reader to correct.
    expect(await form.getByTestId('rule-find').inputValue()).toBe('(a+)\\1');

    // Corrected, it saves.
    await form.getByTestId('rule-find').fill('(\\d+)号');
    await form.getByTestId('rule-replace').fill('$1日');
    await form.getByTestId('rule-save').click();
    await expect
      .poll(async () => (await storedSettings(env))?.replacementRules.map((rule) => [rule.find, rule.replace]))
      .toEqual([['(\\d+)号', '$1日']]);
    await options.close();
  });

  test('importing a malformed or hostile file changes nothing and says why', async () => {
    const options = await openOptions(env);
    await options.locator('input[name="sensitivity"][value="aggressive"]').check();
    await expect.poll(async () => (await storedSettings(env))?.detection.sensitivity).toBe('aggressive');
    const before = await readStorage(env);

    const files: [string, string, RegExp][] = [
      ['broken.json', '{"format": "qingdu-settings", "version": 2, "settings": {', /not valid JSON/],
      ['other.json', '{"theme": "dark"}', /not a Qingdu settings file/],
      [
        'wrong-types.json',
        JSON.stringify({
          format: 'qingdu-settings',
          version: SETTINGS_VERSION,
          exportedAt: '2026-11-25T08:30:00.000Z',
          settings: { ...(before.sync.settings as Settings), siteRules: 'all' },
        }),
        /settings\.siteRules is not valid/,
      ],
      [
        'deep.json',
        `{"format":"qingdu-settings","version":2,"settings":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`,
        /nested too deeply/,
      ],
    ];
    for (const [name, content, message] of files) {
      await options
        .getByTestId('import-file')
        .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
      await expect.poll(() => options.getByTestId('backup-message').textContent()).toMatch(message);
      expect(await options.getByTestId('backup-message').textContent()).toContain('Nothing was changed');
      expect(await readStorage(env)).toEqual(before);
    }
    expect(await options.locator('input[name="sensitivity"][value="aggressive"]').isChecked()).toBe(true);
    await options.close();
  });

  test('export then import round-trips every setting', async () => {
    const options = await openOptions(env);
    await options.getByTestId('site-pattern-input').fill('*.example.com');
    await options.getByTestId('site-add').click();
    await options.getByTestId('detection-latin').uncheck();
    await options.getByTestId('pinyin-style').selectOption('zhuyin');
    await options.getByTestId('conversion-variant').selectOption('s2twp');
    const form = options.getByTestId('replacement-new');
    await form.getByTestId('rule-find').fill('读者');
    await form.getByTestId('rule-replace').fill('读者朋友');
    await form.getByTestId('rule-sites').fill('*.example.com');
    await form.getByTestId('rule-save').click();
    await expect.poll(async () => (await storedSettings(env))?.replacementRules.length).toBe(1);
    await expect.poll(async () => (await storedSettings(env))?.conversion.variant).toBe('s2twp');
    const original = await storedSettings(env);

    const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export').click()]);
    const path = await download.path();
    const exported = await readFile(path, 'utf8');
    expect(JSON.parse(exported)).toMatchObject({
      format: 'qingdu-settings',
      version: SETTINGS_VERSION,
      settings: original,
    });

    // Reset asks first; cancelling keeps everything.
    await options.getByTestId('reset').click();
    await options.getByRole('button', { name: 'Cancel' }).click();
    expect(await storedSettings(env)).toEqual(original);
    await options.getByTestId('reset').click();
    await options.getByTestId('reset-yes').click();
    await expect.poll(async () => (await storedSettings(env))?.siteRules).toEqual([]);
    expect(await options.getByTestId('site-rule').count()).toBe(0);

    await options.getByTestId('import-file').setInputFiles({
      name: 'qingdu-settings.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    await expect.poll(() => options.getByTestId('backup-message').textContent()).toContain('Settings imported');
    expect(await storedSettings(env)).toEqual(original);
    expect(await options.getByTestId('site-rule').count()).toBe(1);
    expect(await options.getByTestId('pinyin-style').inputValue()).toBe('zhuyin');
    await options.close();
  });

  test('damaged stored settings are repaired field by field, reported, and not overwritten', async () => {
    const corrupt = {
      siteDefaults: { fix: 'sometimes', pinyin: true, conversion: 's2hk', joinLines: true },
      siteRules: [{ pattern: 'kept.example', fix: false, pinyin: false, conversion: 'off', joinLines: false }, 42],
      detection: { sensitivity: 'balanced', factors: 'all' },
    };
    await env.browser.serviceWorker.evaluate(
      ([value, version]) => chrome.storage.sync.set({ settings: value, settings$: { v: version } }),
      [corrupt, SETTINGS_VERSION] as const,
    );
    const options = await openOptions(env);
    const banner = options.getByTestId('storage-banner');
    await expect.poll(() => banner.textContent()).toContain('siteDefaults.fix');
    expect(await banner.textContent()).toContain('detection.factors');
    // Good fields survive: the rule, pinyin on, Hong Kong conversion, balanced sensitivity.
    expect(await options.getByTestId('site-rule').count()).toBe(1);
    expect(await options.getByTestId('site-defaults').getByTestId('site-pinyin').isChecked()).toBe(true);
    expect(await options.getByTestId('site-defaults').getByTestId('site-conversion').inputValue()).toBe('s2hk');
    expect(await options.locator('input[name="sensitivity"][value="balanced"]').isChecked()).toBe(true);
    // Opening the page wrote nothing.
    expect(await storedSettings(env)).toEqual(corrupt);
    // The reader's next change saves the repaired settings, and the banner goes.
    await options.getByTestId('detection-outline').uncheck();
    await expect.poll(() => banner.count()).toBe(0);
    const saved = await storedSettings(env);
    expect(saved?.siteDefaults).toEqual({ fix: true, pinyin: true, conversion: 's2hk', joinLines: true });
    expect(saved?.siteRules).toEqual([
      { pattern: 'kept.example', fix: false, pinyin: false, conversion: 'off', joinLines: false },
    ]);
    await options.close();
  });

  test('settings too large for sync move to local storage and the page says so', async () => {
    const options = await openOptions(env);
    const rules = Array.from({ length: 150 }, (_, i) => ({
      pattern: `site-number-${i}.example.com`,
      fix: true,
      pinyin: false,
      conversion: 's2twp',
      joinLines: false,
    }));
    const file = JSON.stringify({
      format: 'qingdu-settings',
      version: SETTINGS_VERSION,
      exportedAt: '2026-11-25T08:30:00.000Z',
      settings: {
        ...JSON.parse(JSON.stringify((await import('../../lib/settings/schema')).DEFAULT_SETTINGS)),
        siteRules: rules,
      },
    });
    await options
      .getByTestId('import-file')
      .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect
      .poll(() => options.getByTestId('storage-banner').textContent())
      .toContain('too large for browser sync');
    const stored = await readStorage(env);
    expect((stored.local.settings as Settings).siteRules).toHaveLength(150);
    expect(stored.local.settingsLocation).toEqual({ area: 'local', reason: 'sync-quota' });
    expect(await options.getByTestId('save-status').textContent()).toContain('this browser only');
    await options.close();
  });

  test('the try-it box repairs text live with the real engine and lists the edits', async () => {
    const options = await openOptions(env);
    await options
      .getByTestId('try-it-input')
      .fill('勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士');
    await expect
      .poll(() => options.getByTestId('try-it-output').textContent())
      .toBe('勇于担当作为，当好党和人民的忠诚卫士');
    expect(await options.getByTestId('try-it-edit').count()).toBeGreaterThan(0);
    expect(await options.getByTestId('try-it-edit').first().getAttribute('data-rule')).toBe('doubled-cjk');
    // The reader sees the rule's name in their language, with its id beside it.
    expect(await options.getByTestId('try-it-edit').first().locator('td').first().textContent()).toContain(
      'Doubled Chinese text',
    );
    // Clean text with legitimate repetition stays as it is.
    await options.getByTestId('try-it-input').fill('大家高高兴兴地看看书');
    await expect.poll(() => options.getByTestId('try-it-output').textContent()).toBe('大家高高兴兴地看看书');
    expect(await options.getByTestId('try-it-no-edits').count()).toBe(1);
    await options.close();
  });
});

describe('the options page in Chinese', () => {
  test('headings and controls follow the browser language', async () => {
    const env = await startE2e({ locale: 'zh-CN' });
    try {
      const options = await openOptions(env);
      expect(await options.locator('#sites-title').textContent()).toBe('网站');
      expect(await options.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await options.locator('#replacements-title').textContent()).toBe('替换规则');
    } finally {
      await env.close();
    }
  });
});
