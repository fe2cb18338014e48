/**
 * DOM markers Qingdu writes, and the names and element sets the page layer matches on, kept in
 * one place so the page layer, its tests and the end-to-end tests agree on them.
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

/**
 * Elements whose text Qingdu never reads or changes (lower-case local names): code, scripts,
 * form fields, formulas, ruby annotations. Text inside them is also a block boundary.
 */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'code',
  'pre',
  'kbd',
  'samp',
  'svg',
  'math',
  'rt',
  'rp',
  'iframe',
  'object',
  'canvas',
]);

/**
 * Inline elements (lower-case local names): their text joins the text around them into one
 * block, so `<h1><b>勇勇于于</b><span>担担当当</span></h1>` is judged as one headline. Every
 * other element (block-level, `br`, `img`, custom elements…) is a block boundary, which is the
 * safe side: a boundary can only hide a repair, never create a false one across two blocks.
 */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'label',
  'mark',
  'nobr',
  'q',
  'ruby',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

/** Readers and sites put this class on an element to keep Qingdu out of it. */
export const OPT_OUT_CLASS = 'qingdu-skip';

/** Every element Qingdu inserts (style sheets, tooltip, pinyin annotations) carries this attribute. */
export const OWN_NODE_ATTRIBUTE = 'data-qingdu-own';

/** Mark an element as Qingdu's own so every walker and observer leaves it alone. */
export function markOwnNode<T extends Element>(element: T): T {
  element.setAttribute(OWN_NODE_ATTRIBUTE, '');
  return element;
}

/** Set on the nearest element around a fixed passage (the outline and hover original hang on it). */
export const FIXED_ATTRIBUTE = 'data-qingdu-fixed';

/** The id of Qingdu's tooltip host element, which shows a fixed passage's original on hover. */
export const TOOLTIP_HOST_ID = 'qingdu-tooltip';
