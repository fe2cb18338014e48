import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { migrateV1ToV2, migrateV2ToV3, SETTINGS_MIGRATIONS } from '../../../lib/settings/migrations';
import { createDefaultSettings, DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../../lib/settings/schema';
import { createSettingsStore, type LoadedSettings, SYNC_ITEM_QUOTA_BYTES } from '../../../lib/settings/storage';

/** The first release's flat shape (see migrations.ts). */
const V1_SETTINGS = {
  enabled: false,
  sensitivity: 'balanced',
  outline: false,
  latin: true,
  sites: [
    { pattern: 'paper.example.com', enabled: true, pinyin: true, conversion: 's2tw' },
    { pattern: '*.news.example', enabled: false, pinyin: false, conversion: 'off' },
  ],
  pinyinStyle: 'tone-numbers',
  conversionVariant: 's2hk',
};

function settingsWith(mutate: (settings: Settings) => void): Settings {
  const settings = createDefaultSettings();
  mutate(settings);
  return settings;
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('migrations', () => {
  test('the current version has a step for every version before it', () => {
    for (let version = 2; version <= SETTINGS_VERSION; version++) {
      expect(SETTINGS_MIGRATIONS[version], `no migration step to version ${version}`).toBeTypeOf('function');
    }
  });

  test('v1 → v2 renames enabled → fix and sites → siteRules and groups the fields', () => {
    expect(migrateV1ToV2(V1_SETTINGS)).toEqual({
      siteDefaults: { fix: false, pinyin: false, conversion: 'off' },
      siteRules: [
        { pattern: 'paper.example.com', fix: true, pinyin: true, conversion: 's2tw' },
        { pattern: '*.news.example', fix: false, pinyin: false, conversion: 'off' },
      ],
      detection: { sensitivity: 'balanced', latin: true, outline: false },
      pinyin: { style: 'tone-numbers' },
      conversion: { variant: 's2hk' },
    });
  });

  test('v2 → v3 gives every site joinLines, off, and keeps a value already there', () => {
    const v2 = {
      ...createDefaultSettings(),
      siteDefaults: { fix: true, pinyin: false, conversion: 'off' },
      siteRules: [
        { pattern: 'a.test', fix: true, pinyin: true, conversion: 's2tw' },
        { pattern: 'b.test', fix: false, pinyin: false, conversion: 'off', joinLines: true },
      ],
    };
    expect(migrateV2ToV3(v2)).toEqual({
      ...v2,
      siteDefaults: { fix: true, pinyin: false, conversion: 'off', joinLines: false },
      siteRules: [
        { pattern: 'a.test', fix: true, pinyin: true, conversion: 's2tw', joinLines: false },
        { pattern: 'b.test', fix: false, pinyin: false, conversion: 'off', joinLines: true },
      ],
    });
    for (const raw of [null, 'x', 42, [1], { siteRules: 'nope' }, { siteDefaults: 3 }]) {
      expect(() => migrateV2ToV3(raw)).not.toThrow();
    }
  });

  test('a stored v2 value loads as v3 with every site rule kept', async () => {
    const v2 = {
      ...createDefaultSettings(),
      siteDefaults: { fix: false, pinyin: false, conversion: 'off' },
      siteRules: [{ pattern: 'paper.example.com', fix: true, pinyin: true, conversion: 's2tw' }],
    };
    await fakeBrowser.storage.sync.set({ settings: v2, settings$: { v: 2 } });
    const loaded = await createSettingsStore().load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.settings.siteDefaults).toEqual({ fix: false, pinyin: false, conversion: 'off', joinLines: false });
    expect(loaded.settings.siteRules).toEqual([
      { pattern: 'paper.example.com', fix: true, pinyin: true, conversion: 's2tw', joinLines: false },
    ]);
  });

  test('v1 → v2 never throws on corrupt input and leaves a v2 shape alone', () => {
    for (const raw of [null, 'x', 42, [1], { sites: 'nope' }]) expect(() => migrateV1ToV2(raw)).not.toThrow();
    const v2 = createDefaultSettings();
    expect(migrateV1ToV2(v2)).toBe(v2);
  });

  test('settings from a newer version (a downgrade) load field by field instead of failing', async () => {
    const newer = {
      ...createDefaultSettings(),
      detection: { ...DEFAULT_SETTINGS.detection, latin: false },
      v3Field: 1,
    };
    await fakeBrowser.storage.sync.set({ settings: newer, settings$: { v: SETTINGS_VERSION + 1 } });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const loaded = await createSettingsStore().load();
    expect(loaded.settings.detection.latin).toBe(false);
    expect(loaded.problems).toEqual([]);
    // WXT reports the downgrade; the stored value is left as it was.
    expect(errors).toHaveBeenCalled();
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toEqual(newer);
  });

  test('the defaults cannot be changed by accident', () => {
    expect(() => {
      (DEFAULT_SETTINGS.siteRules as unknown[]).push({});
    }).toThrow(TypeError);
    expect(Object.isFrozen(DEFAULT_SETTINGS.detection.factors)).toBe(true);
  });

  test('stored v1 settings load migrated and repaired, and are written back as v2', async () => {
    await fakeBrowser.storage.sync.set({ settings: V1_SETTINGS });
    const loaded = await createSettingsStore().load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.settings.siteDefaults.fix).toBe(false);
    expect(loaded.settings.siteRules[0]).toEqual({
      pattern: 'paper.example.com',
      fix: true,
      pinyin: true,
      conversion: 's2tw',
      joinLines: false,
    });
    expect(loaded.settings.detection).toEqual({
      ...DEFAULT_SETTINGS.detection,
      sensitivity: 'balanced',
      outline: false,
    });
    expect(loaded.settings.pinyin.style).toBe('tone-numbers');
    expect(loaded.settings.conversion.variant).toBe('s2hk');
    const stored = await fakeBrowser.storage.sync.get(['settings', 'settings$']);
    expect(stored.settings$).toEqual({ v: SETTINGS_VERSION });
    expect(stored.settings).toHaveProperty('siteRules');
  });

  test('a v1 value with a broken field migrates the rest and reports the field', async () => {
    await fakeBrowser.storage.sync.set({ settings: { ...V1_SETTINGS, sensitivity: 7 } });
    const loaded = await createSettingsStore().load();
    expect(loaded.settings.detection.sensitivity).toBe('conservative');
    expect(loaded.settings.siteRules).toHaveLength(2);
    expect(loaded.problems).toEqual([
      { kind: 'repaired', repairs: [{ path: 'detection.sensitivity', reason: 'invalid' }] },
    ]);
  });
});

