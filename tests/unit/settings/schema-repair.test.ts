import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { repairSettings } from '../../../lib/settings/repair';
import { checkReplacementRule, keepSafeReplacementRules } from '../../../lib/settings/replacement-rules';
import {
  createDefaultSettings,
  DEFAULT_SETTINGS,
  type ReplacementRule,
  SETTINGS_LIMITS,
  type Settings,
  SettingsSchema,
} from '../../../lib/settings/schema';
import { findSiteRule } from '../../../lib/settings/site-rules';

describe('the settings schema', () => {
  test('the defaults pass the schema', () => {
    expect(v.safeParse(SettingsSchema, DEFAULT_SETTINGS).success).toBe(true);
  });

  test('defaults are conservative: fixing on, reading aids off, outline on', () => {
    expect(DEFAULT_SETTINGS.siteDefaults).toEqual({ fix: true, pinyin: false, conversion: 'off', joinLines: false });
    expect(DEFAULT_SETTINGS.detection.sensitivity).toBe('conservative');
    expect(DEFAULT_SETTINGS.detection.outline).toBe(true);
  });

  test('unknown keys are rejected by the strict schema', () => {
    const withExtra = { ...createDefaultSettings(), extra: 1 };
    expect(v.safeParse(SettingsSchema, withExtra).success).toBe(false);
  });

  test('a stored rule the regex engine refuses is kept (inactive), not lost', () => {
    // Written for an older Qingdu, whose RegExp took backreferences and lookaround: the schema
    // keeps such rules so nothing the reader wrote disappears; the options page says why they are
    // inactive and pages never get them (keepSafeReplacementRules, findSiteRule).
    const settings = createDefaultSettings();
    settings.siteRules.push({
      pattern: '/paper(?=\\.example)/',
      fix: false,
      pinyin: false,
      conversion: 'off',
      joinLines: false,
    });
    settings.replacementRules.push({
      id: 'a',
      enabled: true,
      find: '(\\d)\\1',
      isRegex: true,
      ignoreCase: false,
      replace: '',
      sites: ['/(?<!x)y/'],
    });
    expect(v.safeParse(SettingsSchema, settings).success).toBe(true);
    expect(repairSettings(structuredClone(settings))).toEqual({ settings, repairs: [] });
    expect(keepSafeReplacementRules(settings.replacementRules)).toEqual([]);
    expect(findSiteRule(settings.siteRules, 'https://paper.example/')).toBeUndefined();
    expect(checkReplacementRule(settings.replacementRules[0] as ReplacementRule).map((e) => e.reason)).toEqual([
      'backreference',
      'invalid-regex',
    ]);
  });

  test('a pattern the old guard refused and the engine takes is kept and runs', () => {
    const settings = createDefaultSettings();
    const rule = { id: 'n', enabled: true, find: '(a+)+$', isRegex: true, ignoreCase: false, replace: 'b', sites: [] };
    settings.replacementRules.push(rule);
    expect(repairSettings(structuredClone(settings)).settings.replacementRules).toEqual([rule]);
    expect(keepSafeReplacementRules(settings.replacementRules)).toEqual([rule]);
  });
});

