/**
 * Kept originals in the settings ("Keep the original"): the schema field, the migration that adds it,
 * repair of damaged stored values, import and export, and the pure functions the background and
 * the pages use (which texts apply on an address, adding and removing).
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exportSettings, importSettings, SETTINGS_FILE_FORMAT } from '../../../lib/settings/import-export';
import { addKeptOriginal, removeKeptOriginal, selectKeptOriginals } from '../../../lib/settings/kept-originals';
import { migrateSettings, migrateV2ToV3 } from '../../../lib/settings/migrations';
import { repairSettings } from '../../../lib/settings/repair';
import {
  createDefaultSettings,
  DEFAULT_SETTINGS,
  SETTINGS_LIMITS,
  SETTINGS_VERSION,
  type Settings,
} from '../../../lib/settings/schema';
import { resolveSiteSettings } from '../../../lib/settings/site-rules';
import { createSettingsStore } from '../../../lib/settings/storage';

const HEADLINE = '勇勇于于担担当当作作为为';
const LEAD_IN = '人人民民网网讯讯 近日';

function withKept(...kept: Settings['keptOriginals']): Settings {
  return { ...createDefaultSettings(), keptOriginals: kept };
}

/** The version that added the kept originals (with joinLines, in the same release). */
const KEPT_ORIGINALS_VERSION = 3;

/** The settings as the version before stored them: no kept originals, no joinLines. */
function previousSettings() {
  const { keptOriginals: _, siteDefaults, ...before } = createDefaultSettings();
  const { joinLines: _joinLines, ...defaults } = siteDefaults;
  return { ...before, siteDefaults: defaults };
}

const EXPORTED_AT = '2026-11-25T08:30:00.000Z';
const file = (settings: unknown, version = SETTINGS_VERSION) =>
  JSON.stringify({ format: SETTINGS_FILE_FORMAT, version, exportedAt: EXPORTED_AT, settings });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the settings field', () => {
  test('is empty by default; it is the newest field', () => {
    expect(DEFAULT_SETTINGS.keptOriginals).toEqual([]);
    expect(SETTINGS_VERSION).toBe(KEPT_ORIGINALS_VERSION);
  });

  test('a stored entry keeps its site and its text, whitespace normalised', () => {
    const { settings, repairs } = repairSettings({
      ...createDefaultSettings(),
      keptOriginals: [{ site: 'paper.example', text: `\u3000${LEAD_IN}\n` }],
    });
    expect(repairs).toEqual([]);
    expect(settings.keptOriginals).toEqual([{ site: 'paper.example', text: LEAD_IN }]);
  });

  test('damaged entries are dropped one by one and reported; the others stay', () => {
    const good = { site: 'paper.example', text: HEADLINE };
    const { settings, repairs } = repairSettings({
      ...createDefaultSettings(),
      keptOriginals: [
        { site: 'not a domain', text: HEADLINE },
        good,
        { site: 'paper.example', text: ' \n ' },
        { site: 'paper.example', text: 'x'.repeat(SETTINGS_LIMITS.maxKeptTextLength + 1) },
        { site: 'paper.example', text: 42 },
        { site: 'paper.example', text: HEADLINE, note: 'unknown key' },
        'just text',
      ],
    });
    expect(settings.keptOriginals).toEqual([good]);
    expect(repairs).toEqual([0, 2, 3, 4, 5, 6].map((i) => ({ path: `keptOriginals[${i}]`, reason: 'dropped' })));
  });

  test('a list that is not a list falls back to empty; one too long is cut to its limit', () => {
    expect(repairSettings({ ...createDefaultSettings(), keptOriginals: 'all' })).toEqual({
      settings: createDefaultSettings(),
      repairs: [{ path: 'keptOriginals', reason: 'invalid' }],
    });
    const many = Array.from({ length: SETTINGS_LIMITS.maxKeptOriginals + 5 }, (_, i) => ({
      site: 'paper.example',
      text: `${HEADLINE}${i}`,
    }));
    const { settings, repairs } = repairSettings({ ...createDefaultSettings(), keptOriginals: many });
    expect(settings.keptOriginals).toEqual(many.slice(0, SETTINGS_LIMITS.maxKeptOriginals));
    expect(repairs).toEqual([{ path: 'keptOriginals', reason: 'truncated' }]);
  });
});

