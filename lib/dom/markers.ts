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
