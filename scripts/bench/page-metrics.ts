/**
 * Page-level figures in real Chromium: DOMContentLoaded → all fixed with the extension, the
 * naive `(.)\1` baseline on the same pages, the longest task while fixing the 5 MB page, and the
 * content script's scripting time on a clean 1 MB page (from a CDP trace).
 */
import type { CDPSession, Page } from 'playwright-core';
import { type BenchBrowsers, findMark, readRecord, settlePage, WAIT_TIMEOUT_MS, waitForMark } from './browsers';
import type { MetricName, MetricResult } from './metrics';
import type { PageSize } from './page-generator';
import type { BenchRecord } from './page-scripts/records';
import type { Prepared, PreparedPage } from './prepare';
import { summarize } from './stats';
import { sumScriptTime, type TraceEvent } from './trace';

const READY = 'data-qingdu';
const FIX = 'data-qingdu-fix';

export interface RunPlan {
  sizes: readonly PageSize[];
  warmups: number;
  runs: number;
}

/**
 * Whether the fix feature has landed: the content script marks <html> with `data-qingdu-fix`.
 * Waits (event-driven) for the content script's ready mark, then gives the fix feature a grace
 * period to announce itself: only this yes/no question ever uses a timeout.
 */
export async function detectFixFeature(browsers: BenchBrowsers, page: PreparedPage): Promise<boolean> {
  const tab = await browsers.extension.context.newPage();
  try {
    await tab.goto(browsers.server.url(page.path));
    await waitForMark(tab, READY, 'ready', { timeout: 30_000 });
    try {
      await tab.waitForFunction((name) => document.documentElement.hasAttribute(name), FIX, { timeout: 5_000 });
      return true;
    } catch {
      return false;
    }
  } finally {
    await tab.close();
  }
}

interface FixRun {
  ms: number;
  /** Longest long task overlapping the extension's work (0 when none reached 50 ms). */
  longestTaskMs: number;
  fixedHeadlines: number;
}

function findWorkWindow(record: BenchRecord): { start: number; end: number } {
  const end = findMark(record.marks, FIX, 'idle')?.t;
  const start = record.marks.find((m) => m.name === READY || m.name === FIX)?.t;
  if (end === undefined || start === undefined || record.dcl === null) throw new Error('incomplete page record');
  return { start, end };
}

async function countFixedHeadlines(page: Page, expected: readonly string[]): Promise<number> {
  return page.evaluate(
    (clean) => [...document.querySelectorAll('h2')].filter((h, i) => h.textContent === clean[i]).length,
    expected as string[],
  );
}

async function runExtensionFix(browsers: BenchBrowsers, prepared: PreparedPage): Promise<FixRun> {
  const page = await browsers.extension.context.newPage();
  try {
    await page.goto(browsers.server.url(prepared.path), { waitUntil: 'domcontentloaded', timeout: WAIT_TIMEOUT_MS });
    await waitForMark(page, FIX, 'idle');
    await settlePage(page);
    const record = await readRecord(page);
    const window = findWorkWindow(record);
    const overlapping = record.longtasks.filter((t) => t.start + t.duration >= window.start && t.start <= window.end);
    return {
      ms: window.end - (record.dcl as number),
      longestTaskMs: Math.max(0, ...overlapping.map((t) => t.duration)),
      fixedHeadlines: await countFixedHeadlines(
        page,
        prepared.page.headlines.map((h) => h.clean),
      ),
    };
  } finally {
    await page.close();
  }
}

async function runNaiveFix(browsers: BenchBrowsers, prepared: PreparedPage): Promise<{ ms: number }> {
  const page = await browsers.naive.newPage();
  try {
    await page.goto(browsers.server.url(prepared.path), { waitUntil: 'domcontentloaded', timeout: WAIT_TIMEOUT_MS });
    await page.waitForFunction(() => window.__qingduBench?.naive !== undefined, null, {
      timeout: WAIT_TIMEOUT_MS,
      polling: 20,
    });
    const record = await readRecord(page);
    if (!record.naive || record.dcl === null) throw new Error('naive baseline did not record');
    return { ms: record.naive.end - record.dcl };
  } finally {
    await page.close();
  }
}

export interface PageMetrics {
  results: MetricResult[];
  checks: string[];
}

const NOT_BUILT = 'n/a (feature not built yet: no data-qingdu-fix marker from the content script)';