describe('the migration to the kept originals', () => {
  test('adds an empty list; a value that has one keeps it; corrupt input passes through without a throw', () => {
    expect(migrateV2ToV3(previousSettings())).toEqual(createDefaultSettings());
    const newer = withKept({ site: 'a.example', text: HEADLINE });
    expect(migrateV2ToV3(newer)).toEqual(newer);
    for (const corrupt of [null, 7, 'text', [1, 2]]) expect(migrateV2ToV3(corrupt)).toBe(corrupt);
  });

  test('stored settings of the version before load with an empty list, written back with the new version', async () => {
    const before = { ...previousSettings(), detection: { ...DEFAULT_SETTINGS.detection, sensitivity: 'balanced' } };
    await fakeBrowser.storage.sync.set({ settings: before, settings$: { v: KEPT_ORIGINALS_VERSION - 1 } });
    const loaded = await createSettingsStore().load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.settings).toEqual({ ...before, siteDefaults: DEFAULT_SETTINGS.siteDefaults, keptOriginals: [] });
    expect(await fakeBrowser.storage.sync.get('settings$')).toEqual({ settings$: { v: SETTINGS_VERSION } });
  });

  test('v1 settings go all the way to today’s', () => {
    const v1 = {
      enabled: true,
      sensitivity: 'conservative',
      outline: true,
      latin: true,
      sites: [],
      pinyinStyle: 'tone-marks',
      conversionVariant: 's2t',
    };
    expect(repairSettings(migrateSettings(v1, 1, SETTINGS_VERSION))).toEqual({
      settings: createDefaultSettings(),
      repairs: [],
    });
  });
});

describe('import and export', () => {
  test('kept originals are exported and imported back exactly', () => {
    const settings = withKept({ site: 'paper.example', text: HEADLINE }, { site: '*.epaper.example', text: LEAD_IN });
    const text = exportSettings(settings);
    expect(JSON.parse(text).settings.keptOriginals).toEqual(settings.keptOriginals);
    expect(importSettings(text)).toEqual({ ok: true, settings, dropped: [] });
  });

  test('a complete file of the version before imports, with nothing kept', () => {
    expect(importSettings(file(previousSettings(), KEPT_ORIGINALS_VERSION - 1))).toEqual({
      ok: true,
      settings: createDefaultSettings(),
      dropped: [],
    });
  });

  test.each([
    [
      'a file of today’s version without the field',
      () => {
        const { keptOriginals: _, ...settings } = createDefaultSettings();
        return file(settings);
      },
      'settings.keptOriginals',
      'missing',
    ],
    [
      'a file of the version before that has the field (it came after)',
      () => file({ ...previousSettings(), keptOriginals: [] }, KEPT_ORIGINALS_VERSION - 1),
      'settings.keptOriginals',
      'unknown-key',
    ],
    [
      'an entry that is not an object',
      () => file({ ...createDefaultSettings(), keptOriginals: ['勇勇于于'] }),
      'settings.keptOriginals.0',
      'wrong-type',
    ],
    [
      'an entry with an unknown key',
      () => file(withKept({ site: 'a.example', text: HEADLINE, by: 'me' } as never)),
      'settings.keptOriginals.0.by',
      'unknown-key',
    ],
    [
      'a text of blanks',
      () => file(withKept({ site: 'a.example', text: ' \u3000 ' })),
      'settings.keptOriginals.0.text',
      'invalid',
    ],
    [
      'a text too long',
      () => file(withKept({ site: 'a.example', text: '勇'.repeat(SETTINGS_LIMITS.maxKeptTextLength + 1) })),
      'settings.keptOriginals.0.text',
      'too-long',
    ],
    [
      'a site that is no site pattern',
      () => file(withKept({ site: 'not a site', text: HEADLINE })),
      'settings.keptOriginals.0.site',
      'invalid',
    ],
    [
      'too many entries',
      () =>
        file(
          withKept(
            ...Array.from({ length: SETTINGS_LIMITS.maxKeptOriginals + 1 }, (_, i) => ({
              site: 'a.example',
              text: `${HEADLINE}${i}`,
            })),
          ),
        ),
      'settings.keptOriginals',
      'too-many',
    ],
  ])('refuses %s, naming the field', (_name, text, path, problem) => {
    expect(importSettings(text())).toEqual({ ok: false, error: { reason: 'invalid-field', path, problem } });
  });
});

