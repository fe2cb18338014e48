/**
 * Following the page as it changes: one MutationObserver on the document (and on each open
 * shadow root it is told about), its records reduced to what needs judging again.
 */
import { OWN_NODE_ATTRIBUTE } from './markers';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/**
 * Past this many added roots in one batch, reducing them costs more than walking the page again:
 * the observer asks for a full rescan instead (as Dark Reader does).
 */
export const HUGE_MUTATION_THRESHOLD = 1000;

/** What changed in one batch of mutation records, reduced. */
export interface PageChanges {
  /** True past the huge-mutation threshold: walk the whole document again; the lists are empty. */
  rescan: boolean;
  /** Added subtrees still in the page, none inside another; Qingdu's own nodes left out. */
  addedRoots: Node[];
  /** Text nodes whose text changed, still in the page, not inside an added root; our own writes left out. */
  changedTexts: Text[];
  /**
   * Text nodes out of the page whose text changed: nodes Qingdu took out (pinyin puts a wrapper in
   * their place) that a page script still holds and updates (see `PageObserver.observeDetached`).
   */
  detachedTexts: Text[];
}

export interface PageObserverOptions {
  /** Called once per batch of records with something in it; never with an empty batch. */
  onChanges: (changes: PageChanges) => void;
  /** True when a text node holds exactly what Qingdu wrote: such records are our own and ignored. */
  isOwnWrite?: (node: Text) => boolean;
  /** Added roots per batch beyond which a full rescan is asked for (default HUGE_MUTATION_THRESHOLD). */
  hugeMutationThreshold?: number;
}

function isOwnNode(node: Node): boolean {
  return node.nodeType === ELEMENT_NODE && (node as Element).hasAttribute(OWN_NODE_ATTRIBUTE);
}

/** The parent across a shadow boundary. */
function parentOf(node: Node): Node | null {
  return node.parentNode ?? (node as ShadowRoot).host ?? null;
}

/**
 * Reduce mutation records to added roots and changed text nodes. Exported for tests; the
 * observer calls it on every batch.
 */
export function reduceMutations(
  records: readonly MutationRecord[],
  isOwnWrite: (node: Text) => boolean = () => false,
  threshold = HUGE_MUTATION_THRESHOLD,
): PageChanges {
  const added = new Set<Node>();
  const changed = new Set<Text>();
  for (const record of records) {
    if (record.type === 'childList') {
      for (const node of record.addedNodes) {
        if (isOwnNode(node)) continue;
        if (node.nodeType === TEXT_NODE || node.nodeType === ELEMENT_NODE) added.add(node);
      }
      if (added.size > threshold) return { rescan: true, addedRoots: [], changedTexts: [], detachedTexts: [] };
    } else if (record.type === 'characterData' && record.target.nodeType === TEXT_NODE) {
      changed.add(record.target as Text);
    }
  }
  // Keep only connected roots that no other added root contains; walking up is O(depth) each.
  const addedRoots: Node[] = [];
  for (const node of added) {
    if (!node.isConnected) continue;
    let inside = false;
    for (let up = parentOf(node); up; up = parentOf(up)) {
      if (added.has(up) || isOwnNode(up)) {
        inside = true;
        break;
      }
    }
    if (!inside) addedRoots.push(node);
  }
  const changedTexts: Text[] = [];
  const detachedTexts: Text[] = [];
  for (const node of changed) {
    if (isOwnWrite(node)) continue;
    if (!node.isConnected) {
      if (!node.parentNode) detachedTexts.push(node);
      continue;
    }
    if (added.has(node)) continue;
    let inside = false;
    for (let up = parentOf(node); up; up = parentOf(up)) {
      if (added.has(up) || isOwnNode(up)) {
        inside = true;
        break;
      }
    }
    if (!inside) changedTexts.push(node);
  }
  return { rescan: false, addedRoots, changedTexts, detachedTexts };
}

/**
 * One MutationObserver for a document and its open shadow roots. Records arrive batched per
 * microtask; each batch is reduced (`reduceMutations`) and handed to `onChanges` only if
 * something is left. Our own writes are recognised by content (`isOwnWrite`), so a page script
 * that changes a node Qingdu wrote is always seen.
 */
export class PageObserver {
  private readonly observer: MutationObserver;
  private shadowRoots = new WeakSet<ShadowRoot>();
  private observing = false;

  constructor(
    private readonly doc: Document,
    private readonly options: PageObserverOptions,
  ) {
    const View = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new View((records) => this.deliver(records));
  }

  private static readonly INIT: MutationObserverInit = { childList: true, subtree: true, characterData: true };

  /** Start observing the document (the whole document, not just `body`). */
  start(): void {
    if (this.observing) return;
    this.observing = true;
    this.observer.observe(this.doc, PageObserver.INIT);
  }

  /** Also observe an open shadow root (idempotent). Mutations inside shadow trees are not seen otherwise. */
  observeShadowRoot(root: ShadowRoot): void {
    if (this.shadowRoots.has(root)) return;
    this.shadowRoots.add(root);
    if (this.observing) this.observer.observe(root, PageObserver.INIT);
  }

  /**
   * Also follow a text node that is out of the page (pinyin keeps the page's own node while a
   * wrapper stands in for it): a page script holding it may still change its text.
   */
  observeDetached(node: Text): void {
    if (this.observing) this.observer.observe(node, { characterData: true });
  }

  /** Handle pending records now instead of at the next microtask. */
  flush(): void {
    this.deliver(this.observer.takeRecords());
  }

  /**
   * Drop pending records unseen: called right after Qingdu's own synchronous writes, whose records
   * are the only ones that can have queued since the last `flush` (no page script runs in between).
   */
  discardPending(): void {
    this.observer.takeRecords();
  }

  /** Stop observing; pending records are dropped. Shadow roots must be told again after `start`. */
  stop(): void {
    this.observer.takeRecords();
    this.observer.disconnect();
    this.observing = false;
    this.shadowRoots = new WeakSet();
  }

  private deliver(records: MutationRecord[]): void {
    if (!this.observing || records.length === 0) return;
    const changes = reduceMutations(
      records,
      this.options.isOwnWrite,
      this.options.hugeMutationThreshold ?? HUGE_MUTATION_THRESHOLD,
    );
    if (
      changes.rescan ||
      changes.addedRoots.length > 0 ||
      changes.changedTexts.length > 0 ||
      changes.detachedTexts.length > 0
    ) {
      this.options.onChanges(changes);
    }
  }
}
