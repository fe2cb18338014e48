/**
 * Fuzzing the page layer: random DOM trees full of hostile text (see tests/support/arbitraries.ts),
 * rewritten block by block the way a feature does, then "Show original": every text node, element,
 * attribute and shadow root must be back exactly as it was, byte for byte, with the same nodes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { applyBlockEdits, type BlockEdit, collectTextBlocks, isInsideSkipped, OriginalTextStore } from '../../lib/dom';
import { fixText } from '../../lib/text/doubled/fix-doubled-text';
import { buildTree, domTree, FUZZ_RUNS, FUZZ_TIMEOUT_MS, type NodeSpec, snapshotTree } from '../support/arbitraries';

/** How a test turns a block's text into edits. */
type EditMaker = (text: string, intents: readonly number[]) => BlockEdit[];

/**
 * Collapse runs of one repeated code point: the naive fix (a subsequence edit, like every
 * doubled-text repair). Too eager for real pages, which is what makes it a good stress here.
 */
const collapseRepeats: EditMaker = (text) => {
  const edits: BlockEdit[] = [];
  const points = [...text];
  let offset = 0;
  for (let i = 0; i < points.length; ) {
    let j = i + 1;
    while (j < points.length && points[j] === points[i]) j++;
    const unit = points[i] as string;
    if (j - i > 1) edits.push({ start: offset, end: offset + unit.length * (j - i), replacement: unit });
    offset += unit.length * (j - i);
    i = j;
  }
  return edits;
};

/**
 * Edits at arbitrary UTF-16 offsets (splitting surrogate pairs and clusters on purpose): same-length
 * replacements (like conversion), deletions, and insertions, driven by random numbers in [0, 1).
 */
const arbitraryEdits: EditMaker = (text, intents) => {
  const edits: BlockEdit[] = [];
  let position = 0;
  for (let k = 0; k + 2 < intents.length && position < text.length; k += 3) {
    const start = position + Math.floor((intents[k] as number) * (text.length - position));
    const end = start + Math.floor((intents[k + 1] as number) * Math.min(6, text.length - start));
    const kind = Math.floor((intents[k + 2] as number) * 3);
    const original = text.slice(start, end);
    const replacement = kind === 0 ? '繁'.repeat(original.length) : kind === 1 ? '' : `\u{20000}${original}`;
    edits.push({ start, end, replacement });
    position = Math.max(end, start + 1);
  }
  return edits;
};

/** The real engine, at its most eager setting. */
const fixTextEdits: EditMaker = (text) => fixText(text, { sensitivity: 'aggressive' }).edits;

const EDIT_MAKERS: Record<string, EditMaker> = { fixText: fixTextEdits, collapseRepeats, arbitraryEdits };

const intents = fc.array(
  fc.integer({ min: 0, max: 999 }).map((n) => n / 1000),
  { minLength: 6, maxLength: 30 },
);

let root: HTMLElement | undefined;
afterEach(() => {
  root?.remove();
  root = undefined;
});

function mount(specs: NodeSpec[]): HTMLElement {
  root = document.createElement('div');
  buildTree(root, specs);
  document.body.append(root);
  return root;
}

/** One pass of a feature over the page: walk from the originals, edit, write. Returns nodes written. */
function fixPage(page: Node, store: OriginalTextStore, makeEdits: EditMaker, random: readonly number[]): number {
  let written = 0;
  for (const block of collectTextBlocks(page, { readText: store.readOriginal })) {
    written += applyBlockEdits(block, makeEdits(block.text, random), store).written.length;
  }
  return written;
}

/** Text of every node that sits inside something Qingdu must never touch. */
function protectedTexts(page: Node): string[] {
  const texts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === 3 && isInsideSkipped(node)) texts.push((node as Text).data);
    for (const child of node.childNodes) visit(child);
    if (node.nodeType === 1 && (node as Element).shadowRoot) visit((node as Element).shadowRoot as ShadowRoot);
  };
  visit(page);
  return texts;
}

describe.each(Object.keys(EDIT_MAKERS))('random pages, edits by %s', (name) => {
  const makeEdits = EDIT_MAKERS[name] as EditMaker;

  test(`fix then show original restores every node exactly (${FUZZ_RUNS.dom} runs)`, {
    timeout: FUZZ_TIMEOUT_MS,
  }, () => {
    let runsWithWrites = 0;
    let nodesWritten = 0;
    let runsWithShadowWrites = 0;
    fc.assert(
      fc.property(domTree, intents, (specs, random) => {
        const page = mount(specs);
        const before = snapshotTree(page);
        const store = new OriginalTextStore();
        const written = fixPage(page, store, makeEdits, random);
        if (written > 0) runsWithWrites++;
        nodesWritten += written;
        if (store.nodes().some((node) => node.getRootNode() instanceof ShadowRoot)) runsWithShadowWrites++;
        store.restoreAll();
        expect(snapshotTree(page)).toEqual(before);
        expect(store.size).toBe(0);
        page.remove();
      }),
      { numRuns: FUZZ_RUNS.dom },
    );
    // The property must not pass by never writing anything.
    console.info(
      `[fuzz] ${name}: ${FUZZ_RUNS.dom} pages, ${runsWithWrites} with writes (${runsWithShadowWrites} inside shadow roots), ${nodesWritten} nodes written and restored`,
    );
    expect(runsWithWrites).toBeGreaterThan(FUZZ_RUNS.dom / 4);
    expect(runsWithShadowWrites).toBeGreaterThan(0);
  });

  test(`fixing twice changes nothing more, and still restores exactly (${FUZZ_RUNS.dom} runs)`, {
    timeout: FUZZ_TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(domTree, intents, (specs, random) => {
        const page = mount(specs);
        const before = snapshotTree(page);
        const store = new OriginalTextStore();
        fixPage(page, store, makeEdits, random);
        const once = snapshotTree(page);
        expect(fixPage(page, store, makeEdits, random)).toBe(0);
        expect(snapshotTree(page)).toEqual(once);
        store.restoreAll();
        expect(snapshotTree(page)).toEqual(before);
        page.remove();
      }),
      { numRuns: FUZZ_RUNS.dom },
    );
  });

  test(`never touches skipped or editable content (${FUZZ_RUNS.dom} runs)`, { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(domTree, intents, (specs, random) => {
        const page = mount(specs);
        const before = protectedTexts(page);
        const store = new OriginalTextStore();
        fixPage(page, store, makeEdits, random);
        expect(protectedTexts(page)).toEqual(before);
        store.restoreAll();
        page.remove();
      }),
      { numRuns: FUZZ_RUNS.dom },
    );
  });

  test(`text the page rewrote after a fix is left as the page made it; the rest is restored (${FUZZ_RUNS.dom} runs)`, {
    timeout: FUZZ_TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(domTree, intents, fc.array(fc.nat(), { maxLength: 5 }), (specs, random, picks) => {
        const page = mount(specs);
        const store = new OriginalTextStore();
        const originals = new Map<Text, string>();
        for (const block of collectTextBlocks(page)) for (const node of block.nodes) originals.set(node, node.data);
        fixPage(page, store, makeEdits, random);
        const changed = store.nodes();
        const rewritten = new Map<Text, string>();
        for (const pick of picks) {
          if (changed.length === 0) break;
          const node = changed[pick % changed.length] as Text;
          node.data = `页面自己的文字${pick}`;
          rewritten.set(node, node.data);
        }
        store.restoreAll();
        for (const [node, original] of originals) expect(node.data).toBe(rewritten.get(node) ?? original);
        page.remove();
      }),
      { numRuns: FUZZ_RUNS.dom },
    );
  });
});
