/**
 * Joining the lines a print column broke, visually: the page's elements and text stay where they
 * are, one injected stylesheet makes the lines of a paragraph flow as one.
 *
 * - Lines separated by `<br>`: the `<br>` is hidden inside Qingdu's own
 *   `<span data-qingdu-own data-qingdu-line-join="break">`. Hiding the `<br>` itself is not
 *   enough: Chromium's find in page still reads a `display: none` `<br>` as a line break (measured:
 *   `window.find('建设')` fails across `建<br style="display:none">设`, succeeds when the `<br>`
 *   sits in a hidden element), so the `<br>` moves into the span while joined and back on undo.
 * - Lines in sibling blocks (`<p>`, `<div>`): both blocks get `data-qingdu-line-join="inline"` and
 *   are laid out inline, so their text runs on in one anonymous block. Where an inline block would
 *   run into text that is not its paragraph's (the next paragraph in the next sibling), Qingdu
 *   inserts its own `<br data-qingdu-own>` so the paragraphs stay apart, in copy and paste too.
 * - Source white space at a break (`<br>\n`, `</p>\n<p>`) would show as a space between two
 *   characters once the break is gone (Chromium does not apply CSS Text's rule that drops a
 *   segment break between two wide characters), and find-in-page would miss 建 设. So that white
 *   space, and only that (ASCII white space between the last character of one line and the first
 *   of the next), is emptied while joined and put back exactly on undo. Visible text is never
 *   touched.
 *
 * `restoreAll` removes every attribute, inserted `<br>` and the stylesheet and puts the white space
 * back: the page is node for node, attribute for attribute what it was.
 */
import {
  endsSentence,
  findWrappedRuns,
  type LineInput,
  type LineJoinOptions,
  type WrappedRunEvidence,
} from '../text/lines';
import {
  isHiddenLineBreak,
  isJoinedInline,
  LINE_JOIN_ATTRIBUTE,
  LINE_JOIN_BREAK,
  LINE_JOIN_INLINE,
  LINE_JOIN_STYLE_ID,
} from './line-join-markers';
import { INLINE_TAGS, markOwnNode, OWN_NODE_ATTRIBUTE } from './markers';
import { isSkippedElement, type TextBlock } from './text-blocks';

export {
  isHiddenLineBreak,
  isJoinedInline,
  LINE_JOIN_ATTRIBUTE,
  LINE_JOIN_BREAK,
  LINE_JOIN_INLINE,
  LINE_JOIN_STYLE_ID,
} from './line-join-markers';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const COMMENT_NODE = 8;

/** Blocks whose lines may be joined across (a `<td>`, `<li>` or heading never is). */
const JOINABLE_BLOCKS: ReadonlySet<string> = new Set(['p', 'div']);
/**
 * Containers whose `<br>` lines are never joined: headings, list items, captions, addresses,
 * labels, navigation. Checked on the container and its ancestors.
 */
const NEVER_JOINED =
  'h1,h2,h3,h4,h5,h6,li,dt,dd,th,caption,figcaption,address,nav,menu,label,button,summary,legend,[role=navigation],[role=menu],[role=heading]';
/** A line longer than this (UTF-16 code units) is no column's line: skipped before any DOM work. */
const MAX_LINE_LENGTH = 96;
/** How far the structure check walks between two lines before it gives up. */
const MAX_WALK = 48;

/** The one stylesheet that joins lines (see the module comment). */
export const LINE_JOIN_CSS = `[${LINE_JOIN_ATTRIBUTE}="${LINE_JOIN_INLINE}"]{display:inline!important;margin-inline:0!important;padding-inline:0!important}
span[${LINE_JOIN_ATTRIBUTE}="${LINE_JOIN_BREAK}"]{display:none!important}`;

