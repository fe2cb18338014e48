/**
 * fast-check generators of hostile text and pages, shared by the text-engine and DOM fuzz tests.
 * Text mixes what the engine is built for (doubled Chinese and Latin) with what it must survive:
 * astral characters, combining marks, emoji with variation selectors, ZWJ sequences and flags,
 * right-to-left text and marks, lone surrogates, NUL and other controls, all of it doubled too,
 * so the engine is tempted to cut inside a code point or a grapheme cluster.
 */
import fc from 'fast-check';

/** Number of runs of each property; reported by the fuzz tests and in the README. */
export const FUZZ_RUNS = {
  text: 10_000,
  dom: 1000,
} as const;

/** A fuzz property does thousands of runs; on a busy machine that can take far longer than usual. */
export const FUZZ_TIMEOUT_MS = 180_000;

const char = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((codePoint) => String.fromCodePoint(codePoint));

const commonHan = char(0x4e00, 0x9fff);
const astralHan = char(0x20000, 0x2a6df);
const latin = char(0x61, 0x7a);
const combiningMark = char(0x300, 0x36f);
const hebrew = char(0x5d0, 0x5ea);
const arabic = char(0x627, 0x64a);
const emojiBase = char(0x1f600, 0x1f64f);
const regionalIndicator = char(0x1f1e6, 0x1f1ff);
const loneSurrogate = fc.oneof(char(0xd800, 0xdbff), char(0xdc00, 0xdfff));

/** Single graphemes (or pieces of one) that stress code point and cluster boundaries. */
const trickyGrapheme: fc.Arbitrary<string> = fc.oneof(
  astralHan,
  emojiBase,
  fc.tuple(latin, fc.array(combiningMark, { minLength: 1, maxLength: 3 })).map(([b, m]) => b + m.join('')),
  fc.tuple(commonHan, combiningMark).map(([b, m]) => b + m),
  fc.constantFrom('\u2764\uFE0F', '\u263A\uFE0F', '\u0031\uFE0F\u20E3', '\u6F22\uFE00'),
  fc.constantFrom(
    '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
    '\u{1F3F3}\uFE0F\u200D\u{1F308}',
    '\u{1F469}\u{1F3FD}\u200D\u{1F4BB}',
    '\u{1F44D}\u{1F3FB}',
  ),
  fc.tuple(regionalIndicator, regionalIndicator).map(([a, b]) => a + b),
  regionalIndicator,
  hebrew,
  arabic,
  fc.constantFrom('\u200F', '\u200E', '\u202B', '\u202C', '\u2067', '\u2069', '\u061C'),
  loneSurrogate,
  fc.constantFrom('\0', '\u0007', '\u200B', '\u200D', '\uFEFF', '\uFFFD', '\r\n', '\n', '\t'),
  fc.constantFrom('\u1100\u1161', '\u1100', '\u1161', '\u11A8', '\uAC00'),
);

/** A run of some grapheme repeated 2 to 4 times, the shape of fake-bold damage. */
const repeated = (unit: fc.Arbitrary<string>) =>
  fc.tuple(unit, fc.integer({ min: 2, max: 4 })).map(([piece, times]) => piece.repeat(times));

/** Doubled text the way the damage looks: every character of a phrase repeated `factor` times. */
const doubledPhrase = (unit: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(unit, { minLength: 2, maxLength: 8 }), fc.integer({ min: 2, max: 4 }))
    .map(([chars, factor]) => chars.map((c) => c.repeat(factor)).join(''));

