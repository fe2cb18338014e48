/**
 * The background's side of Keep the original (lib/background/kept-originals.ts), over the real
 * settings store on WXT's fake browser: requests are checked, the site comes from the sender's
 * frame, changes are made one at a time on fresh settings, and unreadable or unwritable settings
 * are never replaced.
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createKeptOriginalsKeeper, readKeptOriginalRequest } from '../../../lib/background/kept-originals';
import { createDefaultSettings, SETTINGS_LIMITS } from '../../../lib/settings/schema';
import { createSettingsStore, type LoadedSettings } from '../../../lib/settings/storage';

const PAGE = 'https://paper.example/2026/11/25/a.html';
const HEADLINE = '勇勇于于担担当当作作为为';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('readKeptOriginalRequest', () => {
  test('takes exactly { text } with a string of sane length', () => {
    expect(readKeptOriginalRequest({ text: HEADLINE })).toEqual({ text: HEADLINE });
  });

  test.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', HEADLINE],
    ['an array', [HEADLINE]],
    ['a number for text', { text: 7 }],
    ['an extra key', { text: HEADLINE, site: 'elsewhere.example' }],
    ['a huge text', { text: '勇'.repeat(SETTINGS_LIMITS.maxKeptTextLength * 4 + 1) }],
  ])('refuses %s', (_name, data) => {
    expect(() => readKeptOriginalRequest(data)).toThrow('Malformed request.');
  });
});

describe('the keeper', () => {
  const store = () => createSettingsStore();

  test('keeps the text on the sender’s site and answers with the settings that apply there now', async () => {
    const keeper = createKeptOriginalsKeeper(store());
    const answer = await keeper.keep(PAGE, { text: `\u3000${HEADLINE}\n` });
    expect(answer).toMatchObject({ ok: true, settings: { site: { keptOriginals: [HEADLINE] } } });
    expect((await store().load()).settings.keptOriginals).toEqual([{ site: 'paper.example', text: HEADLINE }]);
  });

  test('a site can only be named by the sender: no web address, no keeping', async () => {
    const keeper = createKeptOriginalsKeeper(store());
    expect(await keeper.keep(undefined, { text: HEADLINE })).toEqual({ ok: false, reason: 'no-site' });
    expect((await store().load()).settings.keptOriginals).toEqual([]);
  });

  test('refusals: blanks, too long, too many', async () => {
    const keeper = createKeptOriginalsKeeper(store());
    expect(await keeper.keep(PAGE, { text: ' \n ' })).toEqual({ ok: false, reason: 'nothing-to-keep' });
    expect(await keeper.keep(PAGE, { text: '勇'.repeat(SETTINGS_LIMITS.maxKeptTextLength + 1) })).toEqual({
      ok: false,
      reason: 'too-long',
    });
    const full = createDefaultSettings();
    full.keptOriginals = Array.from({ length: SETTINGS_LIMITS.maxKeptOriginals }, (_, i) => ({
      site: 'paper.example',
      text: `${i}`,
    }));
    await store().save(full);
    expect(await keeper.keep(PAGE, { text: HEADLINE })).toEqual({ ok: false, reason: 'too-many' });
  });

  test('two quick keeps are both kept, a repeated one once; forget removes only that site’s entry', async () => {
    const keeper = createKeptOriginalsKeeper(store());
    const answers = await Promise.all([
      keeper.keep(PAGE, { text: HEADLINE }),
      keeper.keep(PAGE, { text: '人人民民网网讯讯' }),
      keeper.keep(PAGE, { text: HEADLINE }),
      keeper.keep('https://other.example/', { text: HEADLINE }),
    ]);
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect((await store().load()).settings.keptOriginals).toEqual([
      { site: 'paper.example', text: HEADLINE },
      { site: 'paper.example', text: '人人民民网网讯讯' },
      { site: 'other.example', text: HEADLINE },
    ]);
    const forgot = await keeper.forget(PAGE, { text: HEADLINE });
    expect(forgot).toMatchObject({ ok: true, settings: { site: { keptOriginals: ['人人民民网网讯讯'] } } });
    expect((await store().load()).settings.keptOriginals).toEqual([
      { site: 'paper.example', text: '人人民民网网讯讯' },
      { site: 'other.example', text: HEADLINE },
    ]);
  });

  test('settings that could not be read are not replaced; a failed save says so', async () => {
    const save = vi.fn();
    const unreadable: LoadedSettings = {
      settings: createDefaultSettings(),
      area: 'none',
      problems: [{ kind: 'unavailable', detail: 'storage is gone' }],
    };
    const blind = createKeptOriginalsKeeper({ load: async () => unreadable, save });
    expect(await blind.keep(PAGE, { text: HEADLINE })).toEqual({ ok: false, reason: 'not-saved' });
    expect(save).not.toHaveBeenCalled();

    const failing = createKeptOriginalsKeeper({
      load: () => store().load(),
      save: async () => ({ ok: false, reason: 'unavailable', detail: 'quota' }),
    });
    expect(await failing.keep(PAGE, { text: HEADLINE })).toEqual({ ok: false, reason: 'not-saved' });
  });

  test('a malformed request is refused, and the next one still works', async () => {
    const keeper = createKeptOriginalsKeeper(store());
    await expect(keeper.keep(PAGE, { text: HEADLINE, site: 'evil.example' })).rejects.toThrow('Malformed request.');
    expect(await keeper.keep(PAGE, { text: HEADLINE })).toMatchObject({ ok: true });
  });
});
