/**
 * Fix doubled text: repair the page's doubled text in place as it appears, with an exact undo
 * ("Show original") and a redo ("Fix again"). Start/stop over the page layer: `startFixDoubledText`
 * runs until its AbortSignal aborts, then puts the page back exactly as it was.
 */
import { runChunked } from '@/lib/dom/chunked';
import { FIXED_ATTRIBUTE, markOwnNode, setFeatureState } from '@/lib/dom/markers';
import { type PageChanges, PageObserver } from '@/lib/dom/page-observer';
import { applyBlockEdits, type BlockEdit, OriginalTextStore } from '@/lib/dom/rewrite';
import { findBlockContainer, isInsideSkipped, iterateTextBlocks, type TextBlock } from '@/lib/dom/text-blocks';
import type { FixOptions, FixResult } from '@/lib/text/doubled/types';
import { installPassageTooltip } from './passage-tooltip';

/** The two text-engine functions the feature needs (`lib/text`), passed in so the feature stays testable. */
export interface DoubledTextEngine {
  fixText(text: string, options?: FixOptions): FixResult;
  mightContainDoubledText(text: string): boolean;
}

export interface FixDoubledTextOptions {
  /** Aborting stops the feature and puts the page's original text back. */
  signal: AbortSignal;
  engine: DoubledTextEngine;
  /** Passed to `fixText` for the automatic pass (sensitivity etc.); the engine's defaults otherwise. */
  fixOptions?: FixOptions;
  /** Outline fixed passages (one injected style sheet). Default true. */
  outline?: boolean;
  /** Show a fixed passage's original text on hover. Default true. */
  showOriginalOnHover?: boolean;
  /** The tooltip's heading, e.g. "Original" in the reader's language. */
  originalLabel?: string;
  /** Called when the status changes: at the end of each pass, and on show original / fix again. */
  onStatus?: (status: FixStatus) => void;
  /** Time budget of one slice of work before yielding to the page. */
  budgetMs?: number;
}

export interface FixStatus {
  /** Passages currently fixed in this frame (elements around fixed text). */
  count: number;
  /** The reader asked to see the original: nothing is fixed until "Fix again". */
  showingOriginal: boolean;
  /** Work is pending (a pass over new text). */
  working: boolean;
}

export interface FixDoubledText {
  status(): FixStatus;
  /** Put back the page's exact text and pause fixing. */
  showOriginal(): FixStatus;
  /** Fix the whole page again (after "Show original"). */
  fixAgain(): FixStatus;
  /**
   * Fix the text in `range` even where the automatic pass left it alone (the reader asked, so
   * the engine runs at `aggressive` sensitivity on it). Returns the passages fixed.
   */
  fixRange(range: Range): number;
  /** Resolves once all pending work is done. */
  whenIdle(): Promise<void>;
}

/** Sensitivity used where the reader explicitly asks for a fix (selection, copy). */
export const EXPLICIT_FIX_OPTIONS: FixOptions = { sensitivity: 'aggressive' };

/** A container the page re-renders after every fix this many times in the window is left alone. */
export const CONTAINER_REFIX_LIMIT = 8;
export const CONTAINER_REFIX_WINDOW_MS = 10_000;

export const OUTLINE_CSS = `[${FIXED_ATTRIBUTE}] {
  outline: 1px dashed rgba(214, 120, 0, 0.6) !important;
  outline-offset: 2px !important;
}`;

/** The nearest element holding all of `nodes`. */
function commonElement(nodes: readonly Text[]): Element | null {
  const first = nodes[0]?.parentElement;
  if (!first) return null;
  for (let element: Element | null = first; element; element = element.parentElement) {
    if (nodes.every((node) => element.contains(node))) return element;
  }
  return null;
}

/** Where a style sheet for `node` must go: its shadow root, or the document's head. */
function styleParentFor(node: Node): ParentNode | null {
  const root = node.getRootNode();
  if (root.nodeType === 11) return root as ShadowRoot;
  const doc = node.ownerDocument;
  return doc?.head ?? doc?.documentElement ?? null;
}

