/**
 * One style sheet of Qingdu's per root (the document, and each open shadow root that holds
 * something of ours), so display options switch by changing one text, never by re-rendering.
 */
import { markOwnNode } from './markers';

const DOCUMENT_FRAGMENT_NODE = 11;

/** Where a style sheet for `node` must go: its shadow root, or the document's head. */
function styleParentFor(node: Node): ParentNode | null {
  const root = node.getRootNode();
  if (root.nodeType === DOCUMENT_FRAGMENT_NODE) return root as ShadowRoot;
  const doc = node.ownerDocument ?? (node as Document);
  return doc.head ?? doc.documentElement ?? null;
}

export class StyleSheets {
  private readonly sheets = new Map<ParentNode, HTMLStyleElement>();
  private css = '';

  constructor(private readonly doc: Document) {}

  /** Make sure the root of `node` has the sheet. */
  ensureFor(node: Node): void {
    if (!this.css) return;
    const parent = styleParentFor(node);
    if (!parent) return;
    const existing = this.sheets.get(parent);
    if (existing?.isConnected) return;
    const style = markOwnNode(this.doc.createElement('style'));
    style.textContent = this.css;
    parent.append(style);
    this.sheets.set(parent, style);
  }

  /** Remove the sheets of roots that none of `nodes` is in any more. */
  keepOnlyFor(nodes: Iterable<Node>): void {
    if (this.sheets.size === 0) return;
    const needed = new Set<ParentNode>();
    for (const node of nodes) {
      const parent = styleParentFor(node);
      if (parent) needed.add(parent);
    }
    for (const [parent, style] of this.sheets) {
      if (needed.has(parent)) continue;
      style.remove();
      this.sheets.delete(parent);
    }
  }

  /** Remove every sheet (they come back with the next `ensureFor`). */
  removeAll(): void {
    for (const style of this.sheets.values()) style.remove();
    this.sheets.clear();
  }

  /** Change the rules everywhere; an empty text removes every sheet. */
  setRules(css: string): void {
    if (css === this.css) return;
    this.css = css;
    if (!css) {
      this.removeAll();
      return;
    }
    for (const style of this.sheets.values()) if (style.textContent !== css) style.textContent = css;
  }
}
