import { describe, expect, test } from 'vitest';
import {
  exportSettings,
  importSettings,
  MAX_IMPORT_BYTES,
  SETTINGS_FILE_FORMAT,
} from '../../../lib/settings/import-export';
import { createDefaultSettings, SETTINGS_VERSION, type Settings } from '../../../lib/settings/schema';

function sampleSettings(): Settings {
  const settings = createDefaultSettings();
  settings.siteRules.push({
    pattern: '*.example.com',
    fix: false,
    pinyin: true,
    conversion: 's2twp',
    joinLines: false,
  });
  settings.replacementRules.push({
    id: 'r1',
    enabled: true,
    find: '(\\d+)号',
    isRegex: true,
    ignoreCase: false,
    replace: '$1日',
    sites: ['paper.example'],
  });
  settings.pinyin.readingOverrides = { 重庆: 'chóng qìng' };
  settings.conversion.phraseOverrides = { 内存: '記憶體' };
  return settings;
}

const EXPORTED_AT = '2026-11-25T08:30:00.000Z';
const file = (settings: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_VERSION,
    exportedAt: EXPORTED_AT,
    settings,
    ...extra,
  });

/** A complete settings file of the first release (see migrations.ts for the v1 shape). */
const V1_SETTINGS = {
  enabled: false,
  sensitivity: 'balanced',
  outline: true,
  latin: true,
  sites: [{ pattern: 'a.test', enabled: true, pinyin: false, conversion: 'off' }],
  pinyinStyle: 'tone-numbers',
  conversionVariant: 's2hk',
};
const v1File = (settings: unknown, extra: Record<string, unknown> = {}) => file(settings, { version: 1, ...extra });