/** What lies between two lines of a run on the page, and what joining them changes. */
export interface LineJoint {
  readonly kind: 'br' | 'block';
  /** `<br>` elements to hide (the separating one, or trailing ones in the block before). */
  readonly breaks: readonly Element[];
  /** For `block`: the two sibling blocks laid out inline. */
  readonly blocks: readonly Element[];
  /** Source white space between the two lines' text: `[node, start, end]` ranges to empty. */
  readonly whitespace: readonly (readonly [Text, number, number])[];
}

/** One paragraph to join: its lines (text blocks, in order) and the joints between them. */
export interface LineJoinRun {
  readonly lines: readonly TextBlock[];
  /** `joints[i]` lies between `lines[i]` and `lines[i + 1]`. */
  readonly joints: readonly LineJoint[];
  readonly evidence: WrappedRunEvidence;
}

/**
 * How the page is read: a page pipeline reads each text node's own text (what the page wrote, not
 * what Qingdu shows) and finds a node it took out of the page (pinyin's) at its stand-in's place.
 */
export interface PageReading {
  readText(node: Text): string;
  placeOf(node: Text): Node;
}

const PLAIN_READING: PageReading = { readText: (node) => node.data, placeOf: (node) => node };

function isWhitespaceText(node: Node, reading: PageReading = PLAIN_READING): boolean {
  return /^[ \t\n\r\f]*$/.test(reading.readText(node as Text));
}

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

/** The next node in document order inside `root` after `node` and everything inside it, or null. */
function nextAfter(node: Node, root: Node): Node | null {
  for (let current: Node | null = node; current && current !== root; current = current.parentNode) {
    if (current.nextSibling) return current.nextSibling;
  }
  return null;
}

/** The next node in document order inside `root`, or null. */
function nextInside(node: Node, root: Node): Node | null {
  if (node.firstChild) return node.firstChild;
  for (let current: Node | null = node; current && current !== root; current = current.parentNode) {
    if (current.nextSibling) return current.nextSibling;
  }
  return null;
}

/** ASCII white space: what CSS collapses, source formatting rather than text. */
function isSourceSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;
}

/** The white space at the end of a block's text, as node ranges. */
function trailingWhitespace(block: TextBlock, out: [Text, number, number][]): void {
  for (let i = block.nodes.length - 1; i >= 0; i--) {
    const node = block.nodes[i] as Text;
    const data = block.text.slice(block.starts[i], block.starts[i + 1]);
    let end = data.length;
    while (end > 0 && isSourceSpace(data.charCodeAt(end - 1))) end--;
    if (end < data.length) out.push([node, end, data.length]);
    if (end > 0) return;
  }
}

/** The white space at the start of a block's text, as node ranges. */
function leadingWhitespace(block: TextBlock, out: [Text, number, number][]): void {
  for (let i = 0; i < block.nodes.length; i++) {
    const node = block.nodes[i] as Text;
    const data = block.text.slice(block.starts[i], block.starts[i + 1]);
    let start = 0;
    while (start < data.length && isSourceSpace(data.charCodeAt(start))) start++;
    if (start > 0) out.push([node, 0, start]);
    if (start < data.length) return;
  }
}

/**
 * Walk from `from` (exclusive) to `to` (exclusive) inside `root`, allowing only white space,
 * comments, inline elements and `<br>` (collected). False if anything else is in the way.
 */
function walkBetween(
  from: Node,
  to: Node | null,
  root: Node,
  breaks: Element[],
  whitespace: [Text, number, number][],
  reading: PageReading,
): boolean {
  let steps = 0;
  // A stand-in for a line's last node (pinyin's wrapper) is passed over whole.
  const start = from !== root && from.nodeType === ELEMENT_NODE ? nextAfter(from, root) : nextInside(from, root);
  for (let node = start; node !== to; node = nextInside(node, root)) {
    if (node === null) return to === null;
    if (++steps > MAX_WALK) return false;
    if (node.nodeType === TEXT_NODE) {
      const text = reading.readText(node as Text);
      if (!isWhitespaceText(node, reading)) return false;
      if (text !== '') whitespace.push([node as Text, 0, text.length]);
      continue;
    }
    if (node.nodeType === COMMENT_NODE) continue;
    if (!isElement(node)) return false;
    if (node.localName === 'br') {
      breaks.push(node);
      continue;
    }
    if (!INLINE_TAGS.has(node.localName) || isSkippedElement(node)) return false;
  }
  return true;
}

