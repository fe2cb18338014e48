import fc from 'fast-check';
import { beforeEach, describe, expect, test } from 'vitest';
import { applyBlockEdits, type BlockEdit, computeNodeTexts, OriginalTextStore } from '../../lib/dom/rewrite';
import { collectTextBlocks, type TextBlock } from '../../lib/dom/text-blocks';

function setBody(markup: string): void {
  document.body.innerHTML = markup;
}

function onlyBlock(store?: OriginalTextStore): TextBlock {
  const blocks = collectTextBlocks(document.body, { readText: store?.readOriginal });
  if (blocks.length !== 1) throw new Error(`expected one block, got ${blocks.length}`);
  return blocks[0] as TextBlock;
}

/** Collapse every doubled pair in `text[start, end)` (test helper; the real edits come from lib/text). */
function halve(text: string, start: number, end: number): BlockEdit {
  let replacement = '';
  for (let i = start; i < end; i += 2) replacement += text[i];
  return { start, end, replacement };
}

describe('applyBlockEdits', () => {
  beforeEach(() => {
    document.body.textContent = '';
  });

  test('maps an edit across node boundaries, each node keeping its own characters', () => {
    setBody('<h1 class="t"><b>勇勇于</b><span>于担担</span>当当</h1>');
    const store = new OriginalTextStore();
    const block = onlyBlock(store);
    const result = applyBlockEdits(block, [halve(block.text, 0, 8)], store);
    expect(document.querySelector('h1')?.outerHTML).toBe('<h1 class="t"><b>勇于</b><span>担</span>当</h1>');
    expect(result.written).toHaveLength(3);
    expect(result.editNodes[0]).toEqual(block.nodes);
  });

  test('writes only the nodes whose text changes', () => {
    setBody('<p>本报讯<b>勇勇于于</b>记者</p>');
    const store = new OriginalTextStore();
    const block = onlyBlock(store);
    const result = applyBlockEdits(block, [halve(block.text, 3, 7)], store);
    expect(result.written.map((n) => n.data)).toEqual(['勇于']);
    expect(store.size).toBe(1);
    expect(document.body.textContent).toBe('本报讯勇于记者');
  });

  test('same-length replacements stay in place character by character', () => {
    setBody('<p>简<b>体字</b>文</p>');
    const block = onlyBlock();
    expect(computeNodeTexts(block, [{ start: 0, end: 3, replacement: '簡體字' }])).toEqual(['簡', '體字', '文']);
  });

  test('a replacement that is not a subsequence goes to the node where the edit starts', () => {
    setBody('<p>甲<b>乙丙</b>丁</p>');
    const block = onlyBlock();
    expect(computeNodeTexts(block, [{ start: 1, end: 3, replacement: '戊' }])).toEqual(['甲', '戊', '丁']);
    expect(computeNodeTexts(block, [{ start: 0, end: 2, replacement: 'XYZ' }])).toEqual(['XYZ', '丙', '丁']);
  });

  test('rejects edits out of order or outside the block', () => {
    setBody('<p>甲乙</p>');
    const block = onlyBlock();
    expect(() =>
      computeNodeTexts(block, [
        { start: 1, end: 2, replacement: '' },
        { start: 0, end: 1, replacement: '' },
      ]),
    ).toThrow(RangeError);
    expect(() => computeNodeTexts(block, [{ start: 1, end: 9, replacement: '' }])).toThrow(RangeError);
  });

  test('applying again from the original is idempotent and writes nothing', () => {
    setBody('<p><b>新新新新项项</b>项项目目目目</p>');
    const store = new OriginalTextStore();
    const block = onlyBlock(store);
    const edit = { start: 0, end: 12, replacement: '新项目' };
    applyBlockEdits(block, [edit], store);
    const html = document.body.innerHTML;
    const again = onlyBlock(store);
    expect(again.text).toBe('新新新新项项项项目目目目');
    expect(applyBlockEdits(again, [edit], store).written).toEqual([]);
    expect(document.body.innerHTML).toBe(html);
  });

  test('applying no edits puts back what Qingdu had changed', () => {
    setBody('<p>勇勇于于</p>');
    const store = new OriginalTextStore();
    applyBlockEdits(onlyBlock(store), [{ start: 0, end: 4, replacement: '勇于' }], store);
    expect(document.body.textContent).toBe('勇于');
    applyBlockEdits(onlyBlock(store), [], store);
    expect(document.body.textContent).toBe('勇勇于于');
    expect(store.size).toBe(0);
  });

  test('restoreAll puts back the exact original, whitespace and all', () => {
    const markup = '<p> 勇勇于于\n<b>担担\u00a0当当</b>\t作作为为 </p><p>别的</p>';
    setBody(markup);
    const before = document.body.innerHTML;
    const store = new OriginalTextStore();
    const block = collectTextBlocks(document.body, { readText: store.readOriginal })[0] as TextBlock;
    applyBlockEdits(
      block,
      [
        { start: 1, end: 5, replacement: '勇于' },
        { start: 6, end: 11, replacement: '担\u00a0当' },
        { start: 12, end: 16, replacement: '作为' },
      ],
      store,
    );
    expect(document.body.textContent).toBe(' 勇于\n担\u00a0当\t作为 别的');
    expect(store.restoreAll()).toBe(3);
    expect(document.body.innerHTML).toBe(before);
    expect(store.size).toBe(0);
  });

  test('a node the page rewrote after the fix is not restored over, and is judged afresh', () => {
    setBody('<p>勇勇于于</p><p>担担当当</p>');
    const store = new OriginalTextStore();
    for (const block of collectTextBlocks(document.body, { readText: store.readOriginal })) {
      applyBlockEdits(block, [halve(block.text, 0, block.text.length)], store);
    }
    const [first, second] = [...document.querySelectorAll('p')].map((p) => p.firstChild as Text);
    (first as Text).data = '页面的新标题';
    expect(store.isOwnWrite(first as Text)).toBe(false);
    expect(store.isOwnWrite(second as Text)).toBe(true);
    const fresh = collectTextBlocks(document.body, { readText: store.readOriginal }).map((b) => b.text);
    expect(fresh).toEqual(['页面的新标题', '担担当当']);
    store.restoreAll();
    expect(document.body.textContent).toBe('页面的新标题担担当当');
  });

  test('a node the page keeps putting back is left alone after the revert limit', () => {
    setBody('<p>勇勇于于</p>');
    const store = new OriginalTextStore(2);
    const node = document.querySelector('p')?.firstChild as Text;
    for (let round = 0; round < 2; round++) {
      const written = applyBlockEdits(onlyBlock(store), [{ start: 0, end: 4, replacement: '勇于' }], store).written;
      expect(written).toEqual([node]);
      node.data = '勇勇于于'; // the page's script renders its text again
      store.forgetRewritten(node);
    }
    expect(store.isContested(node)).toBe(true);
    expect(applyBlockEdits(onlyBlock(store), [{ start: 0, end: 4, replacement: '勇于' }], store).written).toEqual([]);
    expect(node.data).toBe('勇勇于于');
  });

  test('random splits and subsequence edits: restore is byte-identical and re-applying is idempotent', () => {
    const chars = fc.constantFrom('勇', '于', '担', '当', 'a', ' ', '“', '𠀀', '\n');
    const pieces = fc.array(fc.string({ unit: chars, maxLength: 6 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        pieces,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (parts, cuts, keep) => {
          const p = document.createElement('p');
          parts.forEach((part, i) => {
            if (i % 2) p.append(Object.assign(document.createElement('b'), { textContent: part }));
            else p.append(part);
          });
          document.body.replaceChildren(p);
          const before = document.body.innerHTML;
          const store = new OriginalTextStore();
          const block = collectTextBlocks(document.body, { readText: store.readOriginal, accept: () => true })[0];
          if (!block) return; // whitespace only
          const bounds = [...new Set(cuts.map((c) => c % (block.text.length + 1)))].sort((a, b) => a - b);
          const edits: BlockEdit[] = [];
          for (let i = 0; i + 1 < bounds.length; i += 2) {
            const start = bounds[i] as number;
            const end = bounds[i + 1] as number;
            const original = block.text.slice(start, end);
            const replacement = [...original].filter((_, k) => keep[k % Math.max(keep.length, 1)] ?? true).join('');
            edits.push({ start, end, replacement });
          }
          applyBlockEdits(block, edits, store);
          const expected = edits.reduceRight(
            (t, e) => t.slice(0, e.start) + e.replacement + t.slice(e.end),
            block.text,
          );
          expect(p.textContent).toBe(expected);
          const fixed = document.body.innerHTML;
          const again = collectTextBlocks(document.body, { readText: store.readOriginal, accept: () => true })[0];
          expect(applyBlockEdits(again as TextBlock, edits, store).written).toEqual([]);
          expect(document.body.innerHTML).toBe(fixed);
          store.restoreAll();
          expect(document.body.innerHTML).toBe(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the store keeps restoring exactly while it drops entries the page rewrote', () => {
    const store = new OriginalTextStore();
    const nodes = Array.from({ length: 3000 }, () => document.createTextNode('勇勇于于'));
    document.body.replaceChildren(...nodes);
    nodes.slice(0, 2000).forEach((node) => {
      store.remember(node, node.data, '勇于');
      node.data = '勇于';
    });
    // The page rewrites 1,500 of them; then Qingdu fixes 1,000 more (passing the prune threshold).
    nodes.slice(0, 1500).forEach((node) => {
      node.data = '新的';
      store.forgetRewritten(node);
    });
    nodes.slice(2000).forEach((node) => {
      store.remember(node, node.data, '勇于');
      node.data = '勇于';
    });
    expect(store.size).toBe(1500);
    expect(store.restoreAll()).toBe(1500);
    expect(nodes.filter((n) => n.data === '勇勇于于')).toHaveLength(1500);
    expect(nodes.filter((n) => n.data === '新的')).toHaveLength(1500);
    expect(store.size).toBe(0);
  });
});