export function startFixDoubledText(doc: Document, options: FixDoubledTextOptions): FixDoubledText {
  const { signal, engine } = options;
  const store = new OriginalTextStore();
  /** Marked element → the text nodes of its fixed passages. */
  const marks = new Map<Element, Set<Text>>();
  const markOf = new WeakMap<Text, Element>();
  /** Nodes fixed on the reader's request: the automatic pass leaves them as they are. */
  const fixedOnRequest = new WeakSet<Text>();
  const refixes = new WeakMap<Node, { count: number; since: number }>();
  const styleSheets = new Map<ParentNode, HTMLStyleElement>();
  const queue = new Set<Node>();
  let showingOriginal = false;
  let running: Promise<void> | null = null;
  let lastReported = '';

  const observer = new PageObserver(doc, { onChanges: handleChanges, isOwnWrite: store.isOwnWrite });

  const status = (): FixStatus => {
    for (const element of marks.keys()) if (!element.isConnected) marks.delete(element);
    return { count: marks.size, showingOriginal, working: running !== null };
  };

  const report = () => {
    if (signal.aborted) return;
    const current = status();
    const key = JSON.stringify(current);
    if (key === lastReported) return;
    lastReported = key;
    options.onStatus?.(current);
  };

  function ensureStyleSheet(node: Node): void {
    if (options.outline === false) return;
    const parent = styleParentFor(node);
    if (!parent || styleSheets.has(parent)) return;
    const style = markOwnNode(doc.createElement('style'));
    style.textContent = OUTLINE_CSS;
    parent.append(style);
    styleSheets.set(parent, style);
  }

  /** Drop the marks of `nodes`; elements in `keep` keep their attribute (they are about to be marked again). */
  function unmarkNodes(nodes: readonly Text[], keep?: ReadonlySet<Element>): void {
    if (marks.size === 0) return;
    for (const node of nodes) {
      const element = markOf.get(node);
      if (!element) continue;
      markOf.delete(node);
      const set = marks.get(element);
      set?.delete(node);
      if (set && set.size === 0) {
        marks.delete(element);
        if (!keep?.has(element)) element.removeAttribute(FIXED_ATTRIBUTE);
      }
    }
  }

  /** Each edit's passage: the nearest element around its nodes, joined into an outer passage of the block. */
  function findPassages(editNodes: readonly Text[][]): Map<Element, Text[]> {
    const found: { element: Element; nodes: readonly Text[] }[] = [];
    for (const nodes of editNodes) {
      const element = commonElement(nodes);
      if (element) found.push({ element, nodes });
    }
    const passages = new Map<Element, Text[]>();
    for (const { element, nodes } of found) {
      const outer = found.find((other) => other.element !== element && other.element.contains(element));
      const target = outer?.element ?? element;
      passages.set(target, [...(passages.get(target) ?? []), ...nodes]);
    }
    return passages;
  }

  /** Replace the marks of a block's nodes with those of its current edits, writing attributes only where they change. */
  function remark(blockNodes: readonly Text[], editNodes: readonly Text[][]): void {
    const passages = findPassages(editNodes);
    unmarkNodes(blockNodes, new Set(passages.keys()));
    for (const [target, nodes] of passages) {
      let set = marks.get(target);
      if (!set) {
        set = new Set();
        marks.set(target, set);
        if (!target.hasAttribute(FIXED_ATTRIBUTE)) target.setAttribute(FIXED_ATTRIBUTE, '');
        ensureStyleSheet(target);
      }
      for (const node of nodes) {
        set.add(node);
        markOf.set(node, target);
      }
    }
  }

  /** Containers the page re-renders after every fix: Qingdu stops fighting over them. */
  const contested = new WeakSet<Node>();
  function noteRefix(container: Node): void {
    const now = Date.now();
    const entry = refixes.get(container);
    if (!entry || now - entry.since > CONTAINER_REFIX_WINDOW_MS) refixes.set(container, { count: 1, since: now });
    else if (++entry.count >= CONTAINER_REFIX_LIMIT) contested.add(container);
  }

  function fixBlock(block: TextBlock, fromObserver: boolean): void {
    const { nodes } = block;
    // The walk pauses between slices; the page may have removed this block meanwhile.
    if (!(nodes[0] as Text).isConnected) return;
    if (nodes.some((node) => fixedOnRequest.has(node) && store.isOwnWrite(node))) return;
    if (!engine.mightContainDoubledText(block.text)) {
      // Clean now (perhaps the page rewrote it): drop marks and anything we had written.
      if (nodes.some((node) => store.isOwnWrite(node))) applyBlockEdits(block, [], store);
      unmarkNodes(nodes);
      return;
    }
    if (fromObserver && contested.has(block.container)) return;
    const { edits } = engine.fixText(block.text, options.fixOptions);
    const applied = applyBlockEdits(block, edits, store);
    if (fromObserver && applied.written.length > 0) noteRefix(block.container);
    remark(nodes, applied.editNodes);
  }

  function* pendingBlocks(): Generator<{ block: TextBlock; fromObserver: boolean }> {
    while (queue.size > 0) {
      const root = queue.values().next().value as Node;
      queue.delete(root);
      if (!root.isConnected) continue;
      const fromObserver = root !== doc;
      for (const block of iterateTextBlocks(root, {
        readText: store.readOriginal,
        onShadowRoot: (shadow) => observer.observeShadowRoot(shadow),
      })) {
        yield { block, fromObserver };
      }
    }
  }

  function schedule(): void {
    if (running || showingOriginal || signal.aborted) return;
    setFeatureState(doc, 'fix', 'working');
    running = (async () => {
      try {
        await runChunked(pendingBlocks(), ({ block, fromObserver }) => fixBlock(block, fromObserver), {
          signal,
          budgetMs: options.budgetMs,
        });
      } finally {
        running = null;
      }
      if (signal.aborted || showingOriginal) return;
      // New work may have arrived during the last slice.
      if (queue.size > 0) schedule();
      else {
        setFeatureState(doc, 'fix', 'idle');
        report();
      }
    })();
  }

  function enqueue(node: Node): void {
    queue.add(node);
  }

  function handleChanges(changes: PageChanges): void {
    if (showingOriginal) return;
    if (changes.rescan) {
      queue.clear();
      enqueue(doc);
    } else {
      for (const root of changes.addedRoots) enqueue(findBlockContainer(root));
      for (const node of changes.changedTexts) {
        store.forgetRewritten(node);
        enqueue(findBlockContainer(node));
      }
    }
    schedule();
  }

  function restorePage(): void {
    observer.stop();
    queue.clear();
    store.restoreAll();
    for (const element of marks.keys()) element.removeAttribute(FIXED_ATTRIBUTE);
    marks.clear();
    for (const style of styleSheets.values()) style.remove();
    styleSheets.clear();
  }

  function startPass(): void {
    observer.start();
    enqueue(doc);
    schedule();
  }

  const removeTooltip =
    options.showOriginalOnHover === false
      ? () => {}
      : installPassageTooltip(doc, {
          signal,
          label: options.originalLabel ?? 'Original',
          originalOf: (element) => {
            if (!marks.has(element)) return undefined;
            const walker = doc.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
            let text = '';
            for (let node = walker.nextNode(); node; node = walker.nextNode()) text += store.readOriginal(node as Text);
            return text;
          },
        });

  signal.addEventListener(
    'abort',
    () => {
      restorePage();
      removeTooltip();
      setFeatureState(doc, 'fix', undefined);
    },
    { once: true },
  );

  if (!signal.aborted) startPass();

  return {
    status,
    showOriginal() {
      if (!showingOriginal && !signal.aborted) {
        showingOriginal = true;
        restorePage();
        setFeatureState(doc, 'fix', undefined);
        report();
      }
      return status();
    },
    fixAgain() {
      if (signal.aborted) return status();
      if (showingOriginal) {
        showingOriginal = false;
        startPass();
      } else {
        enqueue(doc);
        schedule();
      }
      report();
      return status();
    },
    fixRange(range) {
      if (signal.aborted || showingOriginal) return 0;
      observer.start();
      const before = marks.size;
      const container = findBlockContainer(range.commonAncestorContainer);
      if (isInsideSkipped(container)) return 0;
      for (const block of iterateTextBlocks(container, { readText: store.readOriginal })) {
        const window = selectionWindow(block, range, store);
        if (!window) continue;
        const auto = engine.mightContainDoubledText(block.text)
          ? engine.fixText(block.text, options.fixOptions).edits
          : [];
        const asked = engine
          .fixText(block.text.slice(window.start, window.end), EXPLICIT_FIX_OPTIONS)
          .edits.map((edit) => ({ ...edit, start: edit.start + window.start, end: edit.end + window.start }));
        const edits = mergeEdits(auto, asked);
        const applied = applyBlockEdits(block, edits, store);
        for (const node of applied.written) fixedOnRequest.add(node);
        remark(block.nodes, applied.editNodes);
      }
      report();
      return Math.max(0, marks.size - before);
    },
    whenIdle: async () => {
      while (running) await running;
    },
  };
}

/**
 * The part of `block.text` the range covers. Nodes Qingdu already changed are taken whole,
 * because the range's offsets there refer to our text, not the original the block holds.
 */
function selectionWindow(
  block: TextBlock,
  range: Range,
  store: OriginalTextStore,
): { start: number; end: number } | undefined {
  let start = -1;
  let end = -1;
  block.nodes.forEach((node, i) => {
    if (!range.intersectsNode(node)) return;
    const nodeStart = block.starts[i] as number;
    const nodeEnd = block.starts[i + 1] as number;
    const changed = store.isOwnWrite(node);
    const from = node === range.startContainer && !changed ? nodeStart + range.startOffset : nodeStart;
    const to = node === range.endContainer && !changed ? nodeStart + range.endOffset : nodeEnd;
    if (start < 0) start = from;
    end = Math.max(end, to);
  });
  return start < 0 || end <= start ? undefined : { start, end };
}

/** The reader's edits win inside the selection; automatic edits that overlap one are dropped. */
function mergeEdits<T extends BlockEdit>(auto: readonly T[], asked: readonly T[]): T[] {
  const kept = auto.filter((a) => !asked.some((b) => a.start < b.end && b.start < a.end));
  return [...kept, ...asked].sort((a, b) => a.start - b.start);
}
