/**
 * Hostile settings files, through the options page's own import path (`importSettingsInto` with
 * the real settings store over WXT's fakeBrowser): wrong types at every path, missing and unknown
 * keys (prototype names included), keys given twice, huge strings, deep nesting, every old and
 * impossible version, broken exportedAt, and plain garbage. After every refused file the stored
 * settings are exactly what they were; every accepted file round-trips through export and loads
 * back from storage as imported.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  exportSettings,
  importSettings,
  importSettingsInto,
  SETTINGS_FILE_FORMAT,
} from '../../../lib/settings/import-export';
import {
  CONVERSION_CHOICES,
  createDefaultSettings,
  DOUBLING_FACTORS,
  PINYIN_THRESHOLDS,
  SENSITIVITIES,
  SETTINGS_VERSION,
  type Settings,
} from '../../../lib/settings/schema';
import { createSettingsStore } from '../../../lib/settings/storage';
import { CONVERSION_VARIANT_IDS, PINYIN_STYLES, TONE_COLOR_SCHEMES } from '../../../lib/text/reading-aid-options';

const FILES = Number(process.env.QINGDU_IMPORT_FUZZ_FILES ?? 10_000);

const SITE_PATTERNS = [
  'example.com',
  '*.example.org',
  'news.example.com/epaper/',
  '/paper\\.example\\/\\d+/',
  '/EPAPER/i',
  '例子.中国',
];
const FINDS: [string, boolean][] = [
  ['读者', false],
  ['COVID-19', false],
  ['(\\d+)年', true],
  ['\\s+', true],
  ['第[一二三]版', true],
  ['(?<m>\\d+)月', true],
];
const word = fc.string({ unit: fc.constantFrom(...'银行重庆长大内存软件行走'), minLength: 1, maxLength: 4 });

/** Any settings the options page could have saved. */
const settingsArb: fc.Arbitrary<Settings> = fc.record({
  siteDefaults: fc.record({
    fix: fc.boolean(),
    pinyin: fc.boolean(),
    conversion: fc.constantFrom(...CONVERSION_CHOICES),
  }),
  siteRules: fc.array(
    fc.record({
      pattern: fc.constantFrom(...SITE_PATTERNS),
      fix: fc.boolean(),
      pinyin: fc.boolean(),
      conversion: fc.constantFrom(...CONVERSION_CHOICES),
    }),
    { maxLength: 4 },
  ),
  detection: fc.record({
    sensitivity: fc.constantFrom(...SENSITIVITIES),
    factors: fc.subarray([...DOUBLING_FACTORS], { minLength: 1 }),
    latin: fc.boolean(),
    outline: fc.boolean(),
  }),
  pinyin: fc.record({
    style: fc.constantFrom(...PINYIN_STYLES),
    toneColors: fc.constantFrom(...TONE_COLOR_SCHEMES),
    rubySize: fc.integer({ min: 40, max: 100 }),
    threshold: fc.constantFrom(...PINYIN_THRESHOLDS),
    readingOverrides: fc.dictionary(word, fc.constantFrom('yín háng', 'chóng qìng', 'zhǎng dà'), { maxKeys: 3 }),
  }),
  conversion: fc.record({
    variant: fc.constantFrom(...CONVERSION_VARIANT_IDS),
    phraseOverrides: fc.dictionary(word, fc.constantFrom('記憶體', '軟體'), { maxKeys: 3 }),
  }),
  replacementRules: fc.array(
    fc
      .record({
        id: fc.string({ minLength: 1, maxLength: 8 }),
        enabled: fc.boolean(),
        find: fc.constantFrom(...FINDS),
        ignoreCase: fc.boolean(),
        replace: fc.string({ maxLength: 12 }),
        sites: fc.subarray(SITE_PATTERNS, { maxLength: 2 }),
      })
      .map(({ find: [find, isRegex], ...rest }) => ({ ...rest, find, isRegex })),
    { maxLength: 3 },
  ),
}) as fc.Arbitrary<Settings>;

/** Settings of the first release (see migrations.ts). */
const v1SettingsArb = fc.record({
  enabled: fc.boolean(),
  sensitivity: fc.constantFrom(...SENSITIVITIES),
  outline: fc.boolean(),
  latin: fc.boolean(),
  sites: fc.array(
    fc.record({
      pattern: fc.constantFrom(...SITE_PATTERNS),
      enabled: fc.boolean(),
      pinyin: fc.boolean(),
      conversion: fc.constantFrom(...CONVERSION_CHOICES),
    }),
    { maxLength: 3 },
  ),
  pinyinStyle: fc.constantFrom(...PINYIN_STYLES),
  conversionVariant: fc.constantFrom(...CONVERSION_VARIANT_IDS),
});

