/**
 * The page pipeline: one per document. It owns everything that touches the page:
 *
 * - one walk into text blocks (a block-level element's text with its inline descendants'),
 * - one MutationObserver for the document and each open shadow root,
 * - one queue of work and one cooperative scheduler that yields to the page,
 * - one record per text node of the page's *own* text (`OwnTextStore`).
 *
 * Features are stages over a block's own text, in order: fix doubled text → replacement rules →
 * conversion (text stages: pure functions, composed as lib/text/compose.ts composes them), then pinyin (an
 * annotation stage: ruby over the result). Switching any stage on, off or to other options
 * recomputes the affected blocks from the page's own text, never from what a stage wrote, so any
 * subset of stages undoes exactly and in any order. Text the page itself writes becomes its own
 * text again and goes through the stages afresh.
 *
 * Pure page code: it knows nothing of the features, the settings or the UI; stages come in
 * through the `PageTextStage` / `PageAnnotationStage` contracts.
 */

import {
  applyEditsWithOrigin,
  mapRangeThroughOrigin,
  splitByOrigin,
  type TextStage,
  type TextStageName,
} from '@/lib/text/compose';
import type { TextEdit } from '@/lib/text/doubled/types';
import { OriginalAttributeStore } from './attribute-store';
import {
  findLineJoinRuns,
  isLineCandidate,
  LINE_JOIN_CSS,
  LineJoiner,
  type LineJoinRun,
  type PageReading,
} from './line-join';
import { OWN_NODE_ATTRIBUTE } from './markers';
import { OwnTextStore } from './own-text';
import { HUGE_MUTATION_THRESHOLD, type PageChanges, PageObserver } from './page-observer';
import { PassageMarks } from './passage-marks';
import { type RubyAnnotation, RubyAnnotations } from './ruby';
import { createSliceTimer, yieldToPage } from './scheduler';
import { StyleSheets } from './style-sheets';
import {
  findBlockContainer,
  isBlockElement,
  isInsideSkipped,
  isSkippedElement,
  iterateTextBlocks,
  type TextBlock,
  type TextBlockOptions,
} from './text-blocks';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Where a block is on the page, for stages that learn from the page: its element's tag and class. */
export interface BlockContext {
  tag: string;
  className: string;
}

/** A text stage as the page runs it. */
export interface PageTextStage extends TextStage {
  /** Cheap test on the text as it reaches this stage: false means `edit` would change nothing. */
  mightChange(text: string): boolean;
  /**
   * Edits where the reader asked for a fix (`request`: a range of the text, e.g. "Fix selection"),
   * merged with the automatic ones. Only the first stage can honour it (its input is the page's text).
   */
  editRequested?(text: string, request: { start: number; end: number }): readonly TextEdit[];
  /**
   * Edits for a block given where it is, for a stage that learns from the page (the doubled-text
   * fix takes less evidence on a page where it found doubled text); used instead of `edit`.
   */
  editInContext?(text: string, parts: number, context: BlockContext): readonly TextEdit[];
  /** What the stage has learned from the page, bumped when it changes: blocks it left alone are looked at again. */
  readonly learned?: { readonly version: number };
  /** Blocks in a scope of this language (the nearest `lang`) are left alone. */
  skipsLanguage?(lang: string): boolean;
  /** A repair (fix, replacement rules): its passages are marked and counted; "Show original" pauses it. */
  repairs?: boolean;
  /** Attributes a reader sees or hears, rewritten with the text (conversion), and the language it produces. */
  attributes?: { names: readonly string[]; rewrite(value: string): string; lang: string };
}

/** The annotation stage (pinyin): ruby over the text the text stages produced. */
export interface PageAnnotationStage {
  readonly name: 'pinyin';
  /** Cheap test: is there anything to annotate? */
  mightAnnotate(text: string): boolean;
  annotate(text: string): RubyAnnotation[];
  skipsLanguage?(lang: string): boolean;
  /** Elements it stays out of on top of the walker's rules (e.g. the document head). */
  skipsElement?(element: Element): boolean;
  /** The one stylesheet that draws the annotations (display options). */
  readonly stylesheet: string;
  /** Annotate only blocks near the viewport (the rest as they come near): ruby costs layout. */
  readonly nearViewportOnly?: boolean;
}

export interface PipelineStatus {
  /** Bumped by every change of stages or of "Show original". */
  generation: number;
  /** The generation whose work is all done (equal to `generation` when idle). */
  doneGeneration: number;
  /** Work is pending. */
  working: boolean;
  /** Blocks done of blocks found in the current pass (0 of 0 when idle). */
  progress: { done: number; total: number };
  /** Passages repaired now (fix and replacement rules). */
  fixCount: number;
  /** The reader asked to see the original: repairs are paused. */
  showingOriginal: boolean;
  /** The stages switched on. */
  stages: (TextStageName | 'pinyin')[];
  /** Paragraphs whose lines a print column broke: joined ones while joining, else the ones found. */
  lineRuns: number;
  /** The lines a print column broke are joined. */
  joiningLines: boolean;
}

export interface PagePipelineOptions {
  /** Called whenever the status changes (start and end of work, progress, counts). */
  onStatus?: (status: PipelineStatus) => void;
  /** CSS for marked passages (the outline); empty for none. */
  passageCss?: string;
  /** Time one slice may take. */
  sliceMs?: number;
  /** Margin around the viewport within which annotation happens (IntersectionObserver rootMargin). */
  nearViewportMargin?: string;
}

/** One edit of a repair stage in a block, with the stretch of the block's own text it came from. */
export interface RepairEdit {
  stage: TextStageName;
  edit: TextEdit;
  /** Offsets into the block's own text (the edit's own offsets are into its stage's input). */
  start: number;
  end: number;
}

/** What the repair stages did to one block: kept for its marked passages (the tooltip, a report). */
export interface BlockRepairs {
  block: TextBlock;
  edits: RepairEdit[];
  /** The block's text after the repair stages, and the own-text offset each unit came from. */
  repaired: { text: string; origin: Int32Array };
}