function isNeverJoined(element: Element): boolean {
  return element.closest(NEVER_JOINED) !== null;
}

/** The next sibling element of `element`, if only white space and comments lie between (collected). */
function nextSiblingBlock(
  element: Element,
  whitespace: [Text, number, number][],
  reading: PageReading,
): Element | null {
  for (let node = element.nextSibling; node; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE) {
      const text = reading.readText(node as Text);
      if (!isWhitespaceText(node, reading)) return null;
      if (text !== '') whitespace.push([node as Text, 0, text.length]);
      continue;
    }
    if (node.nodeType === COMMENT_NODE) continue;
    return isElement(node) ? node : null;
  }
  return null;
}

/**
 * What separates line `a` from line `b` on the page, if they can be joined: exactly one `<br>`
 * inside one block, or the end of one block and the start of its next sibling of the same kind
 * (`<p>`, `<div>`). Null for anything else (an image, a heading, a blank line, a table cell…).
 */
export function findLineJoint(a: TextBlock, b: TextBlock, reading: PageReading = PLAIN_READING): LineJoint | null {
  const last = reading.placeOf(a.nodes[a.nodes.length - 1] as Text);
  const first = reading.placeOf(b.nodes[0] as Text);
  const ca = a.container;
  const cb = b.container;
  if (!isElement(ca as Node) || !isElement(cb as Node)) return null;
  const blockA = ca as Element;
  const blockB = cb as Element;
  if (blockA !== blockB && (blockA.localName !== blockB.localName || !JOINABLE_BLOCKS.has(blockA.localName))) {
    return null;
  }
  const breaks: Element[] = [];
  const whitespace: [Text, number, number][] = [];
  trailingWhitespace(a, whitespace);
  if (blockA === blockB) {
    if (!walkBetween(last, first, blockA, breaks, whitespace, reading) || breaks.length !== 1) return null;
    if (isNeverJoined(blockA)) return null;
    leadingWhitespace(b, whitespace);
    return { kind: 'br', breaks, blocks: [], whitespace };
  }
  if (nextSiblingBlock(blockA, whitespace, reading) !== blockB) return null;
  if (isSkippedElement(blockA) || isSkippedElement(blockB) || isNeverJoined(blockA)) return null;
  // `a` must end its block (trailing `<br>` are hidden with it) and `b` must open its block.
  if (!walkBetween(last, null, blockA, breaks, whitespace, reading)) return null;
  const leading: Element[] = [];
  if (!walkBetween(blockB, first, blockB, leading, whitespace, reading) || leading.length > 0) return null;
  leadingWhitespace(b, whitespace);
  return { kind: 'block', breaks, blocks: [blockA, blockB], whitespace };
}

/** A block that can be a column's line: short once source white space is set aside. Allocates nothing. */
export function isLineCandidate(block: TextBlock): boolean {
  const text = block.text;
  if (text.length <= MAX_LINE_LENGTH) return true;
  let start = 0;
  let end = text.length;
  while (start < end && isSourceSpace(text.charCodeAt(start))) start++;
  while (end > start && isSourceSpace(text.charCodeAt(end - 1))) end--;
  return end - start <= MAX_LINE_LENGTH;
}

/**
 * The runs of `blocks` (text blocks in document order, as the page walker returns them) that a
 * print column broke, with what joining each changes on the page. Consecutive blocks that are
 * structurally lines of one text (one `<br>` apart, or sibling `<p>`/`<div>`) form a sequence; the
 * pure detector (`findWrappedRuns`) picks the runs. Reads the DOM, changes nothing.
 */
