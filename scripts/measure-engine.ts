/**
 * `npx tsx scripts/measure-engine.ts [--engine DIR]`: how the doubled-text engine does on its
 * corpora, in Node, in one run:
 * - the test corpus (tests/corpus): in-the-wild lines repaired / total, synthetic, negative
 *   (unchanged), known failures (still failing);
 * - the clean corpus (chinese-poetry, 4.7 million characters): blocks changed;
 * - the bench's 1 MB page: doubled headlines restored exactly, clean text nodes changed;
 * - recall on artificially doubled text: sentences of modern Chinese (the biographies of the clean
 *   corpus and the sample page's clean lines), doubled at factor 2, 3 and 4, with punctuation
 *   doubled or printed once, restored exactly.
 *
 * `--engine DIR` measures another copy of lib/text (e.g. one extracted from main with
 * `git archive main lib/text | tar -x -C /tmp/main`) with the same corpora, for a before/after.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCleanCorpus } from '../tests/corpus/clean-corpus';
import { inTheWildCases, readSampleLines } from '../tests/corpus/in-the-wild';
import { KNOWN_FAILURES } from '../tests/corpus/known-failures';
import { NEGATIVE } from '../tests/corpus/negative';
import { SYNTHETIC } from '../tests/corpus/synthetic';
import { DEFAULT_SEED, doubleText, generatePage, PAGE_SIZES } from './bench/page-generator';

type FixText = (text: string, options?: object) => { text: string; edits: unknown[] };

const args = process.argv.slice(2);
const engineDir = args.includes('--engine')
  ? resolve(args[args.indexOf('--engine') + 1] as string)
  : resolve(import.meta.dirname, '..');
const { fixText } = (await import(pathToFileURL(join(engineDir, 'lib/text/doubled/fix-doubled-text.ts')).href)) as {
  fixText: FixText;
};

const ratio = (n: number, total: number) => `${n} / ${total} (${((100 * n) / total).toFixed(1)} %)`;

const wild = inTheWildCases();
const wildGarbled = wild.filter((c) => c.input !== c.expected);
const wildClean = wild.filter((c) => c.input === c.expected);
console.log(
  `in-the-wild, garbled repaired exactly: ${ratio(wildGarbled.filter((c) => fixText(c.input).text === c.expected).length, wildGarbled.length)}`,
);
console.log(
  `in-the-wild, clean lines unchanged:    ${ratio(wildClean.filter((c) => fixText(c.input).text === c.input).length, wildClean.length)}`,
);
const publicGarbled = wildGarbled.filter((c) => c.source.startsWith('GitHub'));
console.log(
  `  of which found in public text:       ${ratio(publicGarbled.filter((c) => fixText(c.input).text === c.expected).length, publicGarbled.length)}`,
);
console.log(
  `synthetic as expected:                 ${ratio(SYNTHETIC.filter((c) => fixText(c.input, c.options).text === c.expected).length, SYNTHETIC.length)}`,
);
console.log(
  `negative unchanged:                    ${ratio(NEGATIVE.filter((c) => fixText(c.text).text === c.text).length, NEGATIVE.length)}`,
);
console.log(
  `known failures still failing:          ${ratio(KNOWN_FAILURES.filter((c) => fixText(c.input, c.options).text !== c.expected).length, KNOWN_FAILURES.length)}`,
);

let characters = 0;
let changed = 0;
const blocks = readCleanCorpus(8);
for (const block of blocks) {
  characters += block.text.length;
  const { edits } = fixText(block.text);
  // Blocks the data set itself printed twice are a true repeated phrase (see clean-corpus.test.ts).
  if (edits.length > 0 && !(edits.length === 1 && (edits[0] as { rule: string }).rule === 'repeated-phrase')) changed++;
}
console.log(`clean corpus: ${changed} of ${blocks.length} blocks changed (${characters} characters)`);

const seed = DEFAULT_SEED + '1m'.length;
const garbledPage = generatePage({ textBytes: PAGE_SIZES['1m'], garbled: true, seed });
const cleanPage = generatePage({ textBytes: PAGE_SIZES['1m'], garbled: false, seed });
const restored = garbledPage.headlines.filter((h) => fixText(h.shown).text === h.clean).length;
console.log(
  `bench 1 MB page: ${restored} of ${garbledPage.headlines.length} doubled headlines restored exactly; ${cleanPage.texts.filter((t) => fixText(t).text !== t).length} of ${cleanPage.texts.length} clean text nodes changed`,
);

// Sentences of modern written Chinese: the biographies in the clean corpus and the sample page.
const sentences: string[] = [];
const addSentences = (text: string) => {
  for (const s of text.split(/(?<=[。！？])/u)) {
    const t = s.trim();
    if (Array.from(t).length >= 6 && Array.from(t).length <= 60 && !/(.)\1/u.test(t)) sentences.push(t);
  }
};
for (const block of blocks) if (block.source.includes('authors')) addSentences(block.text);
for (const line of readSampleLines()) addSentences(line);
const sample = sentences.filter((_, i) => i % Math.max(1, Math.floor(sentences.length / 3000)) === 0);
for (const factor of [2, 3, 4]) {
  for (const punctuation of [true, false]) {
    const ok = sample.filter((s) => fixText(doubleText(s, factor, punctuation)).text === s).length;
    console.log(
      `recall, doubled ×${factor}, punctuation ${punctuation ? 'doubled' : 'single '}: ${ratio(ok, sample.length)}`,
    );
  }
}
