/**
 * DOM markers Qingdu writes, kept in one place so the page layer, its tests and the
 * end-to-end tests agree on their names.
 */

/** Set on `<html>` once the content script has started in a frame. */
export const READY_ATTRIBUTE = 'data-qingdu';
export const READY_VALUE = 'ready';

/** Mark the document so tests (and curious readers) can see Qingdu runs here. */
export function markDocumentReady(doc: Document): void {
  doc.documentElement?.setAttribute(READY_ATTRIBUTE, READY_VALUE);
}

/**
 * Each page feature reports its progress on `<html>` so tests and benchmarks can wait for it
 * without timing guesses: `working` while it has pending work, `idle` once everything it has
 * seen is done, removed when the feature is off.
 */
export const FEATURE_STATE_ATTRIBUTES = {
  fix: 'data-qingdu-fix',
  pinyin: 'data-qingdu-pinyin',
  conversion: 'data-qingdu-conversion',
} as const;
export type PageFeatureName = keyof typeof FEATURE_STATE_ATTRIBUTES;
export type FeatureState = 'working' | 'idle';

export function setFeatureState(doc: Document, feature: PageFeatureName, state: FeatureState | undefined): void {
  const root = doc.documentElement;
  if (!root) return;
  const name = FEATURE_STATE_ATTRIBUTES[feature];
  if (state === undefined) root.removeAttribute(name);
  else if (root.getAttribute(name) !== state) root.setAttribute(name, state);
}

/** Remove the ready marker when the content script stops in this frame. */
export function clearDocumentReady(doc: Document): void {
  doc.documentElement?.removeAttribute(READY_ATTRIBUTE);
}