/** One passage as the page wrote it and as the repairs left it (`describePassage`). */
export interface PassageDescription {
  /** The page's own text of the passage. */
  original: string;
  /** The passage after the repair stages (before conversion). */
  repaired: string;
  /** The repair edits inside it; `start`/`end` are offsets into `original`. */
  edits: RepairEdit[];
}

/** A container the page re-renders after every write this many times in the window is left to the page. */
export const CONTAINER_REWRITE_LIMIT = 8;
export const CONTAINER_REWRITE_WINDOW_MS = 10_000;

/** One unit of queued work. */
type WorkItem = { block: TextBlock; fromObserver: boolean } | { attributesOf: Element };

/** The language of a block: its nearest `lang` (a shadow root's is its host's). */
function langOf(container: Node): string {
  const element =
    container.nodeType === ELEMENT_NODE
      ? (container as Element)
      : ((container as ShadowRoot).host ?? (container as Document).documentElement);
  return element?.closest?.('[lang]')?.getAttribute('lang') ?? '';
}

function isChineseLang(value: string | null): boolean {
  return value !== null && /^zh(-|$)/i.test(value);
}

/** Form fields: their contents are never touched, but their placeholder, title and label are read out. */
const FORM_FIELD_TAGS = new Set(['input', 'textarea', 'select']);

export class PagePipeline {
  private readonly own = new OwnTextStore();
  private readonly ruby = new RubyAnnotations();
  private readonly attributes = new OriginalAttributeStore();
  private readonly passageSheets: StyleSheets;
  private readonly annotationSheets: StyleSheets;
  private readonly marks: PassageMarks<BlockRepairs>;
  private readonly observer: PageObserver;
  private readonly textStages = new Map<TextStageName, PageTextStage>();
  private annotation: PageAnnotationStage | undefined;
  /** `activeStages()`, until a stage or "Show original" changes. */
  private active: PageTextStage[] | undefined;
  private showingOriginal = false;
  /** Text nodes the reader asked to have fixed ("Fix selection"), and which part of each (own text offsets). */
  private readonly requested = new WeakMap<Text, { start: number; end: number }>();
  private hasRequests = false;
  /** Roots whose blocks need computing again. */
  private readonly queue = new Set<Node>();
  /**
   * Blocks (their containers) a learning stage left alone, in whole or in part, since it last
   * learned something: judged again when it does, in this pass or a later one (content the page
   * adds later can confirm the page).
   */
  private readonly undecided = new Set<Node>();
  /** The parser is building the page (Qingdu started while it was loading). */
  private parsing = false;
  /** Containers of blocks the parser may still be adding to (see `mayStillGrow`), computed later. */
  private readonly heldBack = new Set<Element | Document | DocumentFragment>();
  private readonly rewrites = new WeakMap<Node, { count: number; since: number }>();
  private readonly contested = new WeakSet<Node>();
  private nearViewport = new WeakSet<Element>();
  private watchedForViewport = new WeakSet<Element>();
  private viewport: IntersectionObserver | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private generation = 0;
  private doneGeneration = 0;
  private progress = { done: 0, total: 0 };
  private lastStatus = '';
  private readonly walkOptions: TextBlockOptions;
  /** Join the lines a print column broke (else only find them, for the count the popup shows). */
  private joiningLines = false;
  private readonly lineSheets: StyleSheets;
  private readonly joiner: LineJoiner;
  private readonly lineReading: PageReading;
  /** Runs found and not joined, by the first node of their first line. */
  private readonly foundRuns = new Map<Text, LineJoinRun>();
  /**
   * The source white space at each joint (a line break in the page's markup would show as a space
   * between two characters): node → its own text when the lines were joined, and the ranges the
   * joined block leaves out. Applied as the first edits of the block's text, undone with it.
   */
  private readonly jointSpace = new Map<Text, { text: string; ranges: [number, number][] }>();
  /** Open shadow roots the current walk entered (their attributes are rewritten with the root's). */
  private shadowRootsSeen: ShadowRoot[] | undefined;

  constructor(
    private readonly doc: Document,
    private readonly options: PagePipelineOptions = {},
  ) {
    this.passageSheets = new StyleSheets(doc);
    this.passageSheets.setRules(options.passageCss ?? '');
    this.annotationSheets = new StyleSheets(doc);
    this.lineSheets = new StyleSheets(doc);
    this.lineSheets.setRules(LINE_JOIN_CSS);
    this.joiner = new LineJoiner(doc, { emptyWhitespace: false, sheets: this.lineSheets });
    this.lineReading = { readText: this.own.readOwn, placeOf: (node) => this.ruby.wrapperOf(node) ?? node };
    this.marks = new PassageMarks(
      (element) => this.passageSheets.ensureFor(element),
      () => this.passageSheets.removeAll(),
      (node) => this.ruby.wrapperOf(node) ?? node,
    );
    const parsing = () => this.parsing;
    this.observer = new PageObserver(doc, {
      isOwnWrite: this.own.isOwnWrite,
      onChanges: (changes) => this.followPage(changes),
      // While the parser builds the page, every batch is new content in document order: a full
      // rescan per big batch would walk the page again and again and fix nothing until it ends.
      get hugeMutationThreshold() {
        return parsing() ? Number.POSITIVE_INFINITY : HUGE_MUTATION_THRESHOLD;
      },
    });
    this.walkOptions = {
      readText: this.own.readOwn,
      substitute: this.ruby.originalOf,
      onShadowRoot: (shadow) => {
        this.observer.observeShadowRoot(shadow);
        this.shadowRootsSeen?.push(shadow);
      },
    };
  }

  /** Start following the page and do a first pass over it. */
  start(): void {
    if (this.stopped) return;
    this.observer.start();
    this.parsing = this.doc.readyState === 'loading';
    if (this.parsing) this.doc.addEventListener('readystatechange', this.onParsed);
    this.enqueue(this.doc);
  }