describe('the settings store', () => {
  test('nothing stored: defaults from sync, no problems, nothing written', async () => {
    const loaded = await createSettingsStore().load();
    expect(loaded).toEqual({ settings: DEFAULT_SETTINGS, area: 'sync', problems: [] });
    expect(await fakeBrowser.storage.sync.get('settings')).toEqual({});
  });

  test('save then load round-trips through sync storage', async () => {
    const store = createSettingsStore();
    const settings = settingsWith((s) => {
      s.detection.sensitivity = 'aggressive';
    });
    expect(await store.save(settings)).toEqual({ ok: true, area: 'sync', problems: [] });
    expect((await createSettingsStore().load()).settings).toEqual(settings);
  });

  test('corrupt stored fields are repaired on load, reported, and not written back', async () => {
    const corrupt = { ...createDefaultSettings(), detection: { sensitivity: 'loud', factors: 'all', latin: false } };
    await fakeBrowser.storage.sync.set({ settings: corrupt, settings$: { v: SETTINGS_VERSION } });
    const loaded = await createSettingsStore().load();
    expect(loaded.settings.detection).toEqual({ ...DEFAULT_SETTINGS.detection, latin: false });
    expect(loaded.problems).toEqual([
      {
        kind: 'repaired',
        repairs: [
          { path: 'detection.sensitivity', reason: 'invalid' },
          { path: 'detection.factors', reason: 'invalid' },
        ],
      },
    ]);
    // The stored value is left for the reader to see and decide; loading never overwrites it.
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toEqual(corrupt);
  });

  test('save refuses invalid settings and leaves the stored ones alone', async () => {
    const store = createSettingsStore();
    const good = settingsWith((s) => {
      s.detection.latin = false;
    });
    await store.save(good);
    const bad = { ...good, detection: { ...good.detection, sensitivity: 'loud' } } as unknown as Settings;
    const result = await store.save(bad);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', path: 'detection.sensitivity' });
    expect((await store.load()).settings).toEqual(good);
  });

  test('settings too big for one sync item go to local storage, with a clear problem, and come back', async () => {
    const store = createSettingsStore();
    const big = settingsWith((s) => {
      for (let i = 0; i < 150; i++) {
        s.siteRules.push({
          pattern: `site-number-${i}.example.com`,
          fix: true,
          pinyin: true,
          conversion: 's2twp',
          joinLines: false,
        });
      }
    });
    expect(JSON.stringify(big).length).toBeGreaterThan(SYNC_ITEM_QUOTA_BYTES);
    const setSync = vi.spyOn(fakeBrowser.storage.sync, 'set');
    expect(await store.save(big)).toEqual({ ok: true, area: 'local', problems: [{ kind: 'sync-quota' }] });
    expect(setSync).not.toHaveBeenCalled();
    const loaded = await createSettingsStore().load();
    expect(loaded).toEqual({ settings: big, area: 'local', problems: [{ kind: 'sync-quota' }] });

    // Small again: back to sync, and the problem goes away.
    const small = settingsWith((s) => {
      s.detection.outline = false;
    });
    expect(await store.save(small)).toEqual({ ok: true, area: 'sync', problems: [] });
    expect(await createSettingsStore().load()).toEqual({ settings: small, area: 'sync', problems: [] });
  });

  test('a quota error from the browser also falls back to local storage', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const store = createSettingsStore();
    const settings = settingsWith((s) => {
      s.pinyin.style = 'zhuyin';
    });
    expect(await store.save(settings)).toEqual({ ok: true, area: 'local', problems: [{ kind: 'sync-quota' }] });
    expect((await createSettingsStore().load()).settings).toEqual(settings);
  });

  test("hitting sync's write rate limit keeps the change locally, then goes back to sync", async () => {
    const store = createSettingsStore();
    const set = vi
      .spyOn(fakeBrowser.storage.sync, 'set')
      .mockRejectedValueOnce(new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.'));
    const first = settingsWith((s) => {
      s.detection.latin = false;
    });
    expect(await store.save(first)).toEqual({ ok: true, area: 'local', problems: [{ kind: 'sync-rate' }] });
    expect(await createSettingsStore().load()).toEqual({
      settings: first,
      area: 'local',
      problems: [{ kind: 'sync-rate' }],
    });
    const second = settingsWith((s) => {
      s.detection.latin = false;
      s.detection.outline = false;
    });
    expect(await store.save(second)).toEqual({ ok: true, area: 'sync', problems: [] });
    expect(await createSettingsStore().load()).toEqual({ settings: second, area: 'sync', problems: [] });
    expect(set).toHaveBeenCalled();
  });

  test("sync failing with no local copy: reported unreadable, never shown as the reader's settings", async () => {
    const store = createSettingsStore();
    await store.save(
      settingsWith((s) => {
        s.detection.sensitivity = 'aggressive';
      }),
    );
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValueOnce(new Error('sync hiccup'));
    expect(await store.load()).toEqual({
      settings: DEFAULT_SETTINGS,
      area: 'none',
      problems: [{ kind: 'unavailable', detail: 'sync hiccup' }],
    });
    // Once sync answers again, the reader's settings are there, untouched.
    expect((await store.load()).settings.detection.sensitivity).toBe('aggressive');
  });

  test('sync storage unavailable: reads and writes go to local, and the reader is told', async () => {
    // Created first: WXT's items read storage once when defined, outside any promise we can catch.
    const store = createSettingsStore();
    await store.load();
    await fakeBrowser.storage.local.set({ settings: createDefaultSettings() });
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('sync is disabled'));
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('sync is disabled'));
    const loaded = await store.load();
    expect(loaded.area).toBe('local');
    expect(loaded.problems).toEqual([{ kind: 'sync-unavailable', detail: 'sync is disabled' }]);
    const settings = settingsWith((s) => {
      s.siteDefaults.pinyin = true;
    });
    expect(await store.save(settings)).toMatchObject({ ok: true, area: 'local' });
    expect((await store.load()).settings).toEqual(settings);
  });

  test('no storage at all: defaults in memory, a problem to show, and a failed save says so', async () => {
    const store = createSettingsStore();
    await store.load();
    for (const area of [fakeBrowser.storage.sync, fakeBrowser.storage.local]) {
      vi.spyOn(area, 'get').mockRejectedValue(new Error('storage is broken'));
      vi.spyOn(area, 'set').mockRejectedValue(new Error('storage is broken'));
    }
    const loaded = await store.load();
    expect(loaded).toEqual({
      settings: DEFAULT_SETTINGS,
      area: 'none',
      problems: [{ kind: 'unavailable', detail: 'storage is broken' }],
    });
    expect(await store.save(createDefaultSettings())).toEqual({
      ok: false,
      reason: 'unavailable',
      detail: 'storage is broken',
    });
  });

  test('watch reports every save, from any store (another context), with the loaded settings', async () => {
    const watcher = createSettingsStore();
    const seen: LoadedSettings[] = [];
    const unwatch = watcher.watch((loaded) => seen.push(loaded));
    const writer = createSettingsStore();
    const settings = settingsWith((s) => {
      s.siteRules.push({ pattern: 'example.com', fix: false, pinyin: false, conversion: 'off', joinLines: false });
    });
    await writer.save(settings);
    await vi.waitFor(() => expect(seen.at(-1)?.settings).toEqual(settings));
    unwatch();
    const count = seen.length;
    await writer.save(createDefaultSettings());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toHaveLength(count);
  });
});
