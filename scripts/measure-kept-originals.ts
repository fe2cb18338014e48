/**
 * `npx tsx scripts/measure-kept-originals.ts`: what kept originals ("Keep the original") cost the
 * fix stage, in Node, in one run. Over the text nodes of the bench's garbled 1 MB page, the page's
 * fix stage as the pipeline runs it (`createFixDoubledTextStage(...).edit` on every text that
 * passes its prefilter):
 * - baseline: no kept originals on the site (the stage is the plain fix stage);
 * - 5 kept originals that occur nowhere on the page (a reader's few vetoes on a site);
 * - the limit's worth of kept originals (100) that occur nowhere on the page;
 * - 100 kept originals that are headlines of the page (their edits are dropped).
 * Runs are interleaved (one of each per round), 15 rounds after a warm-up; medians and ranges.
 */
import { createFixDoubledTextStage } from '../lib/features/fix-doubled-text';
import { SETTINGS_LIMITS } from '../lib/settings/schema';
import { DEFAULT_SEED, generatePage, PAGE_SIZES } from './bench/page-generator';
import { summarize } from './bench/stats';

const ROUNDS = 15;
const page = generatePage({ textBytes: PAGE_SIZES['1m'], garbled: true, seed: DEFAULT_SEED });
const count = SETTINGS_LIMITS.maxKeptOriginals;
const absent = Array.from({ length: count }, (_, i) => `不不在在这这一一页页上上的的标标题题${i}`);
const present = page.headlines.slice(0, count).map((headline) => headline.shown);

const variants = {
  baseline: createFixDoubledTextStage({}),
  '5 kept, elsewhere': createFixDoubledTextStage({}, absent.slice(0, 5)),
  '100 kept, elsewhere': createFixDoubledTextStage({}, absent),
  '100 kept, on page': createFixDoubledTextStage({}, present),
} as const;

function run(stage: (typeof variants)[keyof typeof variants]): { ms: number; edits: number } {
  const start = performance.now();
  let edits = 0;
  for (const text of page.texts) if (stage.mightChange(text)) edits += stage.edit(text, 1).length;
  return { ms: performance.now() - start, edits };
}

const samples = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
const edits = new Map<string, number>();
for (const stage of Object.values(variants)) run(stage);
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, stage] of Object.entries(variants)) {
    const result = run(stage);
    samples.get(name)?.push(result.ms);
    edits.set(name, result.edits);
  }
}

const baseline = summarize(samples.get('baseline') ?? []).median;
console.log(
  `1 MB garbled page: ${page.texts.length} text nodes, ${page.headlines.length} doubled headlines; ` +
    `up to ${count} kept originals; ${ROUNDS} interleaved rounds after a warm-up`,
);
for (const [name, values] of samples) {
  const { median, min, max } = summarize(values);
  console.log(
    `${name.padEnd(20)} ${median.toFixed(1).padStart(7)} ms  (${min.toFixed(1)}–${max.toFixed(1)})  ` +
      `×${(median / baseline).toFixed(2)}  edits ${edits.get(name)}`,
  );
}