  /** The parser is done: blocks held back while it could still add to them are computed now. */
  private readonly onParsed = (): void => {
    if (this.doc.readyState === 'loading') return;
    this.doc.removeEventListener('readystatechange', this.onParsed);
    // The parser's last nodes are still the parser's: no rescan for them.
    this.observer.flush();
    this.parsing = false;
    this.enqueueHeldBack();
  };

  private enqueueHeldBack(): void {
    const held = [...this.heldBack];
    this.heldBack.clear();
    for (const container of held) this.enqueue(container);
  }

  /** The style of marked passages (the outline); empty for none. */
  setPassageCss(css: string): void {
    this.passageSheets.setRules(css);
    if (css) for (const element of this.marks.elements()) this.passageSheets.ensureFor(element);
  }

  /** Switch a text stage on (or to new options), or off with `undefined`. */
  setTextStage(name: TextStageName, stage: PageTextStage | undefined): void {
    if (this.textStages.get(name) === stage) return;
    if (stage) this.textStages.set(name, stage);
    else this.textStages.delete(name);
    this.changed();
  }

  /** Switch the annotation stage on (or to new options), or off. */
  setAnnotationStage(stage: PageAnnotationStage | undefined): void {
    const previous = this.annotation;
    if (previous === stage) return;
    this.annotation = stage;
    this.annotationSheets.setRules(stage?.stylesheet ?? '');
    if (stage) this.annotationSheets.ensureFor(this.doc);
    // Only the display changed (same readings): the stylesheet did it; nothing to recompute.
    if (
      previous &&
      stage &&
      previous.annotate === stage.annotate &&
      previous.nearViewportOnly === stage.nearViewportOnly
    )
      return;
    if (!stage?.nearViewportOnly) {
      this.viewport?.disconnect();
      this.viewport = undefined;
      this.watchedForViewport = new WeakSet();
    }
    if (stage?.nearViewportOnly) this.doc.addEventListener('scroll', this.onScroll, SCROLL_LISTENER);
    else this.doc.removeEventListener('scroll', this.onScroll, SCROLL_LISTENER);
    this.changed();
  }

  /**
   * Join the lines a print column broke (true), or put them back as the page laid them out and
   * only count them (false, the default).
   */
  setLineJoin(join: boolean): void {
    if (this.joiningLines === join) return;
    this.joiningLines = join;
    if (!join) {
      // The page's own changes first: what follows is Qingdu's.
      this.observer.flush();
      this.joiner.restoreAll();
      this.unjoinLines(undefined);
      this.observer.discardPending();
    }
    this.changed();
  }

  /**
   * The joints' white space of runs the joiner undid (`undefined`: all of them). White space
   * between two joined blocks belongs to no block once they are apart: it is put back now. The
   * rest is computed again with its block (no flash of unfixed text meanwhile).
   */
  private unjoinLines(runs: readonly LineJoinRun[] | undefined): void {
    const nodes = runs
      ? runs.flatMap((run) => run.joints.flatMap((joint) => joint.whitespace.map(([node]) => node)))
      : [...this.jointSpace.keys()];
    const apart: Text[] = [];
    for (const node of nodes) {
      const entry = this.jointSpace.get(node);
      if (!entry) continue;
      this.jointSpace.delete(node);
      if (!/\S/.test(entry.text)) apart.push(node);
    }
    for (const node of apart) this.own.restore(node);
    this.marks.unmark(apart);
  }

  /**
   * The reader scrolled: what is in the viewport now is annotated at once, before the frame that
   * shows it is drawn (scroll events come before its layout), so a jump far down the page shows
   * no frame without readings. The viewport observer would report it only after that frame.
   */
  private readonly onScroll = (): void => {
    if (this.stopped || !this.annotation?.nearViewportOnly) return;
    const started = performance.now();
    this.observer.flush();
    for (const block of this.findViewportBlocks()) {
      if (this.mayNeedRender(block)) this.render(block, false);
      if (performance.now() - started > SCROLL_BUDGET_MS) break;
    }
    this.observer.discardPending();
  };

  /** "Show original" (true) pauses the repairs and shows the page's own text; false repairs again. */
  setShowOriginal(showOriginal: boolean): void {
    if (this.showingOriginal === showOriginal) return;
    this.showingOriginal = showOriginal;
    this.changed();
  }

  /**
   * Fix the text in `range` even where the automatic pass left it alone (the reader asked):
   * the nodes it covers are remembered and the first stage's `editRequested` runs on them.
   * Returns the passages fixed by it. Runs synchronously.
   */
  fixRange(range: Range): number {
    if (this.stopped || this.showingOriginal) return 0;
    const container = findBlockContainer(range.commonAncestorContainer);
    if (isInsideSkipped(container)) return 0;
    const before = this.marks.count;
    this.observer.flush();
    for (const block of iterateTextBlocks(container, this.walkOptions)) {
      let touched = false;
      for (const node of block.nodes) {
        if (!node.parentNode || !range.intersectsNode(node)) continue;
        // Offsets in a node Qingdu changed refer to its text, not the page's: they are mapped back
        // where only a joint's white space was left out, else such a node is taken whole.
        const own = this.own.readOwn(node);
        const toOwn = this.own.isOwnWrite(node) ? this.jointOffsetMap(node) : (offset: number) => offset;
        const start = toOwn && node === range.startContainer ? toOwn(range.startOffset) : 0;
        const end = toOwn && node === range.endContainer ? toOwn(range.endOffset) : own.length;
        if (end <= start) continue;
        this.requested.set(node, { start, end });
        touched = true;
      }
      if (touched) {
        this.hasRequests = true;
        this.render(block, false);
      }
    }
    this.observer.discardPending();
    this.report();
    return Math.max(0, this.marks.count - before);
  }