const validFileArb = fc.oneof(
  settingsArb.map((settings) => ({
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_VERSION,
    exportedAt: '2026-11-25T08:30:00.000Z',
    settings,
  })),
  v1SettingsArb.map((settings) => ({
    format: SETTINGS_FILE_FORMAT,
    version: 1,
    exportedAt: '2026-11-25T08:30:00Z',
    settings,
  })),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value, the root included. */
function listPaths(
  value: Json,
  path: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      listPaths(item, [...path, index], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) listPaths(child, [...path, key], out);
  }
  return out;
}

/** `root` with the value at `path` replaced (or, with `undefined`, removed). Keys are set as own data. */
function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const [head, ...rest] = path;
  const copy: Json = Array.isArray(root) ? [...root] : { ...(root as Record<string, Json>) };
  const child = (copy as Record<string | number, Json>)[head as string];
  const next = rest.length === 0 ? value : setAt(child as Json, rest, value);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete (copy as Record<string, Json>)[head as string];
  } else {
    Object.defineProperty(copy, head as string, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function nest(depth: number, leaf: Json, asArray: boolean): Json {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, '', [], {}, '2', 'off'),
  fc.integer().map((n) => n as Json),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n as Json),
  fc.string({ maxLength: 20 }).map((s) => s as Json),
  fc.constantFrom(501, 5_000, 100_000, 600_000).map((n) => 'x'.repeat(n) as Json),
  fc.tuple(fc.integer({ min: 2, max: 40 }), fc.boolean()).map(([depth, asArray]) => nest(depth, 1, asArray)),
  fc.json({ maxDepth: 3 }).map((text) => JSON.parse(text) as Json),
);

const KEY_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'x',
  'format',
  'settings',
  '',
];