export function findLineJoinRuns(
  blocks: readonly TextBlock[],
  options: LineJoinOptions = {},
  reading: PageReading = PLAIN_READING,
): LineJoinRun[] {
  const runs: LineJoinRun[] = [];
  // Reused across sequences: this loop runs over every block of every page, so it allocates
  // nothing until two blocks turn out to be lines of one text.
  const sequence: TextBlock[] = [];
  const joints: LineJoint[] = [];
  const flush = () => {
    if (sequence.length >= 2) {
      const lines: LineInput[] = sequence.map((block, i) => ({
        text: block.text,
        separator: i === 0 ? undefined : (joints[i - 1] as LineJoint).kind === 'br' ? 'br' : 'block',
      }));
      for (const run of findWrappedRuns(lines, options)) {
        runs.push({
          lines: sequence.slice(run.start, run.end),
          joints: joints.slice(run.start, run.end - 1),
          evidence: run.evidence,
        });
      }
    }
    sequence.length = 0;
    joints.length = 0;
  };
  for (const block of blocks) {
    if (!isLineCandidate(block)) {
      if (sequence.length > 0) flush();
      continue;
    }
    const previous = sequence.length > 0 ? (sequence[sequence.length - 1] as TextBlock) : undefined;
    // No run continues past a sentence end, so there is nothing to look up in the DOM.
    const joint = previous && !endsSentence(previous.text) ? findLineJoint(previous, block, reading) : null;
    if (joint) joints.push(joint);
    else if (sequence.length > 0) flush();
    sequence.push(block);
  }
  flush();
  return runs;
}

/** A caller's stylesheets, one per root (the pipeline's `StyleSheets` holding `LINE_JOIN_CSS`). */
export interface LineJoinSheets {
  ensureFor(node: Node): void;
  removeAll(): void;
}

interface WhitespaceRecord {
  original: string;
  written: string;
}

/**
 * Skip white space and comments; Qingdu's own breaks and style sheets count as nothing (its other
 * elements, pinyin's wrappers, stand in for the page's text and count as that text).
 */
function siblingContent(node: Node | null, forward: boolean): Node | null {
  for (let current = node; current; current = forward ? current.nextSibling : current.previousSibling) {
    if (current.nodeType === TEXT_NODE && isWhitespaceText(current)) continue;
    if (current.nodeType === COMMENT_NODE) continue;
    if (isElement(current) && current.hasAttribute(OWN_NODE_ATTRIBUTE) && isOwnLayout(current)) continue;
    return current;
  }
  return null;
}

function isOwnLayout(element: Element): boolean {
  return element.localName === 'br' || element.localName === 'style' || isHiddenLineBreak(element);
}

/** Would `node` sit on the same line as an inline-laid-out block next to it? */
function flowsInline(node: Node): boolean {
  if (!isElement(node)) return true;
  return INLINE_TAGS.has(node.localName) || isJoinedInline(node);
}

/** One joined paragraph and everything joining it changed, so it can be undone alone. */
interface JoinedRun {
  readonly run: LineJoinRun;
  /** The node around all its lines (their block, or the sibling blocks' parent). */
  readonly anchor: Node;
  /** Elements given the join attribute, with the value they had. */
  readonly marked: Map<Element, string | null>;
  /** Each hidden `<br>` and the span that hides it. */
  readonly hidden: [Element, Element][];
  /** Own `<br>` inserted to keep a neighbour apart. */
  readonly inserted: Element[];
  readonly pairs: string[];
}

/**
 * Joins runs on one document and undoes them exactly: all at once (`restoreAll`), or those inside
 * a part of the page the page itself changed (`restoreWithin`), to be found again.
 */
export class LineJoiner {
  private joined: JoinedRun[] = [];
  private readonly whitespace = new Map<Text, WhitespaceRecord>();
  private readonly jointPairs = new Set<string>();
  private readonly ids = new WeakMap<Element, number>();
  private nextId = 0;
  private style: HTMLStyleElement | null = null;

