/**
 * Walking a page into text blocks: a block-level element's text with that of its inline
 * descendants, as one string with a map back to the text nodes it came from. Pure page code: it
 * reads the DOM and knows nothing of features or UI. Shared by every page feature (fix, pinyin,
 * conversion).
 */
import { isHiddenLineBreak, isJoinedInline } from './line-join-markers';
import { INLINE_TAGS, OPT_OUT_CLASS, OWN_NODE_ATTRIBUTE, SKIPPED_TAGS } from './markers';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;
const DOCUMENT_FRAGMENT_NODE = 11;

/** One run of text a reader sees as a unit: a block-level element's own inline text. */
export interface TextBlock {
  /** The nearest block-level element around the text (or the root the walk started at). */
  readonly container: Element | Document | DocumentFragment;
  /** The text nodes, in document order. Never empty. */
  readonly nodes: readonly Text[];
  /** The nodes' texts concatenated (as read by `readText`, by default `node.data`). */
  readonly text: string;
  /**
   * `starts[i]` is where `nodes[i]` begins in `text` (UTF-16 code units); `starts[nodes.length]`
   * is `text.length`, so node `i` covers `text.slice(starts[i], starts[i + 1])`.
   */
  readonly starts: readonly number[];
}

export interface TextBlockOptions {
  /**
   * How to read a text node. A feature that rewrites text passes its store's `readOriginal` so
   * blocks are always judged from the page's original text, which keeps repairs idempotent.
   */
  readText?: (node: Text) => string;
  /**
   * Cheap test run on a block's text before the block is returned, e.g. `mightContainDoubledText`.
   * Blocks it rejects are never returned. Blocks of only whitespace are never returned.
   */
  accept?: (text: string) => boolean;
  /** Extra elements to skip, on top of the built-in rules (`isSkippedElement`). */
  skip?: (element: Element) => boolean;
  /**
   * An element of Qingdu's own that stands in for a page text node (pinyin's wrapper): the walk
   * reads the page's node in its place, so a block is always made of the page's own nodes.
   */
  substitute?: (element: Element) => Text | undefined;
  /** Called for each open shadow root the walk enters, so an observer can follow it. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** Walk into open shadow roots (default true). */
  shadowRoots?: boolean;
}

/**
 * Should the walker stay out of this element and everything inside it? Scripts, styles, form
 * fields, code, formulas, ruby text, editable regions (`contenteditable`, `role=textbox`),
 * `translate="no"`, the opt-out class, and Qingdu's own nodes.
 */
export function isSkippedElement(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.localName)) return true;
  // Most elements of a long article carry no attributes: skip the attribute look-ups for them.
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute(OWN_NODE_ATTRIBUTE)) return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  if (element.getAttribute('translate')?.toLowerCase() === 'no') return true;
  if (element.getAttribute('role') === 'textbox') return true;
  return element.classList?.contains(OPT_OUT_CLASS) === true;
}

/**
 * Is this element a block boundary? Anything not in `INLINE_TAGS`, and an inline element that sets
 * its own language (`<span lang="ja">`), so every block has one language. A block Qingdu laid out
 * inline to join the lines a print column broke reads as inline: the joined lines are one block.
 */
export function isBlockElement(element: Element): boolean {
  if (INLINE_TAGS.has(element.localName)) return element.hasAttribute('lang');
  // Most elements carry no attributes: no look-up for them.
  return !(element.hasAttributes() && isJoinedInline(element) && !element.hasAttribute('lang'));
}

/** The parent across a shadow boundary: a shadow root's parent is its host. */
function parentAcrossShadow(node: Node): Node | null {
  if (node.parentNode) return node.parentNode;
  const host = (node as ShadowRoot).host;
  return host ?? null;
}

/**
 * Is `node` inside something the walker skips (checked up to the document, across shadow
 * boundaries), or in a document being edited as a whole (`designMode`)?
 */
export function isInsideSkipped(node: Node, skip?: (element: Element) => boolean): boolean {
  const doc = node.nodeType === DOCUMENT_NODE ? (node as Document) : node.ownerDocument;
  if (doc?.designMode === 'on') return true;
  for (let current: Node | null = node; current; current = parentAcrossShadow(current)) {
    if (current.nodeType === ELEMENT_NODE) {
      const element = current as Element;
      if (isSkippedElement(element) || skip?.(element)) return true;
    }
  }
  return false;
}

/**
 * The nearest block-level element around `node` (itself if it is one): the smallest root that
 * re-walking covers every block `node` belongs to. Stops at a shadow root or the document.
 */
export function findBlockContainer(node: Node): Element | Document | DocumentFragment {
  let current: Node | null = node.nodeType === ELEMENT_NODE ? node : node.parentNode;
  while (current) {
    if (current.nodeType === ELEMENT_NODE) {
      if (isBlockElement(current as Element)) return current as Element;
    } else if (current.nodeType === DOCUMENT_NODE || current.nodeType === DOCUMENT_FRAGMENT_NODE) {
      return current as Document | DocumentFragment;
    }
    current = current.parentNode;
  }
  return (node.ownerDocument ?? node) as Document;
}

