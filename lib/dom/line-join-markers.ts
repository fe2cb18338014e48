/**
 * The line join's marks on the page, and how a page walker reads them. Apart from
 * `line-join.ts` so the walker (`text-blocks.ts`) can import them without a cycle.
 */
import { OWN_NODE_ATTRIBUTE } from './markers';

/** Set on Qingdu's span that hides a `<br>`, and on the blocks it lays out inline. */
export const LINE_JOIN_ATTRIBUTE = 'data-qingdu-line-join';
export const LINE_JOIN_BREAK = 'break';
export const LINE_JOIN_INLINE = 'inline';
/** The id of the stylesheet that does the joining. */
export const LINE_JOIN_STYLE_ID = 'qingdu-line-join';

/** Should the page walker read through this element as inline (a block Qingdu laid out inline)? */
export function isJoinedInline(element: Element): boolean {
  return element.getAttribute(LINE_JOIN_ATTRIBUTE) === LINE_JOIN_INLINE;
}

/**
 * Is this Qingdu's span hiding a `<br>` between two joined lines, or the `<br>` inside it? The page
 * walker reads through both as if they were not there (no text, no block boundary).
 */
export function isHiddenLineBreak(element: Element): boolean {
  const span = element.localName === 'br' ? element.parentElement : element;
  return (
    span?.localName === 'span' &&
    span.getAttribute(LINE_JOIN_ATTRIBUTE) === LINE_JOIN_BREAK &&
    span.hasAttribute(OWN_NODE_ATTRIBUTE)
  );
}