  /**
   * `emptyWhitespace: false` leaves the source white space at each break to the caller (a page
   * pipeline that applies every change to text itself takes `run.joints[i].whitespace` as its
   * first stage's edits); by default the joiner empties it and puts it back on undo.
   * `sheets`: where the stylesheet goes, for a caller that keeps one sheet per root (joined lines
   * in a shadow root need the sheet there); by default one `<style>` in the document's head.
   */
  constructor(
    private readonly doc: Document,
    private readonly options: { emptyWhitespace?: boolean; sheets?: LineJoinSheets } = {},
  ) {}

  /** Paragraphs joined now. */
  get joinedCount(): number {
    return this.joined.length;
  }

  /** Where the joined paragraphs are (a stylesheet is needed in their roots). */
  anchors(): Node[] {
    return this.joined.map((joined) => joined.anchor);
  }

  /**
   * The page's own text of a node whose joint white space Qingdu emptied (else its current text),
   * for a page walker that judges blocks from the page's text.
   */
  readonly readOriginal = (node: Text): string => {
    const record = this.whitespace.get(node);
    return record && node.data === record.written ? record.original : node.data;
  };

  /** Does the node hold exactly what the line join wrote (so a mutation record of it is Qingdu's own)? */
  readonly isOwnWrite = (node: Text): boolean => this.whitespace.get(node)?.written === node.data;

