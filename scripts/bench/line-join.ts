/**
 * The line join's cost, in headless Chromium, against baselines measured in the same run on the
 * same page: the walk into text blocks that every page feature does anyway (`collectTextBlocks`)
 * and a bare `charCodeAt` loop over the blocks' text. `detect` is the line join's own work on top
 * of the walk: grouping blocks into line sequences and judging them (`findLineJoinRuns`).
 *
 *   npx tsx scripts/bench/line-join.ts            # 9 runs each, after a warm-up (the full table)
 *   (npm run bench reports the detector's cold cost on the clean page as line_join_detect_ms)
 *   npx tsx scripts/bench/line-join.ts --runs 3
 *
 * Pages: the benchmark's clean 1 MB page (`page-generator.ts`, same seed as `npm run bench`), and
 * the same page with every paragraph set in a 14 em column, one `<br>` line each (work to do).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../lib/chromium';
import { startStaticServer } from '../lib/static-server';
import type { MetricResult } from './metrics';
import { DEFAULT_SEED, generatePage, PAGE_SIZES } from './page-generator';
import type { LineJoinTimings } from './page-scripts/line-join';
import { OUTPUT_DIR } from './prepare';
import { summarize } from './stats';

/** The detector's budget on a clean page: it runs on every page the feature is on. */
export const LINE_JOIN_IDLE_BUDGET_MS = 2;

/** Run the line join on the clean and the wrapped page `runs` times each (after a warm-up). */
export async function collectLineJoinTimings(runs: number): Promise<Record<'clean' | 'wrapped', LineJoinTimings[]>> {
  const scriptPath = join(OUTPUT_DIR, 'scripts', 'line-join.js');
  await build({
    entryPoints: [join(import.meta.dirname, 'page-scripts', 'line-join.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'chrome120',
    outfile: scriptPath,
    logLevel: 'warning',
  });
  const page1m = generatePage({ textBytes: PAGE_SIZES['1m'], garbled: false, seed: DEFAULT_SEED + '1m'.length });
  const server = await startStaticServer(OUTPUT_DIR, { '/line-join/clean-1m.html': () => page1m.html });
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const results: Record<string, LineJoinTimings[]> = { clean: [], wrapped: [] };
    for (const kind of ['clean', 'wrapped'] as const) {
      for (let run = 0; run <= runs; run++) {
        const page = await browser.newPage();
        await page.goto(server.url('/line-join/clean-1m.html'));
        await page.addScriptTag({ path: scriptPath });
        if (kind === 'wrapped') {
          await page.evaluate(() =>
            (
              globalThis as unknown as { qingduLineJoinBench: { wrapParagraphs(w: number): number } }
            ).qingduLineJoinBench.wrapParagraphs(14),
          );
        }
        const timings = await page.evaluate(() =>
          (
            globalThis as unknown as { qingduLineJoinBench: { measure(): LineJoinTimings } }
          ).qingduLineJoinBench.measure(),
        );
        if (run > 0) (results[kind] as LineJoinTimings[]).push(timings); // run 0 warms up
        await page.close();
      }
    }
    return results as Record<'clean' | 'wrapped', LineJoinTimings[]>;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** For `npm run bench`: the detector's cost on the clean 1 MB page, beside the walk it runs after. */
export async function measureLineJoin(runs: number): Promise<{ results: MetricResult[]; checks: string[] }> {
  const { clean, wrapped } = await collectLineJoinTimings(runs);
  const blocks = clean[0]?.blocks ?? 0;
  const note = `clean 1 MB page, ${blocks.toLocaleString('en-US')} text blocks; first call in the page`;
  return {
    results: [
      { name: 'line_join_detect_ms', summary: summarize(clean.map((t) => t.detectColdMs)), note },
      { name: 'line_join_walk_ms', summary: summarize(clean.map((t) => t.walkMs)), note },
    ],
    checks: [
      `line join: ${clean[0]?.runs ?? '?'} runs found on the clean 1 MB page (should be 0); ` +
        `${wrapped[0]?.runs ?? '?'} joined on the same page set in a 14 em column`,
    ],
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runsArg = argv.indexOf('--runs');
  const results = await collectLineJoinTimings(runsArg >= 0 ? Number(argv[runsArg + 1]) : 9);
  const rows: string[][] = [['page', 'metric', 'median', 'spread (min–max)', 'runs', 'what']];
  const add = (kind: string, name: string, values: number[], what: string) => {
    const s = summarize(values);
    rows.push([
      kind,
      name,
      `${s.median.toFixed(2)} ms`,
      `${s.min.toFixed(2)}–${s.max.toFixed(2)}`,
      String(s.runs),
      what,
    ]);
  };
  for (const kind of ['clean', 'wrapped'] as const) {
    const list = results[kind] as LineJoinTimings[];
    add(
      kind,
      'walk_ms',
      list.map((t) => t.walkMs),
      'baseline: collectTextBlocks(body), the walk every feature does',
    );
    add(
      kind,
      'scan_ms',
      list.map((t) => t.scanMs),
      "baseline: bare charCodeAt loop over the blocks' text (warm, beside detect_ms)",
    );
    add(
      kind,
      'detect_cold_ms',
      list.map((t) => t.detectColdMs),
      'line join: findLineJoinRuns(blocks), first call in the page',
    );
    add(
      kind,
      'detect_ms',
      list.map((t) => t.detectMs),
      'line join: findLineJoinRuns(blocks), warm, beside scan_ms',
    );
    if (kind === 'wrapped') {
      add(
        kind,
        'join_ms',
        list.map((t) => t.joinMs),
        'LineJoiner.join(runs) + forced layout',
      );
      add(
        kind,
        'restore_ms',
        list.map((t) => t.restoreMs),
        'LineJoiner.restoreAll() + forced layout',
      );
    }
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const lines = rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, '-'.repeat(Math.max(...lines.map((l) => l.length))));
  console.log(lines.join('\n'));
  const clean = results.clean?.[0];
  const wrapped = results.wrapped?.[0];
  console.log(
    `\nclean 1 MB page: ${clean?.blocks} text blocks, ${clean?.runs} runs found (should be 0); wrapped: ${wrapped?.blocks} blocks, ${wrapped?.runs} runs joined`,
  );
  const cleanList = results.clean as LineJoinTimings[];
  const detect = summarize(cleanList.map((t) => t.detectMs)).median;
  const cold = summarize(cleanList.map((t) => t.detectColdMs)).median;
  const ratio = summarize(cleanList.map((t) => t.detectMs / t.scanMs)).median;
  console.log(
    `clean page: detect ${detect.toFixed(2)} ms warm (${ratio.toFixed(2)}× the bare scan of the same text), ${cold.toFixed(2)} ms cold; budget ${LINE_JOIN_IDLE_BUDGET_MS} ms: ${cold <= LINE_JOIN_IDLE_BUDGET_MS ? 'met' : 'missed'} cold, ${detect <= LINE_JOIN_IDLE_BUDGET_MS ? 'met' : 'missed'} warm`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
