/**
 * Where settings live: `sync` storage (follows the reader between browsers), falling back to
 * `local` when sync's per-item quota is exceeded or sync is unavailable. Stored values are
 * migrated (WXT storage `version` + `migrations`) and then repaired field by field; nothing here
 * ever writes defaults over stored settings on its own: only `saveSettings` writes.
 */
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { SETTINGS_MIGRATIONS } from './migrations';
import { repairSettings, type SettingsRepair } from './repair';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings, SettingsSchema } from './schema';

export type SettingsArea = 'sync' | 'local';

/** Where the current settings are, when they are not in sync storage. */
export interface SettingsLocation {
  area: SettingsArea;
  /** Why they are in local storage. */
  reason?: LocalReason;
}

/** Why settings are in local storage: too big for sync, sync's write rate limit, or sync failing. */
export type LocalReason = 'sync-quota' | 'sync-rate' | 'sync-unavailable';

export type SettingsProblem =
  /** Some stored fields were broken; they are shown with their defaults until the next save. */
  | { kind: 'repaired'; repairs: SettingsRepair[] }
  /** Too big for sync storage: kept in this browser only. */
  | { kind: 'sync-quota' }
  /** Sync's write rate limit was hit: kept in this browser; the next change tries sync again. */
  | { kind: 'sync-rate' }
  /** Sync storage failed: kept in this browser only. */
  | { kind: 'sync-unavailable'; detail: string }
  /**
   * The settings cannot be read (no storage, or sync failing with no local copy): defaults are in
   * use and the options page does not save, so nothing replaces the reader's settings unseen.
   */
  | { kind: 'unavailable'; detail: string };

export interface LoadedSettings {
  settings: Settings;
  /** Where they came from; `none` when no storage could be read. */
  area: SettingsArea | 'none';
  problems: SettingsProblem[];
}

export type SaveResult =
  | { ok: true; area: SettingsArea; problems: SettingsProblem[] }
  | { ok: false; reason: 'invalid'; path: string; detail: string }
  | { ok: false; reason: 'unavailable'; detail: string };

/** chrome.storage.sync's QUOTA_BYTES_PER_ITEM (key + JSON value); Firefox allows the same. */
export const SYNC_ITEM_QUOTA_BYTES = 8192;
export const SETTINGS_KEY = 'settings';

