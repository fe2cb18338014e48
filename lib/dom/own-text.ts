/**
 * The record of the page's own text: for every text node Qingdu wrote, what the page had there
 * and what Qingdu put in its place. One store per document, shared by every stage, so each block
 * is always computed from the page's own text and restoring it is exact. A node the page rewrites
 * itself is the page's again: its entry is dropped and its new text is judged afresh.
 */

interface NodeRecord {
  /** The page's text before Qingdu wrote the node. */
  original: string;
  /** What Qingdu wrote; while the node still holds it, Qingdu owns the difference. */
  written: string;
}

/**
 * How many times the page may put back text Qingdu replaced before Qingdu stops touching that
 * node: a script that re-renders the same node on every change would otherwise fight us forever.
 */
export const DEFAULT_REVERT_LIMIT = 3;

export class OwnTextStore {
  // Held weakly, so text nodes the page throws away (single-page apps, infinite scroll) are freed
  // with their originals; `refs` lets restore find the nodes that are still alive.
  private readonly records = new WeakMap<Text, NodeRecord>();
  private readonly refOf = new WeakMap<Text, WeakRef<Text>>();
  private refs = new Set<WeakRef<Text>>();
  private pruneAt = 1024;
  private readonly reverts = new WeakMap<Text, number>();

  constructor(private readonly revertLimit = DEFAULT_REVERT_LIMIT) {}

  /** Number of nodes currently holding Qingdu's text (counts them: meant for tests and reports). */
  get size(): number {
    return this.nodes().length;
  }

  /**
   * The node's original text if it still holds what Qingdu wrote, else its current text (and a
   * stale entry is dropped). Pass this as `readText` to the walker so blocks are always judged
   * from the page's own text.
   */
  readonly readOwn = (node: Text): string => {
    // A page Qingdu has not written yet (the first pass): no lookup per node.
    if (this.refs.size === 0) return node.data;
    const record = this.records.get(node);
    if (!record) return node.data;
    if (node.data === record.written) return record.original;
    this.notePageRewrite(node, record);
    return node.data;
  };

  /** Has Qingdu written this node (and not been overwritten by the page since it last looked)? */
  has(node: Text): boolean {
    return this.refs.size > 0 && this.records.has(node);
  }

  /** Has Qingdu written any node (that may still hold its text)? */
  get isEmpty(): boolean {
    return this.refs.size === 0;
  }

  /** Does the node hold exactly what Qingdu wrote into it (so a mutation record of it is our own)? */
  readonly isOwnWrite = (node: Text): boolean => this.records.get(node)?.written === node.data;

  /** Has the page put our changes back often enough that Qingdu leaves this node alone? */
  isContested(node: Text): boolean {
    return (this.reverts.get(node) ?? 0) >= this.revertLimit;
  }

  /** The page changed this node after Qingdu wrote it: forget the entry; count reverts to the original. */
  forgetRewritten(node: Text): void {
    const record = this.records.get(node);
    if (record && node.data !== record.written) this.notePageRewrite(node, record);
  }

  private notePageRewrite(node: Text, record: NodeRecord): void {
    this.records.delete(node);
    if (node.data === record.original) this.reverts.set(node, (this.reverts.get(node) ?? 0) + 1);
  }

  /** Record a write: `original` is the page's text, `written` what Qingdu put in its place. */
  remember(node: Text, original: string, written: string): void {
    if (original === written) {
      this.records.delete(node);
      return;
    }
    this.records.set(node, { original, written });
    if (this.refOf.has(node)) return;
    const ref = new WeakRef(node);
    this.refOf.set(node, ref);
    this.refs.add(ref);
    if (this.refs.size >= this.pruneAt) this.prune();
  }

  /** Put back the page's text in one node if it still holds Qingdu's, and forget the node. */
  restore(node: Text): void {
    const record = this.records.get(node);
    if (!record) return;
    if (node.data === record.written) node.data = record.original;
    this.records.delete(node);
  }

  /** Drop references to nodes that were freed or no longer hold Qingdu's text. */
  private prune(): void {
    for (const ref of this.refs) {
      const node = ref.deref();
      if (node && this.records.has(node)) continue;
      this.refs.delete(ref);
      if (node) this.refOf.delete(node);
    }
    this.pruneAt = Math.max(1024, this.refs.size * 2);
  }

  /** The nodes Qingdu changed that are still alive and in the store. */
  nodes(): Text[] {
    const alive: Text[] = [];
    for (const ref of this.refs) {
      const node = ref.deref();
      if (node && this.records.has(node)) alive.push(node);
    }
    return alive;
  }

  /**
   * Put back the page's exact text in every node that still holds Qingdu's text, and empty the
   * store. Nodes the page rewrote since are left as the page made them. Returns nodes restored.
   */
  restoreAll(): number {
    let restored = 0;
    for (const ref of this.refs) {
      const node = ref.deref();
      if (!node) continue;
      const record = this.records.get(node);
      if (record && node.data === record.written) {
        node.data = record.original;
        restored++;
      }
      this.records.delete(node);
      this.refOf.delete(node);
    }
    this.refs = new Set();
    this.pruneAt = 1024;
    return restored;
  }
}