  /**
   * The page's own text nodes under `root`, in document order (open shadow roots after their
   * host's children): what the page has, whatever Qingdu shows in their place.
   */
  pageTextNodes(root: Node): Text[] {
    const found: Text[] = [];
    const visit = (node: Node) => {
      if (node.nodeType === 3) {
        found.push(node as Text);
        return;
      }
      if (node.nodeType === ELEMENT_NODE) {
        const standIn = this.ruby.originalOf(node as Element);
        if (standIn) {
          found.push(standIn);
          return;
        }
        if ((node as Element).hasAttribute(OWN_NODE_ATTRIBUTE)) return;
      }
      for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
      const shadow = node.nodeType === ELEMENT_NODE ? (node as Element).shadowRoot : null;
      if (shadow) visit(shadow);
    };
    visit(root);
    return found;
  }

  /** Is this element a marked passage (a repair changed text in it)? */
  isMarkedPassage(element: Element): boolean {
    return this.marks.has(element);
  }

  /** The marked passages now in the page. */
  markedPassages(): Element[] {
    return this.marks.elements().filter((element) => element.isConnected);
  }

  /**
   * A marked passage as the page wrote it, as the repairs left it, and the edits that did it (one
   * part per block it holds passages of; usually one). Undefined when it is not marked (or its
   * passages have left it).
   */
  describePassage(element: Element): PassageDescription[] | undefined {
    if (!this.marks.has(element)) return undefined;
    const parts: PassageDescription[] = [];
    for (const { block, edits, repaired } of this.marks.detailsOf(element)) {
      // The block's nodes inside the element follow one another (an element's descendants do).
      let first = -1;
      let last = -1;
      block.nodes.forEach((node, i) => {
        if (!element.contains(this.ruby.wrapperOf(node) ?? node)) return;
        if (first < 0) first = i;
        last = i;
      });
      if (first < 0) continue;
      const start = block.starts[first] as number;
      const end = block.starts[last + 1] as number;
      let text = '';
      for (let i = 0; i < repaired.text.length; i++) {
        const from = repaired.origin[i] as number;
        if (from >= start && from < end) text += repaired.text[i];
      }
      parts.push({
        original: block.text.slice(start, end),
        repaired: text,
        edits: edits
          .filter((repair) => repair.start < end && repair.end > start)
          .map((repair) => ({ ...repair, start: repair.start - start, end: repair.end - start })),
      });
    }
    return parts.length > 0 ? parts : undefined;
  }

  status(): PipelineStatus {
    const working = this.running !== undefined || this.queue.size > 0;
    return {
      generation: this.generation,
      doneGeneration: this.doneGeneration,
      working,
      progress: working ? { ...this.progress } : { done: 0, total: 0 },
      fixCount: this.marks.count,
      showingOriginal: this.showingOriginal,
      stages: [...this.textStages.keys(), ...(this.annotation ? (['pinyin'] as const) : [])],
      lineRuns: this.joiningLines ? this.joiner.joinedCount : this.countFoundRuns(),
      joiningLines: this.joiningLines,
    };
  }

  private countFoundRuns(): number {
    let count = 0;
    for (const node of this.foundRuns.keys()) if (this.lineReading.placeOf(node).isConnected) count++;
    return count;
  }