/** A step on the walk's stack: enter a new container, or leave the current one. */
type BoundaryMark = { enter: Element | Document | DocumentFragment } | { exit: true };

/**
 * Walk `root` lazily into text blocks, in document order. A generator so that long walks can
 * pause between blocks and yield to the page (see `runChunked`). If `root` itself lies inside a
 * skipped element, nothing is returned. An open shadow root is walked after its host's own
 * children, as blocks of its own.
 */
export function* iterateTextBlocks(root: Node, options: TextBlockOptions = {}): Generator<TextBlock, void, undefined> {
  if (isInsideSkipped(root, options.skip)) return;
  const readText = options.readText ?? ((node: Text) => node.data);
  const followShadow = options.shadowRoots !== false;

  let nodes: Text[] = [];
  let pieces: string[] = [];
  let starts: number[] = [];
  let length = 0;
  const containers: (Element | Document | DocumentFragment)[] = [
    root.nodeType === ELEMENT_NODE || root.nodeType === TEXT_NODE
      ? findBlockContainer(root)
      : (root as Document | DocumentFragment),
  ];
  const current = () => containers[containers.length - 1] as Element | Document | DocumentFragment;

  const flush = (): TextBlock | undefined => {
    if (nodes.length === 0) return undefined;
    const text = pieces.join('');
    starts.push(length);
    const block: TextBlock = { container: current(), nodes, text, starts };
    nodes = [];
    pieces = [];
    starts = [];
    length = 0;
    if (!/\S/.test(text)) return undefined;
    if (options.accept && !options.accept(text)) return undefined;
    return block;
  };

  const stack: (Node | BoundaryMark)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop() as Node | BoundaryMark;
    if (!('nodeType' in item)) {
      const block = flush();
      if ('enter' in item) containers.push(item.enter);
      else containers.pop();
      if (block) yield block;
      continue;
    }
    const type = item.nodeType;
    if (type === TEXT_NODE) {
      const text = readText(item as Text);
      nodes.push(item as Text);
      pieces.push(text);
      starts.push(length);
      length += text.length;
      continue;
    }
    if (type === ELEMENT_NODE) {
      const element = item as Element;
      const standIn = options.substitute?.(element);
      if (standIn) {
        const text = readText(standIn);
        nodes.push(standIn);
        pieces.push(text);
        starts.push(length);
        length += text.length;
        continue;
      }
      if (item !== root && (isSkippedElement(element) || options.skip?.(element))) {
        // A line break Qingdu hid to join two lines is not there at all.
        if (isHiddenLineBreak(element)) continue;
        // Skipped content separates the text around it.
        const block = flush();
        if (block) yield block;
        continue;
      }
      const isBlock = item !== root && isBlockElement(element);
      const shadow = followShadow ? element.shadowRoot : null;
      if (!isBlock && !shadow) {
        for (let child = element.lastChild; child; child = child.previousSibling) stack.push(child);
        continue;
      }
      const block = flush();
      if (shadow) {
        options.onShadowRoot?.(shadow);
        stack.push({ exit: true });
        for (let child = shadow.lastChild; child; child = child.previousSibling) stack.push(child);
        stack.push({ enter: shadow });
      }
      stack.push({ exit: true });
      for (let child = element.lastChild; child; child = child.previousSibling) stack.push(child);
      containers.push(isBlock ? element : current());
      if (block) yield block;
      continue;
    }
    if (type === DOCUMENT_NODE || type === DOCUMENT_FRAGMENT_NODE) {
      for (let child = item.lastChild; child; child = child.previousSibling) stack.push(child);
    }
  }
  const last = flush();
  if (last) yield last;
}

/** All text blocks under `root` at once (see `iterateTextBlocks` for the lazy form). */
export function collectTextBlocks(root: Node, options: TextBlockOptions = {}): TextBlock[] {
  return [...iterateTextBlocks(root, options)];
}

/** Where a block offset falls: the text node and the offset inside it. */
export interface NodePosition {
  index: number;
  node: Text;
  offset: number;
}

/**
 * Map an offset in `block.text` to a text node and an offset in it. An offset on the border of
 * two nodes maps to the start of the later one (`preferEnd` maps it to the end of the earlier).
 */
export function locateOffset(block: TextBlock, offset: number, preferEnd = false): NodePosition {
  const { starts, nodes } = block;
  let low = 0;
  let high = nodes.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    const start = starts[mid] as number;
    if (start < offset || (start === offset && !preferEnd)) low = mid;
    else high = mid - 1;
  }
  return { index: low, node: nodes[low] as Text, offset: offset - (starts[low] as number) };
}

/** The offset in `block.text` of a position inside one of its nodes, or -1 if not in the block. */
export function blockOffsetOf(block: TextBlock, node: Text, offset: number): number {
  const index = block.nodes.indexOf(node);
  return index < 0 ? -1 : (block.starts[index] as number) + offset;
}
