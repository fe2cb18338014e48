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
import { findLongestExtensionTask, sumScriptTime, TASK_EVENT, type TraceEvent } from './trace';

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
  /** Longest long task (PerformanceObserver) between DOMContentLoaded and idle, whoever caused it. */
  longestTaskMs: number;
  fixedHeadlines: number;
}

/** From DOMContentLoaded (the fix's first pass starts there or later) to `data-qingdu-fix=idle`. */
function findWorkWindow(record: BenchRecord): { start: number; end: number } {
  const end = findMark(record.marks, FIX, 'idle')?.t;
  if (end === undefined || record.dcl === null) throw new Error('incomplete page record');
  return { start: record.dcl, end };
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
    if (size === '5m' && fixBuilt) {
      checks.push(
        `5m page: longest PerformanceObserver longtask between DOMContentLoaded and data-qingdu-fix=idle, whoever caused it (the page's own parsing and layout included): median ${summarize(longest).median.toFixed(0)} ms`,
      );
    }
  }
  return { results, checks };
}

// --- idle_page_overhead_ms: scripting time of the content script from a CDP trace ---

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline'];

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

/** Load `page` in the extension's Chromium under a CDP trace, until the fix is idle (or the content script ready). */
async function traceExtensionRun(
  browsers: BenchBrowsers,
  page: PreparedPage,
  fixBuilt: boolean,
): Promise<TraceEvent[]> {
  const tab = await browsers.extension.context.newPage();
  const cdp = await browsers.extension.context.newCDPSession(tab);
  try {
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
      transferMode: 'ReturnAsStream',
    });
    await tab.goto(browsers.server.url(page.path), { waitUntil: 'domcontentloaded', timeout: WAIT_TIMEOUT_MS });
    if (fixBuilt) await waitForMark(tab, FIX, 'idle');
    else await waitForMark(tab, READY, 'ready');
    await settlePage(tab);
    return await readTrace(cdp);
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

const ATTRIBUTION =
  "events with the extension's script URL (EvaluateScript, FunctionCall, v8.compile, v8.run), scheduler.yield continuations and microtask checkpoints in tasks where it ran";

/** idle_page_overhead_ms: the content script's main-thread time on the clean 1 MB page. */
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
    const times = sumScriptTime(await traceExtensionRun(browsers, page, fixBuilt), prefix);
    if (i < plan.warmups) continue;
    wall.push(times.wallMs);
    cpu.push(times.cpuMs);
  }
  return {
    name: 'idle_page_overhead_ms',
    summary: summarize(wall),
    note:
      `CDP trace, navigation to ${fixBuilt ? 'data-qingdu-fix=idle' : 'the ready marker'}: main-thread wall time of ${ATTRIBUTION}; CPU time median ${summarize(cpu).median.toFixed(2)} ms` +
      (fixBuilt ? '' : '; fix feature not built yet, so this is the skeleton content script only'),
  };
}

/** longest_task_ms_5m: the longest main-thread task in which the extension ran, fixing the 5 MB page. */
export async function measureLongestTask(
  browsers: BenchBrowsers,
  prepared: Prepared,
  plan: RunPlan,
  fixBuilt: boolean,
): Promise<MetricResult> {
  const page = prepared.fixPages['5m']?.garbled;
  if (!page) return { name: 'longest_task_ms_5m', summary: null, note: 'not measured with --quick (no 5m page)' };
  if (!fixBuilt) return { name: 'longest_task_ms_5m', summary: null, note: NOT_BUILT };
  const prefix = `chrome-extension://${browsers.extension.extensionId}/`;
  const longest: number[] = [];
  for (let i = 0; i < plan.warmups + plan.runs; i++) {
    const ms = findLongestExtensionTask(await traceExtensionRun(browsers, page, fixBuilt), prefix);
    if (i >= plan.warmups) longest.push(ms);
  }
  return {
    name: 'longest_task_ms_5m',
    summary: summarize(longest),
    note: `CDP trace of the 5 MB page, navigation to data-qingdu-fix=idle: the longest top-level task (${TASK_EVENT}) holding ${ATTRIBUTION}; PerformanceObserver longtask cannot say who caused a task (see Checks)`,
  };
}