  /** Resolves once all queued work is done. */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stop: put back every node, attribute and annotation exactly as the page had them. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.queue.clear();
    this.heldBack.clear();
    this.undecided.clear();
    this.doc.removeEventListener('readystatechange', this.onParsed);
    this.doc.removeEventListener('scroll', this.onScroll, SCROLL_LISTENER);
    this.viewport?.disconnect();
    this.observer.flush();
    this.observer.stop();
    this.joiner.restoreAll();
    this.jointSpace.clear();
    this.ruby.restoreAll();
    this.own.restoreAll();
    this.attributes.restoreAll();
    this.marks.clear();
    this.passageSheets.removeAll();
    this.annotationSheets.removeAll();
  }

  // --- work ---

  private changed(): void {
    this.active = undefined;
    this.generation++;
    this.enqueue(this.doc);
  }

  private enqueue(root: Node): void {
    if (this.stopped) return;
    if (root === this.doc) this.queue.clear();
    else if (this.queue.has(this.doc)) return;
    this.queue.add(root);
    this.schedule();
  }

  private schedule(): void {
    if (this.running || this.stopped) return;
    this.running = this.pump().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.queue.size > 0) this.schedule();
      else this.report();
    });
    this.report();
  }

  /** Collect the queued roots' blocks, then compute them, in slices. */
  private async pump(): Promise<void> {
    const slice = createSliceTimer({ budgetMs: this.options.sliceMs });
    let paused = false;
    const pause = async () => {
      paused = true;
      // Our own writes of this slice: their records are ours, drop them.
      this.observer.discardPending();
      this.report();
      // A pass over the whole page (the first, as the page is parsed or after it loaded, and
      // each after a stage switched) yields at user-blocking priority: the browser then draws
      // fewer frames in between (each one lays the page out anew), so the page is done in about
      // half the time, in slices no longer than before. New content keeps user-visible.
      await yieldToPage(this.parsing || this.doneGeneration !== this.generation ? 'user-blocking' : 'user-visible');
      slice.start();
      // Whatever the page did meanwhile is handled first.
      this.observer.flush();
    };
    this.observer.flush();
    while (this.queue.size > 0 && !this.stopped) {
      // Readings go first where the reader is looking: the blocks in the viewport now are computed
      // before the walk of the whole page (and before the viewport observer's first report, a
      // frame later).
      if (this.queue.has(this.doc) && this.annotation?.nearViewportOnly) {
        for (const block of this.findViewportBlocks()) {
          if (this.stopped) return;
          if (!this.mayNeedRender(block)) continue;
          this.render(block, false);
          if (slice.isOver()) await pause();
        }
      }
      const items: WorkItem[] = [];
      const rewalked = new Set<Node>();
      this.progress = { done: 0, total: 0 };
      // Collect: walk the queued roots (no writes). Where roots keep coming (a page being parsed),
      // what was collected is computed before walking on.
      paused = false;
      while (this.queue.size > 0 && !(paused && items.length > 0)) {
        const root = this.queue.values().next().value as Node;
        this.queue.delete(root);
        if (root !== this.doc && !root.isConnected) continue;
        const fromObserver = root !== this.doc;
        // The page changed something where lines were joined: find them again from what it holds now.
        if (fromObserver && this.joiningLines && !rewalked.has(root)) this.unjoinLines(this.joiner.restoreWithin(root));
        const shadowRoots: ShadowRoot[] = [];
        this.shadowRootsSeen = shadowRoots;
        const firstItem = items.length;
        const lines: TextBlock[] = [];
        for (const block of iterateTextBlocks(root, this.walkOptions)) {
          if (isLineCandidate(block)) lines.push(block);
          if (this.mayNeedRender(block)) {
            items.push({ block, fromObserver });
            this.progress.total++;
          }
          // Checked for every block walked: a long run of blocks with nothing to do is a walk too.
          if (slice.isOver()) {
            this.shadowRootsSeen = undefined;
            await pause();
            this.shadowRootsSeen = shadowRoots;
            // A stage changed meanwhile: the whole page is walked again, this walk is moot.
            if (this.queue.has(this.doc)) break;
          }
          if (this.stopped) return;
        }
        this.shadowRootsSeen = undefined;
        if (this.findLines(root, lines, rewalked)) {
          // Lines were joined: they are one block now. Walk this root again, once.
          rewalked.add(root);
          this.progress.total -= items.length - firstItem;
          items.length = firstItem;
          this.queue.add(root);
          continue;
        }
        if (this.needsAttributePass()) {
          for (const scope of [root, ...shadowRoots]) {
            for (const element of this.attributeElements(scope)) items.push({ attributesOf: element });
          }
        }
      }
      // The generation this pass completes: a stage that changed while the page was being walked
      // queued the whole page again, and that walk was part of this collection.
      const generation = this.generation;
      const learnedBefore = this.learnedVersion();
      // Compute and write.
      for (const item of items) {
        if (this.stopped) return;
        if ('block' in item) {
          if (this.mayStillGrow(item.block)) this.heldBack.add(item.block.container);
          else this.render(item.block, item.fromObserver);
          this.progress.done++;
        } else this.rewriteAttributes(item.attributesOf);
        if (slice.isOver()) await pause();
        // The whole page must be computed again (a stage changed): start over.
        if (this.queue.has(this.doc)) break;
      }
      // A stage learned from this pass (doubled text confirmed on the page): the blocks it left
      // alone, in this pass or an earlier one, are judged again with what it knows now.
      if (this.queue.has(this.doc)) this.undecided.clear();
      else if (this.undecided.size > 0 && this.learnedVersion() !== learnedBefore) {
        for (const container of this.undecided) if (container.isConnected) this.queue.add(container);
        this.undecided.clear();
      }
      if (this.queue.size === 0) this.doneGeneration = generation;
    }
    // A passage whose text the page replaced is no passage any more; a root whose last passage
    // went (the page rewrote it) keeps no outline sheet.
    this.marks.prune();
    this.passageSheets.keepOnlyFor(this.marks.elements());
    this.lineSheets.keepOnlyFor(this.joiner.anchors());
    this.observer.discardPending();
  }

  /**
   * Find the runs of lines a print column broke among a root's line-sized blocks (in document
   * order), and join them when the reader asked. Returns whether the page changed (lines joined).
   */
  private findLines(root: Node, lines: readonly TextBlock[], rewalked: ReadonlySet<Node>): boolean {
    if (root === this.doc) this.foundRuns.clear();
    else
      for (const node of this.foundRuns.keys())
        if (root.contains(this.lineReading.placeOf(node))) this.foundRuns.delete(node);
    if (lines.length < 2) return false;
    const runs = findLineJoinRuns(lines, {}, this.lineReading);
    if (runs.length === 0) return false;
    if (!this.joiningLines || rewalked.has(root)) {
      for (const run of runs) this.foundRuns.set(run.lines[0]?.nodes[0] as Text, run);
      return false;
    }
    this.joiner.join(runs);
    for (const run of runs) {
      for (const joint of run.joints) {
        for (const [node, start, end] of joint.whitespace) {
          const entry = this.jointSpace.get(node) ?? { text: this.own.readOwn(node), ranges: [] };
          entry.ranges.push([start, end]);
          this.jointSpace.set(node, entry);
        }
      }
    }
    return true;
  }

  /**
   * For a node whose only change is the white space left out at joints: its offsets mapped to its
   * own text's (an offset right at a left-out stretch maps to the stretch's end). Undefined when
   * the node shows anything else.
   */
  private jointOffsetMap(node: Text): ((offset: number) => number) | undefined {
    const entry = this.jointSpace.get(node);
    if (!entry || entry.text !== this.own.readOwn(node)) return undefined;
    const ranges = [...entry.ranges].sort((a, b) => a[0] - b[0]);
    let shown = '';
    let at = 0;
    for (const [from, to] of ranges) {
      shown += entry.text.slice(at, from);
      at = Math.max(at, to);
    }
    if (shown + entry.text.slice(at) !== node.data) return undefined;
    return (offset) => {
      let own = offset;
      for (const [from, to] of ranges) if (from <= own) own += to - from;
      return own;
    };
  }

  /** Edits that leave out the source white space at the joints of joined lines in this block. */
  private jointEdits(block: TextBlock): TextEdit[] {
    const edits: TextEdit[] = [];
    block.nodes.forEach((node, i) => {
      const entry = this.jointSpace.get(node);
      const start = block.starts[i] as number;
      if (!entry || entry.text !== block.text.slice(start, block.starts[i + 1])) return;
      for (const [from, to] of entry.ranges) {
        if (to > from) {
          const original = block.text.slice(start + from, start + to);
          edits.push({ rule: 'line-join', factor: 1, start: start + from, end: start + to, original, replacement: '' });
        }
      }
    });
    return mergeJointEdits(edits);
  }

  /** What the learning stages have learned so far (a sum of their versions). */
  private learnedVersion(): number {
    let version = 0;
    for (const stage of this.activeStages()) version += stage.learned?.version ?? 0;
    return version;
  }

  /** The stages that run now (on, and not paused by "Show original"), in the pipeline's order. */
  private activeStages(): PageTextStage[] {
    if (this.active) return this.active;
    const stages = [...this.textStages.values()].filter((stage) => !(stage.repairs && this.showingOriginal));
    this.active = stages.sort((a, b) => STAGE_ORDER[a.name] - STAGE_ORDER[b.name]);
    return this.active;
  }

  /**
   * Could anything change in this block: a stage might change its text, the annotation stage
   * might annotate it, the reader asked for a fix in it, or Qingdu changed it before (and may have
   * to put it back)? Blocks that fail this are never touched: the cheap test every block gets.
   */
  private mayNeedRender(block: TextBlock): boolean {
    const { text, nodes } = block;
    for (const stage of this.activeStages()) if (stage.mightChange(text)) return true;
    if (this.annotation?.mightAnnotate(text)) return true;
    if (this.jointSpace.size > 0) for (const node of nodes) if (this.jointSpace.has(node)) return true;
    // Nothing of Qingdu's anywhere yet (the first pass): nothing to put back either.
    if (this.own.isEmpty && this.marks.isEmpty && !this.hasRequests && this.ruby.size === 0) return false;
    for (const node of nodes) {
      if (this.own.has(node) || this.marks.isMarked(node) || this.ruby.isAnnotated(node) || this.requested.has(node)) {
        return true;
      }
    }
    return false;
  }

  /** Compute one block from the page's own text through every stage, and write what differs. */
  private render(block: TextBlock, fromObserver: boolean): void {
    const { nodes, starts, text } = block;
    // The page changed a node since the walk: the observer has queued it again.
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as Text;
      if (this.own.readOwn(node) !== text.slice(starts[i], starts[i + 1])) return;
      if (!node.parentNode && !this.ruby.isAnnotated(node)) return;
      if (this.own.isContested(node)) return;
    }
    if (fromObserver && this.contested.has(block.container)) return;
    const partStarts = starts.slice(0, nodes.length);
    // Only looked up where a stage cares (the doubled-text fix does not).
    let lang: string | undefined;
    const langOfBlock = () => {
      lang ??= langOf(block.container);
      return lang;
    };

    // Text stages; the origin map is made only once a stage changes something. Joined lines
    // first leave out the white space of their joints, so every stage reads one paragraph.
    let current = text;
    let origin: Int32Array | undefined;
    if (this.jointSpace.size > 0) {
      const joints = this.jointEdits(block);
      if (joints.length > 0) ({ text: current, origin } = applyEditsWithOrigin(current, origin, joints, partStarts));
    }
    const repairNodes: Text[][] = [];
    const repairEdits: RepairEdit[] = [];
    let repaired: BlockRepairs['repaired'] | undefined;
    for (const stage of this.activeStages()) {
      if (!stage.mightChange(current) && !(stage.editRequested && this.hasRequest(nodes))) continue;
      if (stage.skipsLanguage && langOfBlock() && stage.skipsLanguage(langOfBlock())) continue;
      let edits = stage.editInContext
        ? stage.editInContext(current, nodes.length, contextOf(block.container))
        : stage.edit(current, nodes.length);
      // Left alone, in whole or in part, by a stage that learns from the page: judged again if it
      // learns something (a block fixed in part before its kind was confirmed gets the rest then).
      if (stage.learned && edits.length === 0) this.undecided.add(block.container);
      if (stage.editRequested && this.hasRequests) {
        // The request is in the page's own offsets; joined lines may have left out white space.
        const asked = this.requestWindow(block);
        const request = asked && (origin ? mapRangeThroughOrigin(asked, origin) : asked);
        if (request) edits = mergeRequested(edits, stage.editRequested(current, request));
      }
      if (edits.length === 0) continue;
      if (stage.repairs) {
        for (const edit of edits) {
          const range = sourceRange(edit, origin, current.length);
          repairNodes.push(nodesTouched(block, range));
          repairEdits.push({ stage: stage.name, edit, ...range });
        }
      }
      ({ text: current, origin } = applyEditsWithOrigin(current, origin, edits, partStarts));
      if (stage.repairs) repaired = { text: current, origin };
      if (stage.learned && stage.mightChange(current)) this.undecided.add(block.container);
    }
    const repairs = repaired && { block, edits: repairEdits, repaired };
    const targets = origin
      ? splitByOrigin({ text: current, origin }, partStarts)
      : nodes.map((_, i) => text.slice(starts[i], starts[i + 1]));

    // Annotation.
    const annotation = this.annotationFor(block, langOfBlock, current);
    const annotated = nodes.filter((node) => this.ruby.isAnnotated(node));
    // Readings depend on the whole block (认|识 read together when broken lines are joined), so an
    // annotation is current only for the same annotator and the same block text.
    const version = annotation ? `${this.annotatorId(annotation.annotate)}\u0000${current}` : undefined;
    const needsWrite = nodes.some((node, i) => node.data !== targets[i]);
    const upToDate =
      !needsWrite &&
      (annotation
        ? nodes.every(
            (node, i) => this.ruby.versionOf(node) === version || !annotation.mightAnnotate(targets[i] as string),
          )
        : annotated.length === 0);
    if (upToDate) {
      this.remark(nodes, repairNodes, repairs);
      return;
    }
    // Put the page's nodes back in place, write them, then annotate again.
    for (const node of annotated) this.ruby.restore(node);
    let written = false;
    nodes.forEach((node, i) => {
      const target = targets[i] as string;
      if (node.data !== target) {
        node.data = target;
        written = true;
      }
      this.own.remember(node, text.slice(starts[i], starts[i + 1]), target);
    });
    if (written && fromObserver) this.noteRewrite(block.container);
    this.remark(nodes, repairNodes, repairs);
    if (annotation) {
      const finalStarts = [0];
      for (const target of targets) finalStarts.push((finalStarts[finalStarts.length - 1] as number) + target.length);
      const finalBlock: TextBlock = { container: block.container, nodes, text: current, starts: finalStarts };
      const replaced = this.ruby.annotateBlock(finalBlock, annotation.annotate(current), version);
      if (replaced.length > 0) this.annotationSheets.ensureFor(replaced[0] as Node);
      // A page script may still hold the nodes we took out: follow them.
      for (const node of replaced) this.observer.observeDetached(node);
    }
  }

  private readonly annotatorIds = new WeakMap<object, number>();
  private annotatorId(annotate: object): number {
    let id = this.annotatorIds.get(annotate);
    if (id === undefined) {
      id = ++this.nextAnnotatorId;
      this.annotatorIds.set(annotate, id);
    }
    return id;
  }
  private nextAnnotatorId = 0;

  private remark(nodes: readonly Text[], repairNodes: Text[][], repairs: BlockRepairs | undefined): void {
    if (repairNodes.length === 0) this.marks.unmark(nodes);
    else this.marks.remark(nodes, repairNodes, repairs);
  }

  /** The annotation stage if it applies to this block now. */
  private annotationFor(block: TextBlock, langOfBlock: () => string, text: string): PageAnnotationStage | undefined {
    const stage = this.annotation;
    if (!stage?.mightAnnotate(text)) return undefined;
    if (stage.skipsLanguage && langOfBlock() && stage.skipsLanguage(langOfBlock())) return undefined;
    const container = block.container;
    if (container.nodeType === ELEMENT_NODE) {
      const element = container as Element;
      if (stage.skipsElement && isInsideSkipped(element, stage.skipsElement)) return undefined;
      if (stage.nearViewportOnly && !this.nearViewport.has(element)) {
        this.watchViewport(element);
        return undefined;
      }
    }
    return stage;
  }

  /**
   * The blocks under the points of a grid over the viewport, marked as near the viewport: each
   * point's block element, where its children are all inline (a paragraph, a heading). A point
   * between paragraphs hits their parent (an article, `main`, `body`): that is left to the walk.
   */
  private *findViewportBlocks(): Generator<TextBlock> {
    const View = this.doc.defaultView;
    if (!View || typeof this.doc.elementFromPoint !== 'function') return;
    const containers = new Set<Element>();
    for (let row = 0; row < VIEWPORT_GRID_ROWS; row++) {
      for (let column = 0; column < VIEWPORT_GRID_COLUMNS; column++) {
        const hit = this.doc.elementFromPoint(
          ((column + 0.5) / VIEWPORT_GRID_COLUMNS) * View.innerWidth,
          ((row + 0.5) / VIEWPORT_GRID_ROWS) * View.innerHeight,
        );
        const container = hit ? findBlockContainer(hit) : undefined;
        if (container?.nodeType === ELEMENT_NODE && holdsOnlyInline(container as Element))
          containers.add(container as Element);
      }
    }
    for (const container of containers) {
      if (!container.isConnected) continue;
      // Walked whole before any is computed: computing annotates, which changes the tree.
      for (const block of [...iterateTextBlocks(container, this.walkOptions)]) {
        if (block.container.nodeType === ELEMENT_NODE) this.nearViewport.add(block.container as Element);
        yield block;
      }
    }
  }

  private watchViewport(element: Element): void {
    if (this.watchedForViewport.has(element)) return;
    const View = this.doc.defaultView;
    if (!View?.IntersectionObserver) {
      this.nearViewport.add(element);
      return;
    }
    this.viewport ??= new View.IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          this.nearViewport.add(entry.target);
          this.viewport?.unobserve(entry.target);
          this.enqueue(entry.target);
        }
      },
      { rootMargin: this.options.nearViewportMargin ?? '100% 0px' },
    );
    this.watchedForViewport.add(element);
    this.viewport.observe(element);
  }

  private hasRequest(nodes: readonly Text[]): boolean {
    return this.hasRequests && nodes.some((node) => this.requested.has(node));
  }

  /** The part of the block's text the reader asked to fix: from the first requested offset to the last. */
  private requestWindow(block: TextBlock): { start: number; end: number } | undefined {
    let start = -1;
    let end = -1;
    block.nodes.forEach((node, i) => {
      const asked = this.requested.get(node);
      if (!asked) return;
      const nodeStart = block.starts[i] as number;
      if (start < 0) start = nodeStart + asked.start;
      end = nodeStart + asked.end;
    });
    return start < 0 || end <= start ? undefined : { start, end };
  }

  private noteRewrite(container: Node): void {
    const now = Date.now();
    const entry = this.rewrites.get(container);
    if (!entry || now - entry.since > CONTAINER_REWRITE_WINDOW_MS)
      this.rewrites.set(container, { count: 1, since: now });
    else if (++entry.count >= CONTAINER_REWRITE_LIMIT) this.contested.add(container);
  }

  // --- attributes (conversion) ---

  private attributeStage(): PageTextStage | undefined {
    for (const stage of this.textStages.values()) if (stage.attributes) return stage;
    return undefined;
  }

  private needsAttributePass(): boolean {
    return this.attributeStage() !== undefined || this.attributes.size > 0;
  }

  private attributeElements(root: Node): Element[] {
    const names = [...(this.attributeStage()?.attributes?.names ?? []), ...this.attributes.names()];
    const selector = [...names.map((name) => `[${name}]`), '[lang]'].join(',');
    const elements: Element[] = [];
    if (root.nodeType === ELEMENT_NODE) elements.push(root as Element);
    const all = (root as ParentNode).querySelectorAll?.(selector);
    if (all) elements.push(...all);
    if (root === this.doc && this.doc.documentElement) elements.push(this.doc.documentElement);
    return elements;
  }

  private rewriteAttributes(element: Element): void {
    const stage = this.attributeStage();
    const parent = element.parentNode;
    const lang = langOf(element);
    const skipped =
      (parent?.nodeType === ELEMENT_NODE && isInsideSkipped(parent)) ||
      (!FORM_FIELD_TAGS.has(element.localName) && isSkippedElement(element)) ||
      (lang !== '' && stage?.skipsLanguage?.(lang) === true);
    const active = skipped ? undefined : stage?.attributes;
    if (!active) {
      this.attributes.restoreElement(element);
      return;
    }
    for (const name of active.names) {
      const original = this.attributes.readOriginal(element, name);
      if (original !== null) this.attributes.write(element, name, active.rewrite(original));
    }
    // The root element says what the page is in even without a lang; elsewhere only Chinese scopes change.
    const originalLang = this.attributes.readOriginal(element, 'lang');
    const isPageRoot = element === element.ownerDocument.documentElement;
    if (isChineseLang(originalLang) || (isPageRoot && !originalLang))
      this.attributes.write(element, 'lang', active.lang);
  }

  /**
   * While the page is parsed, Chromium's parser appends the next chunk's text to the last text
   * node it made: written by Qingdu, that node would then hold half Qingdu's text and half the
   * parser's, and its original would be lost. A block ending in a node with nothing after it yet
   * is left alone until something follows it or parsing ends.
   */
  private mayStillGrow(block: TextBlock): boolean {
    if (this.doc.readyState !== 'loading') return false;
    for (let node: Node | null = block.nodes[block.nodes.length - 1] as Node; node; node = node.parentNode) {
      if (node.nextSibling) return false;
    }
    return true;
  }

  // --- following the page ---

  private followPage(changes: PageChanges): void {
    if (this.stopped) return;
    // New content from the parser: what was held back may be complete now.
    if (this.heldBack.size > 0) this.enqueueHeldBack();
    if (changes.rescan) {
      this.enqueue(this.doc);
      return;
    }
    // Text the page keeps rewriting in a container left to it (see `render`) is not even queued:
    // a page that rewrites it a thousand times a second would otherwise cost a pass, and a status
    // report, each time.
    for (const root of changes.addedRoots) {
      const container = findBlockContainer(root);
      if (root.nodeType !== TEXT_NODE || !this.contested.has(container)) this.enqueue(container);
    }
    for (const node of changes.changedTexts) {
      this.own.forgetRewritten(node);
      const container = findBlockContainer(node);
      if (!this.contested.has(container)) this.enqueue(container);
    }
    // A page script changed a node we had taken out for annotation: put it back and judge it afresh.
    for (const node of changes.detachedTexts) {
      if (!this.ruby.isAnnotated(node)) continue;
      this.own.forgetRewritten(node);
      this.ruby.restore(node);
      this.observer.discardPending();
      if (node.isConnected) this.enqueue(findBlockContainer(node));
    }
  }

  private report(): void {
    if (!this.options.onStatus) return;
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.options.onStatus(status);
  }
}

