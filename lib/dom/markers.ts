/**
 * DOM markers Qingdu writes, and the names and element sets the page layer matches on, kept in
 * one place so the page layer, its tests and the end-to-end tests agree on them. Pages must not
 * see Qingdu: nothing marks a page as having it (tests wait through the extension's own state);
 * the only markers are those of what the reader asked for (fixed passages, the tooltip) and of
 * Qingdu's own elements.
 */

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
