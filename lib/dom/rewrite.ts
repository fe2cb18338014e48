/**
 * Rewriting text blocks in place and undoing it exactly. Edits are offsets into a block's text
 * (as `lib/text` returns them); they are mapped onto the block's text nodes, and only nodes
 * whose text changes are written. Elements and attributes are never touched here.
 */
import type { TextBlock } from './text-blocks';

/** The smallest edit shape the rewriter needs (a `TextEdit` from `lib/text` fits). */
export interface BlockEdit {
  /** UTF-16 offsets into `block.text`; sorted by `start`, never overlapping. */
  start: number;
  end: number;
  replacement: string;
}

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

/**
 * The original text of every node a feature changed. One store per feature. Entries are dropped
 * once the page rewrites a node itself: the page's new text is judged afresh, never restored over.
 */
export class OriginalTextStore {
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
  readonly readOriginal = (node: Text): string => {
    const record = this.records.get(node);
    if (!record) return node.data;
    if (node.data === record.written) return record.original;
    this.notePageRewrite(node, record);
    return node.data;
  };

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

/** What `applyBlockEdits` did. */
export interface AppliedBlockEdits {
  /** Nodes whose text was written (changed or put back). */
  written: Text[];
  /** For each edit, in order, the nodes its range touches (at least one). */
  editNodes: Text[][];
}

/** The index of the first node that ends after block offset `offset` (so empty nodes are passed over). */
function nodeIndexAt(starts: readonly number[], count: number, offset: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((starts[mid + 1] as number) > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Split each edit's replacement over the nodes its range spans, so each node keeps its own share:
 * - same length (conversion): character i goes where original character i was;
 * - a subsequence of the original (doubled-text repair): each kept character stays in the node it
 *   came from, so `<b>勇勇于</b><i>于担担</i>` becomes `<b>勇于</b><i>担</i>`;
 * - anything else: the whole replacement goes to the node where the edit starts.
 * Returns the new text of every node.
 */
export function computeNodeTexts(block: TextBlock, edits: readonly BlockEdit[]): string[] {
  const { text, starts, nodes } = block;
  const count = nodes.length;
  const out: string[][] = nodes.map(() => []);
  const copy = (from: number, to: number) => {
    if (from >= to) return;
    let index = nodeIndexAt(starts, count, from);
    while (from < to && index < count) {
      const nodeEnd = starts[index + 1] as number;
      const until = Math.min(to, nodeEnd);
      if (until > from) (out[index] as string[]).push(text.slice(from, until));
      from = Math.max(from, until);
      index++;
    }
  };
  let position = 0;
  for (const edit of edits) {
    if (edit.start < position || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`edit ${edit.start}–${edit.end} is out of order or outside the block`);
    }
    copy(position, edit.start);
    const original = text.slice(edit.start, edit.end);
    const { replacement } = edit;
    const target = (offset: number) => out[nodeIndexAt(starts, count, offset)] as string[];
    if (replacement.length === original.length) {
      for (let k = 0; k < replacement.length; k++) target(edit.start + k).push(replacement.charAt(k));
    } else {
      const picks: number[] = [];
      let j = 0;
      for (let k = 0; k < replacement.length && j <= original.length; k++, j++) {
        while (j < original.length && original.charCodeAt(j) !== replacement.charCodeAt(k)) j++;
        if (j < original.length) picks.push(j);
      }
      if (picks.length === replacement.length) {
        picks.forEach((at, k) => {
          target(edit.start + at).push(replacement.charAt(k));
        });
      } else {
        target(edit.start).push(replacement);
      }
    }
    position = edit.end;
  }
  copy(position, text.length);
  return out.map((parts) => parts.join(''));
}

/**
 * Apply edits (offsets into `block.text`) to the block's text nodes. `block.text` must be the
 * original text (walk with `store.readOriginal`); each node's new text is computed from it, so
 * applying the same edits twice changes nothing, and applying no edits puts back the original of
 * nodes Qingdu had changed. Only nodes whose text differs are written; each write is recorded in
 * `store` for an exact restore. Nodes the store marks as contested are left alone, and so is the
 * whole block if any edit touches one.
 */
export function applyBlockEdits(
  block: TextBlock,
  edits: readonly BlockEdit[],
  store: OriginalTextStore,
): AppliedBlockEdits {
  const { nodes, starts } = block;
  const editNodes = edits.map((edit) => {
    const touched: Text[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const nodeStart = starts[i] as number;
      const nodeEnd = starts[i + 1] as number;
      const overlaps = nodeStart < edit.end && nodeEnd > edit.start;
      const holdsEmptyEdit = edit.start === edit.end && nodeStart <= edit.start && edit.start < nodeEnd;
      if (overlaps || holdsEmptyEdit) touched.push(nodes[i] as Text);
    }
    if (touched.length === 0 && nodes.length > 0) touched.push(nodes[nodes.length - 1] as Text);
    return touched;
  });
  if (editNodes.some((touched) => touched.some((node) => store.isContested(node)))) {
    return { written: [], editNodes: [] };
  }
  const targets = computeNodeTexts(block, edits);
  const written: Text[] = [];
  nodes.forEach((node, i) => {
    const target = targets[i] as string;
    const original = block.text.slice(starts[i], starts[i + 1]);
    if (node.data !== target) {
      if (store.isContested(node)) return;
      node.data = target;
      written.push(node);
    }
    store.remember(node, original, target);
  });
  return { written, editNodes };
}