const STAGE_ORDER: Record<TextStageName, number> = { fix: 0, replace: 1, convert: 2 };

/** Points looked at over the viewport for the blocks annotated first (see `findViewportBlocks`). */
const VIEWPORT_GRID_ROWS = 12;
const VIEWPORT_GRID_COLUMNS = 3;
/** Passive, and in the capture phase: a scroll of any scrolling element reaches the document then. */
const SCROLL_LISTENER: AddEventListenerOptions = { capture: true, passive: true };
/** Time the annotation of what a scroll brought into view may take, in the scroll event. */
const SCROLL_BUDGET_MS = 8;

/** Does `element` have only inline children (text, `<b>`, `<a>`…), no block inside? */
function holdsOnlyInline(element: Element): boolean {
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    if (isBlockElement(child) || child.shadowRoot) return false;
  }
  return true;
}

/** An edit's range in the block's own text (through the origin map of the text it applies to). */
function sourceRange(edit: TextEdit, origin: Int32Array | undefined, length: number): { start: number; end: number } {
  const at = (i: number) => (origin ? (origin[i] as number) : i);
  const start = edit.start < length ? at(edit.start) : length > 0 ? at(length - 1) + 1 : 0;
  const end = edit.end > edit.start ? at(edit.end - 1) + 1 : start;
  return { start, end: Math.max(start, end) };
}