describe('which kept originals apply, adding and removing', () => {
  const settings = withKept(
    { site: 'paper.example', text: HEADLINE },
    { site: '*.news.example', text: LEAD_IN },
    { site: 'paper.example/2026/', text: '本本报报讯讯' },
    { site: 'other.example', text: '新新闻闻' },
  );

  test('the texts whose site pattern matches the address, as site rules match', () => {
    expect(selectKeptOriginals(settings.keptOriginals, 'https://paper.example/2026/a.html')).toEqual([
      HEADLINE,
      '本本报报讯讯',
    ]);
    expect(selectKeptOriginals(settings.keptOriginals, 'https://paper.example/2025/')).toEqual([HEADLINE]);
    expect(selectKeptOriginals(settings.keptOriginals, 'https://www.news.example/')).toEqual([LEAD_IN]);
    expect(selectKeptOriginals(settings.keptOriginals, 'https://elsewhere.example/')).toEqual([]);
    expect(selectKeptOriginals(settings.keptOriginals, 'not an address')).toEqual([]);
    expect(resolveSiteSettings(settings, 'https://paper.example/').keptOriginals).toEqual([HEADLINE]);
  });

  test('adding normalises, and keeping a passage twice changes nothing', () => {
    const added = addKeptOriginal(createDefaultSettings(), 'paper.example', `  ${LEAD_IN}\n`);
    expect(added).toEqual({ ok: true, settings: withKept({ site: 'paper.example', text: LEAD_IN }) });
    if (!added.ok) return;
    const again = addKeptOriginal(added.settings, 'paper.example', LEAD_IN);
    expect(again).toEqual({ ok: true, settings: added.settings });
    if (again.ok) expect(again.settings).toBe(added.settings);
  });

  test('adding refuses blanks, a text too long, a bad site, and one passage more than the limit', () => {
    const defaults = createDefaultSettings();
    expect(addKeptOriginal(defaults, 'a.example', ' \n')).toEqual({ ok: false, reason: 'empty' });
    expect(addKeptOriginal(defaults, 'a.example', '勇'.repeat(SETTINGS_LIMITS.maxKeptTextLength + 1))).toEqual({
      ok: false,
      reason: 'too-long',
    });
    expect(addKeptOriginal(defaults, 'not a site', HEADLINE)).toEqual({ ok: false, reason: 'invalid-site' });
    const full = withKept(
      ...Array.from({ length: SETTINGS_LIMITS.maxKeptOriginals }, (_, i) => ({ site: 'a.example', text: `${i}` })),
    );
    expect(addKeptOriginal(full, 'a.example', HEADLINE)).toEqual({ ok: false, reason: 'too-many' });
    // Already kept: not one more, so not refused.
    expect(addKeptOriginal(full, 'a.example', '0')).toEqual({ ok: true, settings: full });
  });

  test('removing takes away exactly that site and text', () => {
    const removed = removeKeptOriginal(settings, 'paper.example', ` ${HEADLINE} `);
    expect(removed.keptOriginals).toEqual(settings.keptOriginals.slice(1));
    expect(removeKeptOriginal(settings, 'other.example', HEADLINE).keptOriginals).toEqual(settings.keptOriginals);
  });
});
