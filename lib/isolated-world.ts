/**
 * What Qingdu's scripts in one frame share: the sentinel and the page pipeline run in the same
 * isolated world (the page never sees it), whichever of them started first.
 */

export interface WorldState {
  /** A random key for this document, so the background can tell a navigation from a report of the same page. */
  readonly documentKey: string;
  /** The page pipeline, once it runs in this frame. */
  pipeline?: { stop(): void };
}

const KEY = '__qingdu';

export function getWorldState(): WorldState {
  const holder = globalThis as unknown as Record<string, WorldState | undefined>;
  let state = holder[KEY];
  if (!state) {
    state = { documentKey: crypto.randomUUID() };
    Object.defineProperty(globalThis, KEY, { value: state, configurable: true });
  }
  return state;
}