/** The nodes a range of the block's text touches (at least one). */
function nodesTouched(block: TextBlock, range: { start: number; end: number }): Text[] {
  const touched: Text[] = [];
  const { nodes, starts } = block;
  for (let i = 0; i < nodes.length; i++) {
    const nodeStart = starts[i] as number;
    const nodeEnd = starts[i + 1] as number;
    const overlaps = nodeStart < range.end && nodeEnd > range.start;
    const holdsEmpty = range.start === range.end && nodeStart <= range.start && range.start < nodeEnd;
    if (overlaps || holdsEmpty) touched.push(nodes[i] as Text);
  }
  if (touched.length === 0 && nodes.length > 0) touched.push(nodes[nodes.length - 1] as Text);
  return touched;
}

/** The reader's edits win inside the request; automatic edits that overlap one are dropped. */
function mergeRequested(auto: readonly TextEdit[], asked: readonly TextEdit[]): TextEdit[] {
  const kept = auto.filter((a) => !asked.some((b) => a.start < b.end && b.start < a.end));
  return [...kept, ...asked].sort((a, b) => a.start - b.start);
}

/** Sorted, with overlapping or touching deletions merged (a joint's ranges may be noted twice). */
function mergeJointEdits(edits: TextEdit[]): TextEdit[] {
  if (edits.length < 2) return edits;
  edits.sort((a, b) => a.start - b.start);
  const merged: TextEdit[] = [edits[0] as TextEdit];
  for (const edit of edits.slice(1)) {
    const last = merged[merged.length - 1] as TextEdit;
    if (edit.start <= last.end) {
      const end = Math.max(last.end, edit.end);
      merged[merged.length - 1] = {
        ...last,
        end,
        original: `${last.original}${edit.original.slice(last.end - edit.start)}`,
      };
    } else merged.push(edit);
  }
  return merged;
}

/** Where a block is: its element's tag and class (a shadow root's or the document's: none). */
function contextOf(container: Node): BlockContext {
  if (container.nodeType !== ELEMENT_NODE) return { tag: '', className: '' };
  const element = container as Element;
  return { tag: element.localName, className: element.getAttribute('class') ?? '' };
}
