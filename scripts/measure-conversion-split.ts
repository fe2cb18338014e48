/**
 * How often converting node by node gets a sentence wrong once it is split across inline
 * elements, against Qingdu's whole-block conversion mapped back onto the nodes.
 *
 *   npx tsx scripts/measure-conversion-split.ts [sentences-file] [variant]
 *
 * Sentences: one per line (default: the CPP benchmark's dev split, tests/data/g2pm/dev.sent,
 * Apache-2.0, vendored by the pinyin feature; its ▁ markers are removed). Each sentence is cut at
 * 2–4 random code point boundaries (seeded, so runs repeat), as a page's <b>, <a>, <span> would.
 * The reference is opencc-js converting the whole sentence.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as OpenCC from 'opencc-js';
import { createConversionStage, planConversionEdits } from '../lib/features/conversion';
import { composeText, splitByOrigin } from '../lib/text/compose';
import { createConverter } from '../lib/text/convert/converter';
import { CONVERSION_VARIANTS, type ConversionVariant } from '../lib/text/reading-aid-options';
import { createRandom } from './lib/random';

const file = process.argv[2] ?? resolve(import.meta.dirname, '../tests/data/g2pm/dev.sent');
const variant = (process.argv[3] ?? 's2twp') as ConversionVariant;
const sentences = readFileSync(file, 'utf8')
  .split('\n')
  .map((line) => line.replaceAll('▁', '').trim())
  .filter(Boolean);

const random = createRandom(20261125);
const reference = OpenCC.Converter(CONVERSION_VARIANTS[variant]);
const converter = createConverter(variant);
const stage = createConversionStage(converter);

let nodeByNodeWrong = 0;
let wholeBlockWrong = 0;
let changed = 0;
let lengthChangingAcross = 0;
const examples: string[] = [];
for (const sentence of sentences) {
  const chars = [...sentence];
  const cutCount = 2 + Math.floor(random() * 3);
  const cuts = new Set<number>();
  while (cuts.size < Math.min(cutCount, chars.length - 1)) cuts.add(1 + Math.floor(random() * (chars.length - 1)));
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), chars.length];
  const parts = bounds.slice(1).map((end, i) => chars.slice(bounds[i], end).join(''));

  const expected = reference(sentence);
  if (expected !== sentence) changed++;
  const nodeByNode = parts.map(reference).join('');
  if (nodeByNode !== expected) {
    nodeByNodeWrong++;
    if (examples.length < 5)
      examples.push(`${parts.join('|')}\n    node by node: ${nodeByNode}\n    whole block:  ${expected}`);
  }

  // Qingdu's path: the block's text converted as a whole and mapped back onto its nodes.
  const starts: number[] = [];
  let at = 0;
  for (const part of parts) {
    starts.push(at);
    at += part.length;
  }
  const edits = planConversionEdits(converter, sentence, parts.length);
  for (const edit of edits) {
    const crosses = starts.some((s) => s > edit.start && s < edit.end);
    if (crosses && edit.replacement.length !== edit.end - edit.start) lengthChangingAcross++;
  }
  // Exactly what pages do: the conversion stage composed over the block, cut along its nodes.
  const nodeTexts = splitByOrigin(composeText(sentence, [stage], starts), starts);
  if (nodeTexts.join('') !== expected) wholeBlockWrong++;
}

const pct = (n: number) => `${((100 * n) / sentences.length).toFixed(2)}%`;
console.log(`${sentences.length} sentences from ${file}, variant ${variant}; ${changed} change under conversion.`);
console.log(`Split into 3–5 nodes at random:`);
console.log(`  node by node (opencc-js per text node): ${nodeByNodeWrong} wrong (${pct(nodeByNodeWrong)})`);
console.log(`  whole block, mapped back onto nodes:    ${wholeBlockWrong} wrong (${pct(wholeBlockWrong)})`);
console.log(`  length-changing phrases split across nodes (given whole to one node): ${lengthChangingAcross}`);
console.log(`Examples:\n  ${examples.join('\n  ')}`);
