import { describe, expect, it } from 'vitest';
import { fixText } from '../../../lib/text/doubled/fix-doubled-text';
import { readCleanCorpus } from '../../corpus/clean-corpus';

describe('large clean corpus (chinese-poetry, read from node_modules)', () => {
  it('comes back unchanged, apart from blocks the data set itself printed twice', () => {
    const blocks = readCleanCorpus(8);
    let characters = 0;
    const changed: string[] = [];
    const printedTwice: string[] = [];
    for (const block of blocks) {
      characters += block.text.length;
      const { edits } = fixText(block.text);
      if (edits.length === 0) continue;
      // A few biographies (and one placeholder) appear twice in a row in the data: a true
      // repeated phrase. Anything else is a false fix.
      const trimmed = block.text.trim();
      const half = edits[0]?.start ?? 0;
      const isRepeat =
        edits.length === 1 &&
        edits[0]?.rule === 'repeated-phrase' &&
        block.text.slice(half, edits[0].end).trim() === block.text.slice(0, half).trim();
      (isRepeat ? printedTwice : changed).push(`${block.source}: ${trimmed.slice(0, 40)}`);
    }
    console.log(
      `clean corpus: ${blocks.length} blocks, ${characters} characters; ${printedTwice.length} blocks printed twice by the data set`,
    );
    expect(characters).toBeGreaterThan(4_000_000);
    expect(changed).toEqual([]);
    expect(printedTwice.length).toBeLessThan(50);
  });
});
