/**
 * The text engine's throughput in Node (pure code, no browser): `fixText` over the visible text
 * nodes of the generated 1 MB pages, against a bare `charCodeAt` loop over the same strings.
 * MB are 10^6 bytes of the text's UTF-8 encoding.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MetricResult } from './metrics';
import type { GeneratedPage } from './page-generator';
import { ROOT } from './prepare';
import { summarize } from './stats';

type FixText = (text: string, options?: object) => { text: string };
type Prefilter = (text: string) => boolean;

/** The engine from issue 3, if it has landed on this branch. */
export async function loadEngine(): Promise<{ fixText: FixText; prefilter: Prefilter | null } | null> {
  const path = join(ROOT, 'lib/text/doubled/fix-doubled-text.ts');
  if (!existsSync(path)) return null;
  const engine = (await import(pathToFileURL(path).href)) as { fixText?: FixText; mightContainDoubledText?: Prefilter };
  if (typeof engine.fixText !== 'function') return null;
  const prefilter = typeof engine.mightContainDoubledText === 'function' ? engine.mightContainDoubledText : null;
  return { fixText: engine.fixText, prefilter };
}

/** The speed limit of any scan: touch every code unit once and nothing else. */
export function scanCharCodes(texts: readonly string[]): number {
  let hash = 0;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) hash = (hash + text.charCodeAt(i)) | 0;
  }
  return hash;
}

function runFixText(fixText: FixText, texts: readonly string[]): number {
  let length = 0;
  for (const text of texts) length += fixText(text).text.length;
  return length;
}

/** Repeat `work` so one timed run lasts about `minMs` (timer noise stays small), then time `runs` runs. */
function measureMbps(work: () => number, bytes: number, runs: number, minMs = 40): number[] {
  let sink = 0;
  let repeats = 1;
  for (;;) {
    const start = performance.now();
    for (let r = 0; r < repeats; r++) sink += work();
    const elapsed = performance.now() - start;
    if (elapsed >= minMs) break;
    repeats = Math.max(repeats * 2, Math.ceil((repeats * minMs) / Math.max(elapsed, 0.01)));
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (let r = 0; r < repeats; r++) sink += work();
    const seconds = (performance.now() - start) / 1000;
    samples.push((bytes * repeats) / 1e6 / seconds);
  }
  if (sink === Number.MIN_SAFE_INTEGER) console.log(sink); // keep the work observable
  return samples;
}

export interface TextThroughput {
  results: MetricResult[];
  /** How the engine did on the generated text: a sanity check printed under the table. */
  checks: string[];
}

export async function measureTextThroughput(
  clean: GeneratedPage,
  garbled: GeneratedPage,
  runs: number,
): Promise<TextThroughput> {
  const scanSamples = measureMbps(() => scanCharCodes(clean.texts), clean.textBytes, runs);
  const scan: MetricResult = { name: 'scan_limit_mbps', summary: summarize(scanSamples) };
  const engine = await loadEngine();
  if (!engine) {
    const note = 'n/a (feature not built yet: lib/text/doubled/fix-doubled-text.ts has no fixText)';
    return {
      results: [
        { name: 'text_clean_mbps', summary: null, note },
        { name: 'text_garbled_mbps', summary: null, note },
        scan,
        { name: 'text_clean_ratio', summary: null, note },
      ],
      checks: [],
    };
  }
  const { fixText, prefilter } = engine;
  // Interleave engine and limit runs so both see the same machine.
  const cleanSamples: number[] = [];
  const limitSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    limitSamples.push(...measureMbps(() => scanCharCodes(clean.texts), clean.textBytes, 1));
    cleanSamples.push(...measureMbps(() => runFixText(fixText, clean.texts), clean.textBytes, 1));
  }
  const garbledSamples = measureMbps(() => runFixText(fixText, garbled.texts), garbled.textBytes, runs);
  const ratios = cleanSamples.map((mbps, i) => mbps / (limitSamples[i] as number));

  const changedClean = clean.texts.filter((text) => fixText(text).text !== text).length;
  const diagnostics: string[] = [];
  if (prefilter) {
    const passing = clean.texts.filter((text) => prefilter(text)).length;
    const prefilterMbps = summarize(
      measureMbps(() => clean.texts.filter((text) => prefilter(text)).length, clean.textBytes, runs),
    ).median;
    diagnostics.push(
      `mightContainDoubledText alone: ${prefilterMbps.toFixed(0)} MB/s on the clean 1 MB text; ${passing} of ${clean.texts.length} clean text nodes pass it to the full engine`,
    );
  }
  const fixedHeadlines = garbled.headlines.filter((h) => fixText(h.shown).text === h.clean).length;
  return {
    results: [
      { name: 'text_clean_mbps', summary: summarize(cleanSamples) },
      { name: 'text_garbled_mbps', summary: summarize(garbledSamples) },
      { name: 'scan_limit_mbps', summary: summarize([...scanSamples, ...limitSamples]) },
      { name: 'text_clean_ratio', summary: summarize(ratios), note: 'per run: engine and limit timed back to back' },
    ],
    checks: [
      `fixText repaired ${fixedHeadlines} of ${garbled.headlines.length} doubled headlines of the 1 MB page exactly`,
      `fixText changed ${changedClean} of ${clean.texts.length} clean text nodes of the 1 MB page (should be 0)`,
      ...diagnostics,
    ],
  };
}
