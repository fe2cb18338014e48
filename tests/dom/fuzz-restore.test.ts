/**
 * Fuzzing the page pipeline's writing and restoring: random DOM trees full of hostile text (see
 * tests/support/arbitraries.ts), rewritten through the pipeline by a text stage (the real engine,
 * a naive collapse, and edits at arbitrary offsets), then the stage switched off: every text node,
 * element, attribute and shadow root must be back exactly as it was, byte for byte, with the same
 * nodes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { PagePipeline, type PageTextStage } from '../../lib/dom/page-pipeline';
import { isInsideSkipped } from '../../lib/dom/text-blocks';
import { fixText } from '../../lib/text/doubled/fix-doubled-text';
import type { TextEdit } from '../../lib/text/doubled/types';
import { buildTree, domTree, FUZZ_RUNS, FUZZ_TIMEOUT_MS, type NodeSpec, snapshotTree } from '../support/arbitraries';

type BlockEdit = Pick<TextEdit, 'start' | 'end' | 'replacement'>;

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
let pipeline: PagePipeline | undefined;
afterEach(() => {
  pipeline?.stop();
  pipeline = undefined;
  root?.remove();
  root = undefined;
});

function mount(specs: NodeSpec[]): HTMLElement {
  root = document.createElement('div');
  buildTree(root, specs);
  document.body.append(root);
  return root;
}

/** A text stage made of an edit maker (a new object each time, so setting it again recomputes). */
function stageOf(makeEdits: EditMaker, random: readonly number[]): PageTextStage {
  return {
    name: 'fix',
    mightChange: () => true,
    edit: (text) =>
      makeEdits(text, random).map((edit) => ({
        ...edit,
        rule: 'fuzz',
        factor: 1,
        original: text.slice(edit.start, edit.end),
      })),
  };
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

/** Count the page's text writes while `during` runs. */
async function countWrites(during: () => Promise<void>): Promise<number> {
  let writes = 0;
  const watch = new MutationObserver((records) => {
    writes += records.filter((record) => record.type === 'characterData').length;
  });
  watch.observe(document, { subtree: true, characterData: true });
  await during();
  watch.takeRecords().forEach((record) => {
    if (record.type === 'characterData') writes++;
  });
  watch.disconnect();
  return writes;
}

const settle = () => new Promise((resume) => setTimeout(resume, 0));

describe.each(Object.keys(EDIT_MAKERS))('random pages, edits by %s', (name) => {
  const makeEdits = EDIT_MAKERS[name] as EditMaker;

  test(`stage on, on again, page rewrites, stage off: exact restore, nothing written twice, skipped content untouched (${FUZZ_RUNS.dom} runs)`, {
    timeout: FUZZ_TIMEOUT_MS,
  }, async () => {
    let runsWithWrites = 0;
    let nodesWritten = 0;
    let runsWithShadowWrites = 0;
    await fc.assert(
      fc.asyncProperty(domTree, intents, fc.array(fc.nat(), { maxLength: 3 }), async (specs, random, picks) => {
        const page = mount(specs);
        const before = snapshotTree(page);
        const protectedBefore = protectedTexts(page);
        const originals = new Map<Text, string>();
        const visit = (node: Node) => {
          if (node.nodeType === 3) originals.set(node as Text, (node as Text).data);
          for (const child of node.childNodes) visit(child);
          if (node.nodeType === 1 && (node as Element).shadowRoot) visit((node as Element).shadowRoot as ShadowRoot);
        };
        visit(page);
        const live = new PagePipeline(document);
        pipeline = live;
        live.start();
        const written = await countWrites(async () => {
          live.setTextStage('fix', stageOf(makeEdits, random));
          await settle();
          await live.whenIdle();
        });
        if (written > 0) runsWithWrites++;
        nodesWritten += written;
        const changed = [...originals].filter(([node, data]) => node.data !== data).map(([node]) => node);
        if (changed.some((node) => node.getRootNode() instanceof ShadowRoot)) runsWithShadowWrites++;
        expect(protectedTexts(page)).toEqual(protectedBefore);

        // The same stage again (a new object): it computes the same, so nothing is written.
        const once = snapshotTree(page);
        const again = await countWrites(async () => {
          live.setTextStage('fix', stageOf(makeEdits, random));
          await live.whenIdle();
        });
        expect(again).toBe(0);
        expect(snapshotTree(page)).toEqual(once);

        // Off: the page's own text, exactly, with the same nodes.
        live.setTextStage('fix', undefined);
        await live.whenIdle();
        expect(snapshotTree(page)).toEqual(before);

        // On again, then the page rewrites some of what Qingdu changed: the page's text stays the page's.
        live.setTextStage('fix', stageOf(makeEdits, random));
        await live.whenIdle();
        const rewritten = new Map<Text, string>();
        for (const pick of picks) {
          if (changed.length === 0) break;
          const node = changed[pick % changed.length] as Text;
          node.data = `页面自己的文字${pick}`;
          rewritten.set(node, node.data);
        }
        await settle();
        await live.whenIdle();
        live.stop();
        pipeline = undefined;
        for (const [node, original] of originals) expect(node.data).toBe(rewritten.get(node) ?? original);
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
});