  private idOf(element: Element): number {
    let id = this.ids.get(element);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(element, id);
    }
    return id;
  }

  private mark(element: Element, value: string, joined: JoinedRun): void {
    if (!joined.marked.has(element)) joined.marked.set(element, element.getAttribute(LINE_JOIN_ATTRIBUTE));
    element.setAttribute(LINE_JOIN_ATTRIBUTE, value);
  }

  /** Move `br` into an own hidden span (unless it is hidden already). */
  private hide(br: Element, joined: JoinedRun): void {
    if (isHiddenLineBreak(br) || !br.parentNode) return;
    const span = markOwnNode(this.doc.createElement('span'));
    span.setAttribute(LINE_JOIN_ATTRIBUTE, LINE_JOIN_BREAK);
    br.parentNode.insertBefore(span, br);
    span.appendChild(br);
    joined.hidden.push([br, span]);
  }

  /** Empty `ranges` of `node` (offsets into its current text), remembering the page's text. */
  private empty(node: Text, ranges: readonly (readonly [number, number])[]): void {
    const record = this.whitespace.get(node);
    if (record && node.data !== record.written) return; // the page changed it since: leave it alone
    let written = node.data;
    // From the last range to the first, so earlier offsets stay right.
    for (const [start, end] of [...ranges].sort((x, y) => y[0] - x[0])) {
      written = written.slice(0, start) + written.slice(end);
    }
    if (written === node.data) return;
    this.whitespace.set(node, { original: record?.original ?? node.data, written });
    node.data = written;
  }

  private ensureStyle(node: Node): void {
    if (this.options.sheets) {
      this.options.sheets.ensureFor(node);
      return;
    }
    if (this.style?.isConnected) return;
    const style = this.doc.createElement('style');
    style.id = LINE_JOIN_STYLE_ID;
    markOwnNode(style);
    style.textContent = LINE_JOIN_CSS;
    (this.doc.head ?? this.doc.documentElement).appendChild(style);
    this.style = style;
  }

  /** Join `runs` (from `findLineJoinRuns` on this document). Returns how many were joined. */
  join(runs: readonly LineJoinRun[]): number {
    if (runs.length === 0) return 0;
    const inlined: [Element, JoinedRun][] = [];
    const ranges = new Map<Text, [number, number][]>();
    for (const run of runs) {
      const [firstJoint] = run.joints;
      const anchor =
        firstJoint?.kind === 'block'
          ? ((firstJoint.blocks[0] as Element).parentNode as Node)
          : (run.lines[0] as TextBlock).container;
      const joined: JoinedRun = { run, anchor, marked: new Map(), hidden: [], inserted: [], pairs: [] };
      this.ensureStyle(anchor);
      for (const joint of run.joints) {
        for (const br of joint.breaks) this.hide(br, joined);
        if (joint.kind === 'block') {
          const [a, b] = joint.blocks as [Element, Element];
          for (const block of joint.blocks) {
            if (!isJoinedInline(block)) inlined.push([block, joined]);
            this.mark(block, LINE_JOIN_INLINE, joined);
          }
          const pair = `${this.idOf(a)}>${this.idOf(b)}`;
          this.jointPairs.add(pair);
          joined.pairs.push(pair);
        }
        for (const [node, start, end] of joint.whitespace) {
          const list = ranges.get(node);
          if (list) list.push([start, end]);
          else ranges.set(node, [[start, end]]);
        }
      }
      this.joined.push(joined);
    }
    if (this.options.emptyWhitespace !== false) for (const [node, list] of ranges) this.empty(node, list);
    for (const [element, joined] of inlined) this.separate(element, joined);
    return runs.length;
  }

  /** Keep an inline-laid-out block from running into a neighbour that is not its paragraph's. */
  private separate(element: Element, joined: JoinedRun): void {
    const before = siblingContent(element.previousSibling, false);
    if (before && flowsInline(before) && !this.isJoint(before, element)) this.insertBreak(element, joined);
    const after = siblingContent(element.nextSibling, true);
    if (after && flowsInline(after) && !this.isJoint(element, after)) this.insertBreak(after, joined);
  }

  private isJoint(a: Node, b: Node): boolean {
    return isElement(a) && isElement(b) && this.jointPairs.has(`${this.idOf(a)}>${this.idOf(b)}`);
  }

  private insertBreak(before: Node, joined: JoinedRun): void {
    const previous = before.previousSibling;
    if (previous && isElement(previous) && previous.localName === 'br' && previous.hasAttribute(OWN_NODE_ATTRIBUTE)) {
      return;
    }
    const br = markOwnNode(this.doc.createElement('br'));
    before.parentNode?.insertBefore(br, before);
    joined.inserted.push(br);
  }

  /** Undo one joined paragraph. */
  private undo(joined: JoinedRun): void {
    for (const [br, span] of joined.hidden) {
      if (br.parentNode === span) span.parentNode?.insertBefore(br, span);
      span.remove();
    }
    for (const br of joined.inserted) br.remove();
    for (const [element, original] of joined.marked) {
      if (original === null) element.removeAttribute(LINE_JOIN_ATTRIBUTE);
      else element.setAttribute(LINE_JOIN_ATTRIBUTE, original);
    }
    for (const pair of joined.pairs) this.jointPairs.delete(pair);
    for (const joint of joined.run.joints) {
      for (const [node] of joint.whitespace) {
        const record = this.whitespace.get(node);
        if (!record) continue;
        if (node.data === record.written) node.data = record.original;
        this.whitespace.delete(node);
      }
    }
  }

  /**
   * Undo the joined paragraphs inside `root` (the page changed something there: they are found
   * again from what it holds now). Returns the runs undone.
   */
  restoreWithin(root: Node): LineJoinRun[] {
    const undone: LineJoinRun[] = [];
    // Newest first, as they were made.
    for (let i = this.joined.length - 1; i >= 0; i--) {
      const joined = this.joined[i] as JoinedRun;
      if (!root.contains(joined.anchor)) continue;
      this.undo(joined);
      this.joined.splice(i, 1);
      undone.push(joined.run);
    }
    return undone.reverse();
  }

  /** Undo every join: attributes, inserted breaks, white space and the stylesheet. */
  restoreAll(): void {
    for (let i = this.joined.length - 1; i >= 0; i--) this.undo(this.joined[i] as JoinedRun);
    this.joined = [];
    for (const [node, record] of this.whitespace) {
      if (node.data === record.written) node.data = record.original;
    }
    this.whitespace.clear();
    this.jointPairs.clear();
    this.style?.remove();
    this.style = null;
    this.options.sheets?.removeAll();
  }
}