const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: doubledPhrase(commonHan) },
  { weight: 2, arbitrary: doubledPhrase(fc.oneof(commonHan, trickyGrapheme)) },
  { weight: 2, arbitrary: repeated(trickyGrapheme) },
  { weight: 2, arbitrary: trickyGrapheme },
  { weight: 2, arbitrary: fc.array(commonHan, { minLength: 1, maxLength: 6 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: doubledPhrase(latin) },
  { weight: 1, arbitrary: fc.constantFrom('，', '。', '“', '”', '……', '——', ' ', '  ', '500', '11月26日') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);

/** Hostile text for the text engine. */
export const hostileText: fc.Arbitrary<string> = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(''));

/** Shorter hostile text, for properties that run many steps over each page. */
export const shortHostileText: fc.Arbitrary<string> = fc
  .array(piece, { maxLength: 6 })
  .map((pieces) => pieces.join(''));

/** A DOM tree to build: text, elements (some of them skipped or editable), open shadow roots. */
export type NodeSpec =
  | { kind: 'text'; data: string }
  | { kind: 'element'; tag: string; attributes: [string, string][]; children: NodeSpec[]; shadow?: NodeSpec[] };

const TAGS = ['div', 'p', 'h1', 'li', 'span', 'b', 'strong', 'em', 'a', 'font', 'ruby', 'rt', 'code', 'pre', 'br'];
const ATTRIBUTES: [string, string][] = [
  ['contenteditable', 'true'],
  ['contenteditable', 'false'],
  ['class', 'qingdu-skip'],
  ['translate', 'no'],
  ['role', 'textbox'],
  ['lang', 'zh-CN'],
  ['dir', 'rtl'],
  ['title', '勇勇于于'],
];

/** Random pages: `maxChildren` nodes at most per parent, text from `text`. */
export function createDomTree(text: fc.Arbitrary<string>, maxChildren: number): fc.Arbitrary<NodeSpec[]> {
  return fc.letrec<{ node: NodeSpec; nodes: NodeSpec[] }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: text.map((data): NodeSpec => ({ kind: 'text', data })) },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('element' as const),
          tag: fc.constantFrom(...TAGS),
          attributes: fc.subarray(ATTRIBUTES, { maxLength: 2 }),
          children: tie('nodes'),
          shadow: fc.option(tie('nodes'), { nil: undefined, freq: 8 }),
        }),
      },
    ),
    nodes: fc.array(tie('node'), { maxLength: maxChildren }),
  })).nodes;
}

export const domTree: fc.Arbitrary<NodeSpec[]> = createDomTree(hostileText, 5);

/** Smaller pages of shorter text, for properties that run many steps over each page. */
export const smallDomTree: fc.Arbitrary<NodeSpec[]> = createDomTree(shortHostileText, 4);

/** Build a spec under `parent` (with createElement and append only). */
export function buildTree(parent: Node & ParentNode, specs: NodeSpec[]): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  for (const spec of specs) {
    if (spec.kind === 'text') {
      parent.append(doc.createTextNode(spec.data));
      continue;
    }
    const element = doc.createElement(spec.tag);
    for (const [name, value] of spec.attributes) element.setAttribute(name, value);
    if (spec.tag !== 'br') buildTree(element, spec.children);
    if (spec.shadow && spec.tag !== 'br' && spec.tag !== 'rt') {
      try {
        buildTree(element.attachShadow({ mode: 'open' }), spec.shadow);
      } catch {
        // Some elements cannot host a shadow root; the tree is still a fine test without it.
      }
    }
    parent.append(element);
  }
}

/**
 * An exact picture of a subtree: every node in order with its type, name, attributes and text,
 * open shadow roots included, and each node's identity (so a node replaced by an equal one shows).
 */
const nodeIds = new WeakMap<Node, number>();
let nextNodeId = 0;