export interface SettingsStore {
  load(): Promise<LoadedSettings>;
  save(settings: Settings): Promise<SaveResult>;
  /** Calls `callback` with freshly loaded settings after every change, from any context. */
  watch(callback: (loaded: LoadedSettings) => void): () => void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Chrome: "QUOTA_BYTES_PER_ITEM quota exceeded"; Firefox: "QuotaExceededError: …". */
export function isQuotaError(error: unknown): boolean {
  return /quota/i.test(describe(error)) || (error instanceof Error && error.name === 'QuotaExceededError');
}

/** Chrome names the write-rate quotas MAX_WRITE_OPERATIONS_PER_MINUTE / _PER_HOUR. */
export function classifySyncError(error: unknown): LocalReason {
  if (/MAX_WRITE_OPERATIONS/i.test(describe(error))) return 'sync-rate';
  return isQuotaError(error) ? 'sync-quota' : 'sync-unavailable';
}

export function measureSyncBytes(settings: Settings): number {
  return new TextEncoder().encode(SETTINGS_KEY + JSON.stringify(settings)).length;
}

/** A store over fresh storage items; tests create one per case, the extension uses one per context. */
export function createSettingsStore(): SettingsStore {
  const itemOptions = {
    fallback: DEFAULT_SETTINGS,
    version: SETTINGS_VERSION,
    migrations: SETTINGS_MIGRATIONS,
  };
  const syncItem = storage.defineItem<Settings>(`sync:${SETTINGS_KEY}`, itemOptions);
  const localItem = storage.defineItem<Settings>(`local:${SETTINGS_KEY}`, itemOptions);
  const locationItem = storage.defineItem<SettingsLocation>('local:settingsLocation', {
    fallback: { area: 'sync' },
  });

  async function readLocation(): Promise<SettingsLocation> {
    try {
      const location: unknown = await locationItem.getValue();
      if (location && typeof location === 'object' && (location as SettingsLocation).area === 'local') {
        return location as SettingsLocation;
      }
    } catch {
      // Local storage unreadable: try sync below.
    }
    return { area: 'sync' };
  }

  async function load(): Promise<LoadedSettings> {
    const problems: SettingsProblem[] = [];
    const location = await readLocation();
    let raw: unknown;
    let area: LoadedSettings['area'];
    if (location.area === 'local') {
      problems.push(
        location.reason === 'sync-unavailable'
          ? { kind: 'sync-unavailable', detail: '' }
          : { kind: location.reason === 'sync-rate' ? 'sync-rate' : 'sync-quota' },
      );
      try {
        raw = await localItem.getValue();
        area = 'local';
      } catch (error) {
        return unavailable(error);
      }
    } else {
      try {
        raw = await syncItem.getValue();
        area = 'sync';
      } catch (syncError) {
        try {
          // Without a local copy, showing defaults as "your settings" and saving them could
          // replace the synced settings once sync is back: report them unreadable instead.
          if ((await storage.getItem(`local:${SETTINGS_KEY}`)) === null) return unavailable(syncError);
          raw = await localItem.getValue();
          area = 'local';
          problems.push({ kind: 'sync-unavailable', detail: describe(syncError) });
        } catch (error) {
          return unavailable(error);
        }
      }
    }
    const { settings, repairs } = repairSettings(raw);
    if (repairs.length > 0) problems.push({ kind: 'repaired', repairs });
    return { settings, area, problems };
  }

  function unavailable(error: unknown): LoadedSettings {
    return {
      settings: structuredClone(DEFAULT_SETTINGS),
      area: 'none',
      problems: [{ kind: 'unavailable', detail: describe(error) }],
    };
  }

  async function saveLocally(settings: Settings, reason: LocalReason, detail: string): Promise<SaveResult> {
    try {
      await localItem.setValue(settings);
      await locationItem.setValue({ area: 'local', reason });
    } catch (error) {
      return { ok: false, reason: 'unavailable', detail: describe(error) };
    }
    const problem: SettingsProblem = reason === 'sync-unavailable' ? { kind: reason, detail } : { kind: reason };
    return { ok: true, area: 'local', problems: [problem] };
  }

  async function save(settings: Settings): Promise<SaveResult> {
    const parsed = v.safeParse(SettingsSchema, settings);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      return { ok: false, reason: 'invalid', path: v.getDotPath(issue) ?? '', detail: issue.message };
    }
    const value = parsed.output;
    if (measureSyncBytes(value) > SYNC_ITEM_QUOTA_BYTES) return saveLocally(value, 'sync-quota', '');
    try {
      await syncItem.setValue(value);
    } catch (error) {
      return saveLocally(value, classifySyncError(error), describe(error));
    }
    const location = await readLocation();
    if (location.area === 'local') {
      try {
        await locationItem.setValue({ area: 'sync' });
      } catch {
        // The sync copy is written; a stale marker only means the next load reads the local copy.
      }
    }
    return { ok: true, area: 'sync', problems: [] };
  }

  function watch(callback: (loaded: LoadedSettings) => void): () => void {
    let generation = 0;
    const reload = () => {
      const current = ++generation;
      void load().then((loaded) => {
        // Only the newest of overlapping reloads reaches the callback.
        if (current === generation) callback(loaded);
      });
    };
    const unwatchers: (() => void)[] = [];
    for (const item of [syncItem, localItem, locationItem] as const) {
      try {
        unwatchers.push(item.watch(reload));
      } catch {
        // That area does not exist in this browser; the others still report changes.
      }
    }
    return () => {
      for (const unwatch of unwatchers) unwatch();
    };
  }

  return { load, save, watch };
}

let defaultStore: SettingsStore | undefined;

function getDefaultStore(): SettingsStore {
  defaultStore ??= createSettingsStore();
  return defaultStore;
}

export function loadSettings(): Promise<LoadedSettings> {
  return getDefaultStore().load();
}

export function saveSettings(settings: Settings): Promise<SaveResult> {
  return getDefaultStore().save(settings);
}

export function watchSettings(callback: (loaded: LoadedSettings) => void): () => void {
  return getDefaultStore().watch(callback);
}