describe('export and import', () => {
  test('export then import round-trips exactly', () => {
    const settings = sampleSettings();
    const text = exportSettings(settings, new Date('2026-11-25T00:00:00Z'));
    expect(JSON.parse(text)).toMatchObject({ format: SETTINGS_FILE_FORMAT, version: SETTINGS_VERSION });
    expect(importSettings(text)).toEqual({ ok: true, settings, dropped: [] });
  });

  test('a file saved with a byte order mark imports', () => {
    const settings = sampleSettings();
    expect(importSettings(`\uFEFF${exportSettings(settings)}`)).toEqual({ ok: true, settings, dropped: [] });
  });

  test('a v1 file is migrated on import', () => {
    const result = importSettings(v1File(V1_SETTINGS));
    expect(result.ok && result.settings.siteDefaults.fix).toBe(false);
    expect(result.ok && result.settings.detection.sensitivity).toBe('balanced');
    expect(result.ok && result.settings.pinyin.style).toBe('tone-numbers');
    expect(result.ok && result.settings.siteRules).toEqual([
      { pattern: 'a.test', fix: true, pinyin: false, conversion: 'off', joinLines: false },
    ]);
  });

  test('a v2 file (before joinLines and kept originals) imports with every site rule, lines left unjoined', () => {
    const v3 = sampleSettings();
    const { keptOriginals: _keptOriginals, ...withoutKept } = v3;
    const v2 = {
      ...withoutKept,
      siteDefaults: { fix: true, pinyin: false, conversion: 'off' },
      siteRules: v3.siteRules.map(({ joinLines: _joinLines, ...rule }) => rule),
    };
    const text = JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 2, exportedAt: EXPORTED_AT, settings: v2 });
    const result = importSettings(text);
    expect(result).toEqual({
      ok: true,
      settings: { ...v3, siteDefaults: { ...v3.siteDefaults, joinLines: false }, keptOriginals: [] },
      dropped: [],
    });
    // A v2 file is exactly v2: a v3 field in it is refused.
    const mixed = JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 2, exportedAt: EXPORTED_AT, settings: v3 });
    expect(importSettings(mixed)).toMatchObject({ ok: false, error: { problem: 'unknown-key' } });
  });

  // Each of these was accepted, and replaced every setting with the defaults (or dropped keys).
  test.each([
    [
      'no settings at all (v1)',
      () => JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, exportedAt: EXPORTED_AT }),
      'settings',
      'missing',
    ],
    [
      'no settings at all (v2)',
      () => JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 2, exportedAt: EXPORTED_AT }),
      'settings',
      'missing',
    ],
    ['null settings (v1)', () => v1File(null), 'settings', 'wrong-type'],
    ['settings that are a list (v1)', () => v1File([V1_SETTINGS]), 'settings', 'wrong-type'],
    ['empty settings (v1)', () => v1File({}), 'settings.enabled', 'missing'],
    [
      'a v1 file missing a field',
      () => v1File({ ...V1_SETTINGS, pinyinStyle: undefined }),
      'settings.pinyinStyle',
      'missing',
    ],
    ['an unknown v1 key', () => v1File({ ...V1_SETTINGS, theme: 'dark' }), 'settings.theme', 'unknown-key'],
    [
      'a v1 site with an unknown key',
      () =>
        v1File({
          ...V1_SETTINGS,
          sites: [{ pattern: 'a.test', enabled: true, pinyin: false, conversion: 'off', x: 1 }],
        }),
      'settings.sites.0.x',
      'unknown-key',
    ],
    ['a v1 value of the wrong type', () => v1File({ ...V1_SETTINGS, latin: 'yes' }), 'settings.latin', 'wrong-type'],
    [
      'no exportedAt',
      () => JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 2, settings: createDefaultSettings() }),
      'exportedAt',
      'missing',
    ],
    [
      'an exportedAt that is not text',
      () => file(createDefaultSettings(), { exportedAt: 20261125 }),
      'exportedAt',
      'wrong-type',
    ],
    [
      'an exportedAt that is not a date',
      () => file(createDefaultSettings(), { exportedAt: 'yesterday' }),
      'exportedAt',
      'not-a-date',
    ],
    [
      'an exportedAt that is no real day',
      () => file(createDefaultSettings(), { exportedAt: '2026-02-30T00:00:00Z' }),
      'exportedAt',
      'not-a-date',
    ],
    [
      'a key given twice at the top',
      () =>
        file(createDefaultSettings()).replace(
          `"version":${SETTINGS_VERSION}`,
          `"version":${SETTINGS_VERSION},"version":1`,
        ),
      'version',
      'duplicate-key',
    ],
    [
      'a key given twice inside',
      () => file(createDefaultSettings()).replace('"latin":true', '"latin":true,"latin":false'),
      'settings.detection.latin',
      'duplicate-key',
    ],
    [
      'a word given twice in the overrides (written differently)',
      () =>
        file(createDefaultSettings()).replace(
          '"readingOverrides":{}',
          '"readingOverrides":{"银行":"yín háng","\\u94f6\\u884c":"yin2"}',
        ),
      'settings.pinyin.readingOverrides.银行',
      'duplicate-key',
    ],
  ])('refuses %s, naming the field', (_name, text, path, problem) => {
    expect(importSettings(text())).toEqual({ ok: false, error: { reason: 'invalid-field', path, problem } });
  });

  test('says which override entries were left out (__proto__, constructor, prototype)', () => {
    const text = file(createDefaultSettings())
      .replace('"readingOverrides":{}', '"readingOverrides":{"constructor":"x","银行":"yín háng","prototype":"y"}')
      .replace('"phraseOverrides":{}', '"phraseOverrides":{"__proto__":"z"}');
    const result = importSettings(text);
    expect(result.ok && result.settings.pinyin.readingOverrides).toEqual({ 银行: 'yín háng' });
    expect(result.ok && result.dropped).toEqual([
      'settings.pinyin.readingOverrides.constructor',
      'settings.pinyin.readingOverrides.prototype',
      'settings.conversion.phraseOverrides.__proto__',
    ]);
    expect(importSettings(file(createDefaultSettings()))).toMatchObject({ ok: true, dropped: [] });
  });

  test.each([
    ['not JSON', '{"format": "qingdu-settings",', 'not-json'],
    ['JSON of another kind', '[1, 2, 3]', 'not-settings-file'],
    ['another program’s settings', '{"theme": "dark"}', 'not-settings-file'],
    ['a newer version', file({}, { version: SETTINGS_VERSION + 1 }), 'newer-version'],
    ['a non-numeric version', file({}, { version: '2' }), 'invalid-field'],
    ['an unknown top-level key', file(createDefaultSettings(), { payload: 1 }), 'invalid-field'],
  ])('rejects %s', (_name, text, reason) => {
    const result = importSettings(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.reason).toBe(reason);
  });

  test('rejects wrong types, naming the field', () => {
    const settings = { ...createDefaultSettings(), detection: { ...createDefaultSettings().detection, latin: 'yes' } };
    const result = importSettings(file(settings));
    expect(result).toMatchObject({
      ok: false,
      error: { reason: 'invalid-field', path: 'settings.detection.latin', problem: 'wrong-type' },
    });
  });

  test('rejects unknown keys inside the settings (strict: an import is exact or nothing)', () => {
    const settings = {
      ...createDefaultSettings(),
      siteDefaults: { fix: true, pinyin: false, conversion: 'off', joinLines: false, x: 1 },
    };
    const result = importSettings(file(settings));
    expect(result).toMatchObject({
      ok: false,
      error: { reason: 'invalid-field', path: 'settings.siteDefaults.x', problem: 'unknown-key' },
    });
  });

  test('rejects a missing section instead of silently resetting it', () => {
    const { pinyin: _pinyin, ...settings } = createDefaultSettings();
    expect(importSettings(file(settings))).toMatchObject({
      ok: false,
      error: { reason: 'invalid-field', path: 'settings.pinyin', problem: 'missing' },
    });
  });

  test('a value outside the allowed choices is named as such', () => {
    const settings = { ...createDefaultSettings(), conversion: { variant: 'klingon', phraseOverrides: {} } };
    expect(importSettings(file(settings))).toMatchObject({
      ok: false,
      error: { reason: 'invalid-field', path: 'settings.conversion.variant', problem: 'not-allowed' },
    });
  });

  test('rejects huge strings and too many rules', () => {
    const long = sampleSettings();
    long.siteRules[0] = {
      pattern: `${'a'.repeat(5000)}.com`,
      fix: true,
      pinyin: false,
      conversion: 'off',
      joinLines: false,
    };
    expect(importSettings(file(long))).toMatchObject({
      ok: false,
      error: { reason: 'invalid-field', path: 'settings.siteRules.0.pattern', problem: 'too-long' },
    });
    const many = sampleSettings();
    many.siteRules = Array.from({ length: 1000 }, (_, i) => ({
      pattern: `s${i}.test`,
      fix: true,
      pinyin: false,
      conversion: 'off' as const,
      joinLines: false,
    }));
    expect(importSettings(file(many))).toMatchObject({
      ok: false,
      error: { reason: 'invalid-field', path: 'settings.siteRules', problem: 'too-many' },
    });
  });

  test('rejects a file over the size limit before parsing it', () => {
    const text = file(createDefaultSettings(), { exportedAt: 'x'.repeat(MAX_IMPORT_BYTES) });
    expect(importSettings(text)).toMatchObject({ ok: false, error: { reason: 'too-large' } });
  });

  test('rejects deep nesting without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const result = importSettings(`{"format":"${SETTINGS_FILE_FORMAT}","version":2,"settings":${deep}}`);
    expect(result.ok).toBe(false);
    expect(!result.ok && ['too-deep', 'not-json', 'too-large']).toContain(!result.ok && result.error.reason);
    const moderate = `${'{"a":'.repeat(50)}1${'}'.repeat(50)}`;
    expect(importSettings(`{"format":"${SETTINGS_FILE_FORMAT}","version":2,"settings":${moderate}}`)).toMatchObject({
      ok: false,
      error: { reason: 'too-deep' },
    });
  });

  test('rejects a replacement rule the regex engine refuses, naming the rule and the reason', () => {
    const settings = sampleSettings();
    settings.replacementRules.push({
      ...(settings.replacementRules[0] as Settings['replacementRules'][0]),
      id: 'r2',
      find: '(\\d+)-\\1',
    });
    const result = importSettings(file(settings));
    expect(result).toMatchObject({
      ok: false,
      error: { reason: 'unsafe-rule', index: 1, error: { field: 'find', reason: 'backreference', detail: '\\1' } },
    });
  });

  test('rejects a site rule whose regex the engine refuses, naming the rule and the reason', () => {
    const settings = sampleSettings();
    settings.siteRules.push({
      pattern: '/news(?!\\/sport)/',
      fix: true,
      pinyin: false,
      conversion: 'off',
      joinLines: false,
    });
    expect(importSettings(file(settings))).toMatchObject({
      ok: false,
      error: {
        reason: 'unsafe-site-pattern',
        index: 1,
        pattern: '/news(?!\\/sport)/',
        error: { reason: 'invalid-regex', regexProblem: 'lookaround', detail: '(?!\\/sport)' },
      },
    });
  });

  test('a __proto__ key in overrides cannot pollute prototypes', () => {
    const text = file(createDefaultSettings()).replace(
      '"readingOverrides":{}',
      '"readingOverrides":{"__proto__":{"polluted":"yes"}}',
    );
    const result = importSettings(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.ok) expect(Object.getPrototypeOf(result.settings.pinyin.readingOverrides)).toBe(Object.prototype);
  });
});
