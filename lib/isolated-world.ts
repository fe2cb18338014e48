import type { PageSettings } from './messaging';

/**
 * What Qingdu's scripts in one frame share: the sentinel and the page pipeline run in the same
 * isolated world (the page never sees it), whichever of them started first.
 */

export interface WorldState {
  /** A random key for this document, so the background can tell a navigation from a report of the same page. */
  readonly documentKey: string;
  /** The page pipeline, once it runs in this frame. */
  pipeline?: { stop(): void };
  /** The frame's settings, as the background answered the sentinel (the pipeline starts with them). */
  settings?: PageSettings;
}

const KEY = '__qingdu';

/**
 * A random id, without `crypto.randomUUID`, which exists only in secure contexts: on a plain http
 * page (most e-paper sites) it is missing. `crypto.getRandomValues` exists everywhere.
 */
export function createRandomId(random: Pick<Crypto, 'getRandomValues'> = crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function getWorldState(): WorldState {
  const holder = globalThis as unknown as Record<string, WorldState | undefined>;
  let state = holder[KEY];
  if (!state) {
    state = { documentKey: createRandomId() };
    Object.defineProperty(globalThis, KEY, { value: state, configurable: true });
  }
  return state;
}
