/**
 * Ruby annotations over a page's text, with an exact undo. Each annotated text node is taken out of
 * the page whole and a wrapper takes its place, holding the same characters as plain text nodes and
 * `<ruby>字<rt></rt></ruby>` elements. Restoring puts the very same text node back, so the page's
 * DOM is node for node and byte for byte what it was.
 *
 * Built only with createElement / createTextNode: page text never becomes markup. The annotation
 * text itself is not in the DOM at all: it lives in data attributes on `<rt>` that a stylesheet
 * shows with `content: attr(…)`, so one stylesheet switches between forms without touching the
 * nodes, and copy and paste and find-in-page see only the page's characters.
 */
import { markOwnNode } from './markers';
import { locateOffset, type TextBlock } from './text-blocks';

/** Class of every `<ruby>` Qingdu adds. */
export const RUBY_CLASS = 'qingdu-ruby';
/** Class of the wrapper that stands in for an annotated text node. */
export const RUBY_WRAPPER_CLASS = 'qingdu-ruby-text';

/** One annotated character (or run) inside a block. */
export interface RubyAnnotation {
  /** Offset in the block's text (UTF-16 code units). */
  index: number;
  /** Length of the annotated base text in code units; must not cross a text node border. */
  length: number;
  /** Attributes of the `<ruby>` (names Qingdu controls; values are never page text). */
  rubyAttributes: Readonly<Record<string, string>>;
  /** Attributes of the `<rt>`, where the annotation forms live. */
  rtAttributes: Readonly<Record<string, string>>;
}

/** Tracks annotated text nodes and puts them back. One per feature per document. */
export class RubyAnnotations {
  /** Original text node → the wrapper standing in its place. */
  private readonly wrappers = new Map<Text, HTMLElement>();
  /** Wrapper → the original text node it stands in for. */
  private readonly originalsByWrapper = new WeakMap<Element, Text>();

  /** What each annotation was made with (the annotating stage), so an unchanged block is left as it is. */
  private readonly versions = new WeakMap<Text, unknown>();

  /** The page's text node a wrapper of ours stands in for (pass as the walker's `substitute`). */
  readonly originalOf = (element: Element): Text | undefined =>
    this.wrappers.size > 0 ? this.originalsByWrapper.get(element) : undefined;

  /** The wrapper standing in the page for `node`, if it is annotated. */
  readonly wrapperOf = (node: Text): HTMLElement | undefined => this.wrappers.get(node);

  /** What annotated `node` (see `annotateBlock`), or undefined if it is not annotated. */
  versionOf(node: Text): unknown {
    return this.wrappers.has(node) ? this.versions.get(node) : undefined;
  }

  get size(): number {
    return this.wrappers.size;
  }

  isAnnotated(node: Text): boolean {
    return this.wrappers.size > 0 && this.wrappers.has(node);
  }

  /** The original text nodes currently replaced by annotations. */
  originals(): Text[] {
    return [...this.wrappers.keys()];
  }

  /**
   * Annotate `block` (read from the page's current text nodes). Annotations are grouped by text
   * node; a node with none is left alone. Returns the original text nodes that were replaced.
   */
  annotateBlock(block: TextBlock, annotations: readonly RubyAnnotation[], version?: unknown): Text[] {
    const byNode = new Map<number, RubyAnnotation[]>();
    for (const annotation of annotations) {
      const { index } = locateOffset(block, annotation.index);
      const list = byNode.get(index) ?? [];
      list.push(annotation);
      byNode.set(index, list);
    }
    const replaced: Text[] = [];
    for (const [index, list] of byNode) {
      const node = block.nodes[index];
      const start = block.starts[index];
      if (!node || start === undefined || !node.parentNode || this.wrappers.has(node)) continue;
      // The block must still describe this node; a page that changed it since gets it judged afresh.
      if (node.data !== block.text.slice(start, block.starts[index + 1])) continue;
      const wrapper = buildWrapper(node, start, list);
      if (!wrapper) continue;
      node.parentNode.replaceChild(wrapper, node);
      this.wrappers.set(node, wrapper);
      this.originalsByWrapper.set(wrapper, node);
      this.versions.set(node, version);
      replaced.push(node);
    }
    return replaced;
  }

  /**
   * Put one original text node back where its wrapper is. Returns false if it was not annotated or
   * the page has since removed the wrapper (then there is nothing of ours left to undo).
   */
  restore(node: Text): boolean {
    const wrapper = this.wrappers.get(node);
    if (!wrapper) return false;
    this.wrappers.delete(node);
    const parent = wrapper.parentNode;
    if (!parent) return false;
    parent.replaceChild(node, wrapper);
    return true;
  }

  /** Put back the original text nodes of every annotation inside `root`. */
  restoreWithin(root: ParentNode): void {
    for (const wrapper of root.querySelectorAll(`span.${RUBY_WRAPPER_CLASS}`)) {
      const original = this.originalsByWrapper.get(wrapper);
      if (original) this.restore(original);
    }
  }

  /** Put every original text node back, latest annotation first. */
  restoreAll(): void {
    for (const node of [...this.wrappers.keys()].reverse()) this.restore(node);
  }
}

function buildWrapper(node: Text, start: number, annotations: RubyAnnotation[]): HTMLElement | undefined {
  const doc = node.ownerDocument;
  const text = node.data;
  const wrapper = markOwnNode(doc.createElement('span'));
  wrapper.className = RUBY_WRAPPER_CLASS;
  let position = 0;
  annotations.sort((a, b) => a.index - b.index);
  for (const annotation of annotations) {
    const from = annotation.index - start;
    const to = from + annotation.length;
    if (from < position || to > text.length || annotation.length <= 0) continue;
    if (from > position) wrapper.appendChild(doc.createTextNode(text.slice(position, from)));
    const ruby = doc.createElement('ruby');
    ruby.className = RUBY_CLASS;
    for (const [name, value] of Object.entries(annotation.rubyAttributes)) ruby.setAttribute(name, value);
    ruby.appendChild(doc.createTextNode(text.slice(from, to)));
    const rt = doc.createElement('rt');
    for (const [name, value] of Object.entries(annotation.rtAttributes)) rt.setAttribute(name, value);
    ruby.appendChild(rt);
    wrapper.appendChild(ruby);
    position = to;
  }
  if (position === 0) return undefined;
  if (position < text.length) wrapper.appendChild(doc.createTextNode(text.slice(position)));
  return wrapper;
}