export function snapshotTree(root: Node): string[] {
  const ids = nodeIds;
  const lines: string[] = [];
  const visit = (node: Node, depth: number) => {
    if (!ids.has(node)) ids.set(node, nextNodeId++);
    const pad = ' '.repeat(depth);
    if (node.nodeType === 3) {
      lines.push(`${pad}#${ids.get(node)} text ${JSON.stringify((node as Text).data)}`);
      return;
    }
    if (node.nodeType === 1) {
      const element = node as Element;
      const attributes = [...element.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).join(' ');
      lines.push(`${pad}#${ids.get(node)} <${element.localName} ${attributes}>`);
      for (const child of element.childNodes) visit(child, depth + 1);
      if (element.shadowRoot) {
        lines.push(`${pad} #shadow`);
        for (const child of element.shadowRoot.childNodes) visit(child, depth + 2);
      }
      return;
    }
    lines.push(`${pad}#${ids.get(node)} node ${node.nodeType}`);
    for (const child of node.childNodes) visit(child, depth + 1);
  };
  visit(root, 0);
  return lines;
}

/** Is `short` what is left of `long` after deleting some code units? */
export function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) {
    if (long.charCodeAt(i) === short.charCodeAt(j)) j++;
  }
  return j === short.length;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Grapheme clusters of `text` (lone surrogates and controls are clusters of their own). */
export function graphemesOf(text: string): string[] {
  return [...segmenter.segment(text)].map((s) => s.segment);
}

/** UTF-16 offsets where grapheme clusters of `text` begin, in order, ending with `text.length`. */
export function graphemeBoundaries(text: string): number[] {
  return [...[...segmenter.segment(text)].map((s) => s.index), text.length];
}

/** The smallest edit shape the cluster check needs. */
interface Deletion {
  start: number;
  end: number;
  replacement: string;
}

/**
 * Check that applying `edits` to `input` only deletes whole grapheme clusters. Each edit is widened
 * to the clusters it touches (edits that widen into one another are judged together); what is
 * left of that stretch must be a subsequence of its clusters. (An edit may end inside a cluster
 * and still delete whole clusters: in `並並` + ZWJ, dropping the second 並 is dropping the first.)
 * Returns the number of edits whose own bounds fall inside a cluster, or throws on a cut.
 */
export function checkWholeClusterDeletions(input: string, edits: readonly Deletion[]): number {
  const boundaries = graphemeBoundaries(input);
  const onBoundary = new Set(boundaries);
  const floor = (at: number) => boundaries.filter((b) => b <= at).pop() ?? 0;
  const ceil = (at: number) => boundaries.find((b) => b >= at) ?? input.length;
  let insideCluster = 0;
  let i = 0;
  while (i < edits.length) {
    const first = edits[i] as Deletion;
    const from = floor(first.start);
    let to = ceil(first.end);
    let kept = input.slice(from, first.start) + first.replacement;
    let at = first.end;
    if (!onBoundary.has(first.start) || !onBoundary.has(first.end)) insideCluster++;
    i++;
    while (i < edits.length && (edits[i] as Deletion).start < to) {
      const next = edits[i] as Deletion;
      if (!onBoundary.has(next.start) || !onBoundary.has(next.end)) insideCluster++;
      kept += input.slice(at, next.start) + next.replacement;
      at = next.end;
      to = Math.max(to, ceil(next.end));
      i++;
    }
    kept += input.slice(at, to);
    const clusters = graphemesOf(input).filter(
      (_, k) => (boundaries[k] as number) >= from && (boundaries[k] as number) < to,
    );
    if (!isPieceSubsequence(kept, clusters)) {
      throw new Error(`cut inside a cluster: ${JSON.stringify(input.slice(from, to))} → ${JSON.stringify(kept)}`);
    }
  }
  return insideCluster;
}

/** Is `kept` the concatenation of a subsequence of `pieces` (whole pieces only)? */
export function isPieceSubsequence(kept: string, pieces: readonly string[]): boolean {
  const memo = new Map<string, boolean>();
  const can = (i: number, at: number): boolean => {
    if (at === kept.length) return true;
    if (i === pieces.length) return false;
    const key = `${i}:${at}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const piece = pieces[i] as string;
    const result = (kept.startsWith(piece, at) && can(i + 1, at + piece.length)) || can(i + 1, at);
    memo.set(key, result);
    return result;
  };
  return can(0, 0);
}
