/**
 * Passages: the elements around text a repair stage changed. Each gets the `data-qingdu-fixed`
 * attribute (the outline and the hover original hang on it); the count of marked elements is the
 * number of passages fixed. Each marked node can carry a detail of the block it was marked from
 * (the pipeline keeps what the repairs did there, for the tooltip and "Copy report"): one object
 * per block, held only while the passage is marked.
 */
import { FIXED_ATTRIBUTE } from './markers';

/** Where a text node is in the page: itself, or what stands in for it (pinyin's wrapper). */
export type PlaceOf = (node: Text) => Node;

/** The nearest page element holding all of `nodes`. */
function commonElement(nodes: readonly Text[], placeOf: PlaceOf): Element | null {
  const places = nodes.map(placeOf);
  const first = places[0]?.parentElement;
  if (!first) return null;
  for (let element: Element | null = first; element; element = element.parentElement) {
    if (places.every((place) => element.contains(place))) return element;
  }
  return null;
}

export class PassageMarks<Detail = unknown> {
  /** Marked element → the text nodes of its passages. */
  private readonly marks = new Map<Element, Set<Text>>();
  private readonly markOf = new WeakMap<Text, Element>();
  private readonly detailOf = new WeakMap<Text, Detail>();

  /**
   * @param onMarked called for each newly marked element (its root needs the passage style sheet)
   * @param onEmpty called when the last mark goes (the style sheet can go too)
   * @param placeOf where a text node is in the page (the pipeline's stand-ins)
   */
  constructor(
    private readonly onMarked?: (element: Element) => void,
    private readonly onEmpty?: () => void,
    private readonly placeOf: PlaceOf = (node) => node,
  ) {}

  /** Passages marked now (elements still in the page). */
  get count(): number {
    for (const element of this.marks.keys()) if (!element.isConnected) this.marks.delete(element);
    return this.marks.size;
  }

  /** The marked elements. */
  elements(): Element[] {
    return [...this.marks.keys()];
  }

  /** No passage is marked. */
  get isEmpty(): boolean {
    return this.marks.size === 0;
  }

  /** Is this text node part of a marked passage? */
  isMarked(node: Text): boolean {
    return this.marks.size > 0 && this.markOf.has(node);
  }

  has(element: Element): boolean {
    return this.marks.has(element);
  }

  /** The details of the blocks a marked element's passages came from (usually one), in mark order. */
  detailsOf(element: Element): Detail[] {
    const details = new Set<Detail>();
    for (const node of this.marks.get(element) ?? []) {
      const detail = this.detailOf.get(node);
      if (detail !== undefined) details.add(detail);
    }
    return [...details];
  }

  /** Drop the marks of `nodes`; elements in `keep` keep their attribute (they are about to be marked again). */
  unmark(nodes: readonly Text[], keep?: ReadonlySet<Element>): void {
    if (this.marks.size === 0) return;
    for (const node of nodes) {
      const element = this.markOf.get(node);
      if (!element) continue;
      this.markOf.delete(node);
      this.detailOf.delete(node);
      const set = this.marks.get(element);
      set?.delete(node);
      if (set && set.size === 0) {
        this.marks.delete(element);
        if (!keep?.has(element)) element.removeAttribute(FIXED_ATTRIBUTE);
      }
    }
    if (this.marks.size === 0 && !keep?.size) this.onEmpty?.();
  }

  /**
   * Replace the marks of a block's nodes with those of its current edits (`editNodes`: for each
   * edit, the nodes it touches), writing attributes only where they change. Each edit's passage is
   * the nearest element around its nodes, joined into an outer passage of the same block.
   * `detail` (what the repairs did in the block) is kept for the nodes marked.
   */
  remark(blockNodes: readonly Text[], editNodes: readonly (readonly Text[])[], detail?: Detail): void {
    const found: { element: Element; nodes: readonly Text[] }[] = [];
    for (const nodes of editNodes) {
      const element = commonElement(nodes, this.placeOf);
      if (element) found.push({ element, nodes });
    }
    const passages = new Map<Element, Text[]>();
    for (const { element, nodes } of found) {
      const outer = found.find((other) => other.element !== element && other.element.contains(element));
      const target = outer?.element ?? element;
      passages.set(target, [...(passages.get(target) ?? []), ...nodes]);
    }
    this.unmark(blockNodes, new Set(passages.keys()));
    for (const [target, nodes] of passages) {
      let set = this.marks.get(target);
      if (!set) {
        set = new Set();
        this.marks.set(target, set);
        if (!target.hasAttribute(FIXED_ATTRIBUTE)) target.setAttribute(FIXED_ATTRIBUTE, '');
        this.onMarked?.(target);
      }
      for (const node of nodes) {
        set.add(node);
        this.markOf.set(node, target);
        if (detail !== undefined) this.detailOf.set(node, detail);
      }
    }
  }

  /**
   * Forget the nodes the page took out of marked passages (it replaced an element's content): an
   * element left with none is no passage any more, and loses its mark.
   */
  prune(): void {
    let removed = false;
    for (const [element, set] of this.marks) {
      for (const node of set) {
        if (this.placeOf(node).isConnected) continue;
        set.delete(node);
        this.markOf.delete(node);
        this.detailOf.delete(node);
      }
      if (set.size > 0) continue;
      this.marks.delete(element);
      element.removeAttribute(FIXED_ATTRIBUTE);
      removed = true;
    }
    if (removed && this.marks.size === 0) this.onEmpty?.();
  }

  /** Remove every mark. */
  clear(): void {
    for (const element of this.marks.keys()) element.removeAttribute(FIXED_ATTRIBUTE);
    this.marks.clear();
    this.onEmpty?.();
  }
}
