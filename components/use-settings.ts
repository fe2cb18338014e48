import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import {
  type LoadedSettings,
  loadSettings,
  type SaveResult,
  type Settings,
  saveSettings,
  watchSettings,
} from '@/lib/settings';

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; area: 'sync' | 'local' }
  | { state: 'failed'; detail: string };

export interface SettingsController {
  loaded: LoadedSettings | undefined;
  status: SaveStatus;
  /** Save a whole new settings object (shown at once, stored in the background). */
  save(next: Settings): Promise<SaveResult>;
  /** Change a copy of the current settings and save it. */
  change(mutate: (draft: Settings) => void): Promise<SaveResult>;
}

/**
 * The options page's view of the settings: loaded once, kept fresh from storage (another tab or
 * the popup may change them), saved on every change.
 */
export function useSettings(): SettingsController {
  const [loaded, setLoaded] = useState<LoadedSettings>();
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const latest = useRef<LoadedSettings | undefined>(undefined);
  // While saves are in flight, storage events describe older states: apply them only afterwards.
  const pendingSaves = useRef(0);

  const apply = useCallback((next: LoadedSettings) => {
    latest.current = next;
    setLoaded(next);
  }, []);

  useEffect(() => {
    let alive = true;
    void loadSettings().then((first) => {
      if (alive && !latest.current) apply(first);
    });
    const unwatch = watchSettings((next) => {
      if (alive && pendingSaves.current === 0) apply(next);
    });
    return () => {
      alive = false;
      unwatch();
    };
  }, [apply]);

  const save = useCallback(
    async (next: Settings): Promise<SaveResult> => {
      const previous = latest.current;
      if (previous?.area === 'none') {
        // The stored settings could not be read: saving now could replace them with defaults.
        const detail = i18n.t('options.status.readOnly');
        setStatus({ state: 'failed', detail });
        return { ok: false, reason: 'unavailable', detail };
      }
      if (previous) apply({ ...previous, settings: next });
      pendingSaves.current += 1;
      setStatus({ state: 'saving' });
      let result: SaveResult;
      try {
        result = await saveSettings(next);
      } catch (error) {
        result = { ok: false, reason: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
      }
      pendingSaves.current -= 1;
      if (result.ok) setStatus({ state: 'saved', area: result.area });
      else setStatus({ state: 'failed', detail: result.reason === 'invalid' ? result.path : result.detail });
      if (pendingSaves.current === 0) apply(await loadSettings());
      return result;
    },
    [apply],
  );

  const change = useCallback(
    (mutate: (draft: Settings) => void) => {
      const current = latest.current?.settings;
      if (!current) return Promise.resolve<SaveResult>({ ok: false, reason: 'unavailable', detail: 'not loaded' });
      const draft = structuredClone(current);
      mutate(draft);
      return save(draft);
    },
    [save],
  );

  return { loaded, status, save, change };
}