describe('repairSettings', () => {
  test('nothing stored gives the defaults with nothing to report', () => {
    expect(repairSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, repairs: [] });
    expect(repairSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, repairs: [] });
  });

  test('valid settings come back unchanged', () => {
    const settings: Settings = createDefaultSettings();
    settings.detection.sensitivity = 'aggressive';
    settings.siteRules.push({ pattern: 'example.com', fix: false, pinyin: true, conversion: 's2tw', joinLines: false });
    expect(repairSettings(structuredClone(settings))).toEqual({ settings, repairs: [] });
  });

  test('a partial object (fields added since) fills the missing fields silently', () => {
    const { settings, repairs } = repairSettings({ detection: { sensitivity: 'balanced' } });
    expect(settings.detection).toEqual({ ...DEFAULT_SETTINGS.detection, sensitivity: 'balanced' });
    expect(settings.pinyin).toEqual(DEFAULT_SETTINGS.pinyin);
    expect(repairs).toEqual([]);
  });

  test('wrong types fall back field by field and keep every good field', () => {
    const { settings, repairs } = repairSettings({
      siteDefaults: { fix: 'yes', pinyin: true, conversion: 's2hk', joinLines: false },
      detection: { sensitivity: 'extreme', factors: [2, 4], latin: false, outline: 0 },
      pinyin: { style: 'zhuyin', rubySize: 1000, threshold: 2000, readingOverrides: { 银行: 'yín háng' } },
    });
    expect(settings.siteDefaults).toEqual({ fix: true, pinyin: true, conversion: 's2hk', joinLines: false });
    expect(settings.detection).toEqual({ sensitivity: 'conservative', factors: [2, 4], latin: false, outline: true });
    expect(settings.pinyin.style).toBe('zhuyin');
    expect(settings.pinyin.rubySize).toBe(DEFAULT_SETTINGS.pinyin.rubySize);
    expect(settings.pinyin.threshold).toBe(2000);
    expect(settings.pinyin.readingOverrides).toEqual({ 银行: 'yín háng' });
    expect(repairs).toEqual([
      { path: 'siteDefaults.fix', reason: 'invalid' },
      { path: 'detection.sensitivity', reason: 'invalid' },
      { path: 'detection.outline', reason: 'invalid' },
      { path: 'pinyin.rubySize', reason: 'invalid' },
    ]);
  });

  test('a stored string of broken JSON gives defaults and says so', () => {
    const { settings, repairs } = repairSettings('{"siteDefaults": {"fix": fal');
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(repairs).toEqual([{ path: '', reason: 'invalid' }]);
  });

  test('a stored string of valid JSON is read', () => {
    const { settings } = repairSettings(JSON.stringify({ detection: { latin: false } }));
    expect(settings.detection.latin).toBe(false);
  });

  test('a value that is not an object at all is reported, not thrown', () => {
    for (const raw of [42, true, [1, 2], 'not json']) {
      const { settings, repairs } = repairSettings(raw);
      expect(settings).toEqual(DEFAULT_SETTINGS);
      expect(repairs).toEqual([{ path: '', reason: 'invalid' }]);
    }
  });

  test('broken list items are dropped one by one, good ones kept', () => {
    const { settings, repairs } = repairSettings({
      siteRules: [
        { pattern: 'good.example', fix: true, pinyin: false, conversion: 'off', joinLines: false },
        { pattern: '', fix: true, pinyin: false, conversion: 'off', joinLines: false },
        'garbage',
        { pattern: '*.also-good.example', fix: false, pinyin: true, conversion: 't2s', joinLines: false },
      ],
    });
    expect(settings.siteRules.map((rule) => rule.pattern)).toEqual(['good.example', '*.also-good.example']);
    expect(repairs).toEqual([
      { path: 'siteRules[1]', reason: 'dropped' },
      { path: 'siteRules[2]', reason: 'dropped' },
    ]);
  });

  test('oversized lists are cut to their limit', () => {
    const rules = Array.from({ length: SETTINGS_LIMITS.maxSiteRules + 5 }, (_, i) => ({
      pattern: `site${i}.example`,
      fix: true,
      pinyin: false,
      conversion: 'off',
      joinLines: false,
    }));
    const { settings, repairs } = repairSettings({ siteRules: rules });
    expect(settings.siteRules).toHaveLength(SETTINGS_LIMITS.maxSiteRules);
    expect(repairs).toEqual([{ path: 'siteRules', reason: 'truncated' }]);
  });

  test('invalid factor lists (empty, duplicates) fall back as a whole field', () => {
    expect(repairSettings({ detection: { factors: [] } }).settings.detection.factors).toEqual([2, 3, 4]);
    expect(repairSettings({ detection: { factors: [2, 2] } }).settings.detection.factors).toEqual([2, 3, 4]);
    expect(repairSettings({ detection: { factors: [3, 5] } }).settings.detection.factors).toEqual([3]);
  });

  test('override maps keep good entries; a __proto__ key stays a plain entry', () => {
    const raw = JSON.parse('{"pinyin": {"readingOverrides": {"__proto__": "x", "行": "háng", "bad": 5}}}');
    const { settings, repairs } = repairSettings(raw);
    const overrides = settings.pinyin.readingOverrides;
    expect(Object.getPrototypeOf(overrides)).toBe(Object.prototype);
    expect(overrides.行).toBe('háng');
    expect(repairs).toContainEqual({ path: 'pinyin.readingOverrides.bad', reason: 'dropped' });
  });

  test('entries the schema cannot keep (__proto__, constructor, prototype) are reported as dropped', () => {
    const raw = JSON.parse(
      '{"pinyin": {"readingOverrides": {"__proto__": "x", "行": "háng", "constructor": "y"}}, "conversion": {"phraseOverrides": {"prototype": "z"}}}',
    );
    const { settings, repairs } = repairSettings(raw);
    expect(settings.pinyin.readingOverrides).toEqual({ 行: 'háng' });
    expect(repairs).toEqual([
      { path: 'pinyin.readingOverrides.__proto__', reason: 'dropped' },
      { path: 'pinyin.readingOverrides.constructor', reason: 'dropped' },
      { path: 'conversion.phraseOverrides.prototype', reason: 'dropped' },
    ]);
  });

  test('unknown stored keys (a newer build) are ignored, not fatal', () => {
    const { settings, repairs } = repairSettings({ futureFeature: { on: true }, detection: { latin: false } });
    expect(settings.detection.latin).toBe(false);
    expect(repairs).toEqual([]);
  });
});