/** A file as text, hostile in one of many ways (or valid). */
const hostileTextArb: fc.Arbitrary<{ kind: string; text: string }> = fc.oneof(
  validFileArb.map((file) => ({ kind: 'valid', text: JSON.stringify(file, null, 2) })),
  fc.tuple(validFileArb, fc.nat(), hostileValue).map(([file, at, value]) => {
    const paths = listPaths(file as unknown as Json);
    return {
      kind: 'wrong value',
      text: JSON.stringify(setAt(file as unknown as Json, paths[at % paths.length] as never, value)),
    };
  }),
  fc.tuple(validFileArb, fc.nat()).map(([file, at]) => {
    const paths = listPaths(file as unknown as Json).slice(1);
    return {
      kind: 'missing key',
      text: JSON.stringify(setAt(file as unknown as Json, paths[at % paths.length] as never, undefined)),
    };
  }),
  fc.tuple(validFileArb, fc.nat(), fc.constantFrom(...KEY_NAMES), hostileValue).map(([file, at, key, value]) => {
    const objects = listPaths(file as unknown as Json).filter((path) => {
      let node: unknown = file;
      for (const step of path) node = (node as Record<string | number, unknown>)[step];
      return node !== null && typeof node === 'object' && !Array.isArray(node);
    });
    const path = [...(objects[at % objects.length] as (string | number)[]), key];
    return { kind: 'extra key', text: JSON.stringify(setAt(file as unknown as Json, path, value)) };
  }),
  fc.tuple(validFileArb, fc.nat(), fc.json({ maxDepth: 1 })).map(([file, at, value]) => {
    // The same key again, just before one of its occurrences (JSON.parse would keep the last one).
    const text = JSON.stringify(file);
    const keys = [...text.matchAll(/"((?:[^"\\]|\\.)*)":/g)];
    const match = keys[at % keys.length] as RegExpMatchArray;
    const index = match.index as number;
    return { kind: 'key twice', text: `${text.slice(0, index)}${match[0]}${value},${text.slice(index)}` };
  }),
  fc
    .tuple(
      settingsArb,
      fc.constantFrom<Json>(0, -1, 1, 1.5, 2, 3, 2 ** 53, '1', null, 'two'),
      fc.constantFrom<Json>('2026-11-25T08:30:00.000Z', '2026-02-30T00:00:00Z', 'yesterday', 0, null, ''),
    )
    .map(([settings, version, exportedAt]) => ({
      kind: 'versions and dates',
      text: JSON.stringify({ format: SETTINGS_FILE_FORMAT, version, exportedAt, settings }),
    })),
  fc
    .tuple(
      settingsArb,
      fc.constantFrom('(\\d)\\1', 'a(?=b)', '(?<!x)y', 'a{5000}', '(.{100}){20}', '\\p{scx=Han}', '(', 'q(a|aa)+$'),
      fc.boolean(),
    )
    .map(([settings, pattern, asSite]) => {
      if (asSite)
        settings.siteRules.push({
          pattern: `/${pattern}/`,
          fix: true,
          pinyin: false,
          conversion: 'off',
          joinLines: false,
        });
      else
        settings.replacementRules.push({
          id: 'p',
          enabled: true,
          find: pattern,
          isRegex: true,
          ignoreCase: false,
          replace: '',
          sites: [],
        });
      return { kind: 'patterns', text: exportSettings(settings) };
    }),
  fc
    .tuple(
      settingsArb,
      fc.constantFrom('__proto__', 'constructor', 'prototype'),
      fc.constantFrom('pinyin', 'conversion'),
    )
    .map(([settings, key, section]) => {
      const text = exportSettings(settings);
      const map = section === 'pinyin' ? '"readingOverrides": {' : '"phraseOverrides": {';
      const entry = `"${key}": "x"`;
      return {
        kind: 'prototype word',
        text: text.replace(map, `${map}${entry}${text.includes(`${map}}`) ? '' : ','}`),
      };
    }),
  fc
    .oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      validFileArb.chain((file) => fc.nat().map((at) => JSON.stringify(file).slice(0, at % 300))),
      validFileArb.map((file) => `\uFEFF${JSON.stringify(file)}`),
      fc.constantFrom(
        JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, exportedAt: '2026-11-25T08:30:00Z' }),
        JSON.stringify({
          format: SETTINGS_FILE_FORMAT,
          version: 1,
          exportedAt: '2026-11-25T08:30:00Z',
          settings: null,
        }),
        JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: 1, exportedAt: '2026-11-25T08:30:00Z', settings: {} }),
        `{"format":"${SETTINGS_FILE_FORMAT}","version":2,"settings":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
      ),
    )
    .map((text) => ({ kind: 'garbage', text })),
);

/** What the reader had before the import: not the defaults, so a reset would show. */
function readersSettings(): Settings {
  const settings = createDefaultSettings();
  settings.siteRules.push({ pattern: 'mine.example', fix: false, pinyin: true, conversion: 's2tw', joinLines: false });
  settings.pinyin.readingOverrides = { 银行: 'yín háng' };
  return settings;
}

async function snapshotStorage(): Promise<string> {
  return JSON.stringify([await fakeBrowser.storage.sync.get(null), await fakeBrowser.storage.local.get(null)]);
}

describe('importing hostile settings files', () => {
  test(`${FILES} files: refused ones change nothing stored, accepted ones round-trip`, {
    timeout: 600_000,
  }, async () => {
    const counts = new Map<string, number>();
    const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(hostileTextArb, async ({ kind, text }) => {
        fakeBrowser.reset();
        const store = createSettingsStore();
        expect((await store.save(readersSettings())).ok).toBe(true);
        const before = await snapshotStorage();
        const { result, saved } = await importSettingsInto(text, store.save);
        if (!result.ok) {
          const { error } = result;
          count(`refused: ${error.reason}${error.reason === 'invalid-field' ? ` (${error.problem})` : ''}`);
          count(`  ${kind}: refused`);
          expect(saved).toBeUndefined();
          expect(await snapshotStorage()).toBe(before);
          return;
        }
        count(`accepted${result.dropped.length > 0 ? ', naming entries left out' : ''}`);
        count(`  ${kind}: accepted`);
        expect(saved?.ok).toBe(true);
        // Export, import again: the same settings, nothing left out the second time.
        expect(importSettings(exportSettings(result.settings))).toEqual({
          ok: true,
          settings: result.settings,
          dropped: [],
        });
        const loaded = await store.load();
        expect(loaded.settings).toEqual(result.settings);
        expect(loaded.problems.filter((problem) => problem.kind === 'repaired')).toEqual([]);
      }),
      { numRuns: FILES },
    );
    const total = [...counts].filter(([key]) => !key.startsWith(' ')).reduce((sum, [, n]) => sum + n, 0);
    const byOutcome = [...counts].filter(([key]) => !key.startsWith(' ')).sort(([a], [b]) => a.localeCompare(b));
    const byKind = [...counts].filter(([key]) => key.startsWith(' ')).sort(([a], [b]) => a.localeCompare(b));
    console.log(
      `import fuzz: ${total} files\n${byOutcome.map(([key, n]) => `  ${key}: ${n}`).join('\n')}\nby kind of file:\n${byKind.map(([key, n]) => `  ${key}: ${n}`).join('\n')}`,
    );
    expect(total).toBe(FILES);
    expect(counts.get('accepted') ?? 0).toBeGreaterThan(FILES / 20);
  });
});