/** fix_page_ms_* and naive_fix_page_ms_* (runs interleaved), and longest_task_ms_5m. */
export async function measureFixPages(
  browsers: BenchBrowsers,
  prepared: Prepared,
  plan: RunPlan,
  fixBuilt: boolean,
  log: (line: string) => void,
): Promise<PageMetrics> {
  const results: MetricResult[] = [];
  const checks: string[] = [];
  for (const size of plan.sizes) {
    const page = prepared.fixPages[size].garbled;
    const fixSamples: number[] = [];
    const naiveSamples: number[] = [];
    const longest: number[] = [];
    let fixed = Number.POSITIVE_INFINITY;
    for (let i = 0; i < plan.warmups + plan.runs; i++) {
      const naive = await runNaiveFix(browsers, page);
      const fix = fixBuilt ? await runExtensionFix(browsers, page) : undefined;
      if (i < plan.warmups) continue;
      naiveSamples.push(naive.ms);
      if (fix) {
        fixSamples.push(fix.ms);
        longest.push(fix.longestTaskMs);
        fixed = Math.min(fixed, fix.fixedHeadlines);
      }
    }
    log(
      `  ${size}: naive ${summarize(naiveSamples).median.toFixed(1)} ms${fixBuilt ? `, fix ${summarize(fixSamples).median.toFixed(1)} ms` : ''}`,
    );
    results.push(
      fixBuilt
        ? { name: `fix_page_ms_${size}` as MetricName, summary: summarize(fixSamples) }
        : { name: `fix_page_ms_${size}` as MetricName, summary: null, note: NOT_BUILT },
      { name: `naive_fix_page_ms_${size}` as MetricName, summary: summarize(naiveSamples) },
    );
    if (fixBuilt) {
      checks.push(
        `${size} page: at least ${fixed} of ${page.page.headlines.length} doubled headlines read exactly as the clean text after the fix (every run); ${page.page.textNodes.toLocaleString('en-US')} text nodes`,
      );
    }
    if (size === '5m') {
      results.push(
        fixBuilt
          ? {
              name: 'longest_task_ms_5m',
              summary: summarize(longest),
              note: 'longest PerformanceObserver longtask overlapping the fix (from the content script start to data-qingdu-fix=idle); 0 = no task ≥ 50 ms',
            }
          : { name: 'longest_task_ms_5m', summary: null, note: NOT_BUILT },
      );
    }
  }
  return { results, checks };
}

// --- idle_page_overhead_ms: scripting time of the content script from a CDP trace ---

const TRACE_CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline'];

async function readTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<{ stream?: string }>((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  if (!stream) throw new Error('the trace came back without a stream');
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

export async function measureIdleOverhead(
  browsers: BenchBrowsers,
  prepared: Prepared,
  plan: RunPlan,
  fixBuilt: boolean,
): Promise<MetricResult> {
  const page = prepared.fixPages['1m']?.clean;
  if (!page) return { name: 'idle_page_overhead_ms', summary: null, note: 'n/a (the 1 MB page is not in this run)' };
  const prefix = `chrome-extension://${browsers.extension.extensionId}/`;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < plan.warmups + plan.runs; i++) {
    const tab = await browsers.extension.context.newPage();
    const cdp = await browsers.extension.context.newCDPSession(tab);
    try {
      await cdp.send('Tracing.start', {
        traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordUntilFull' },
        transferMode: 'ReturnAsStream',
      });
      await tab.goto(browsers.server.url(page.path), { waitUntil: 'domcontentloaded', timeout: WAIT_TIMEOUT_MS });
      if (fixBuilt) await waitForMark(tab, FIX, 'idle');
      else await waitForMark(tab, READY, 'ready');
      await settlePage(tab);
      const times = sumScriptTime(await readTrace(cdp), prefix);
      if (i >= plan.warmups) {
        wall.push(times.wallMs);
        cpu.push(times.cpuMs);
      }
    } finally {
      await cdp.detach().catch(() => {});
      await tab.close();
    }
  }
  const cpuMedian = summarize(cpu).median.toFixed(2);
  return {
    name: 'idle_page_overhead_ms',
    summary: summarize(wall),
    note:
      `main-thread wall time inside the extension's scripts (union of trace events EvaluateScript/FunctionCall/v8.compile/v8.run with a chrome-extension:// URL, CDP Tracing) from navigation to ${fixBuilt ? 'data-qingdu-fix=idle' : 'the ready marker'}; CPU time ${cpuMedian} ms` +
      (fixBuilt ? '' : '; fix feature not built yet, so this is the skeleton content script only'),
  };
}
