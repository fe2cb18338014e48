/**
 * Page-level figures in real Chromium: DOMContentLoaded → all fixed with the extension (on a
 * first visit, when the sentinel finds the doubled text, and on a site remembered for it, when the
 * pipeline is registered at document_start), the naive `(.)\1` baseline on the same pages, the
 * longest task while fixing the 5 MB page, and what the extension costs a clean 1 MB page (from
 * CDP traces), each with a breakdown of where the time goes.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { TabEntry } from '../../lib/background/tab-status';
import { type BenchBrowsers, readRecord, settlePage, WAIT_TIMEOUT_MS } from './browsers';
import { forgetRememberedSites, tabIdOf, waitForRegistration, waitForSettled } from './extension-state';
import type { MetricName, MetricResult } from './metrics';
import type { PageSize } from './page-generator';
import type { BenchRecord } from './page-scripts/records';
import type { Prepared, PreparedPage } from './prepare';
import { summarize } from './stats';
import {
  describeLongestExtensionTask,
  findLongestExtensionTask,
  findLongestTaskHoldingExtension,
  splitExtensionTime,
  sumScriptTime,
  TASK_EVENT,
  type TraceEvent,
} from './trace';

export interface RunPlan {
  sizes: readonly PageSize[];
  warmups: number;
  runs: number;
}

interface FixRun {
  ms: number;
  /** Longest long task (PerformanceObserver) between DOMContentLoaded and the last write, whoever caused it. */
  longestTaskMs: number;
  fixedHeadlines: number;
  /** Writes that reached the page before DOMContentLoaded (the registered path fixes as it parses). */
  writesBeforeDcl: boolean;
}

async function countFixedHeadlines(page: Page, expected: readonly string[]): Promise<number> {
  return page.evaluate(
    (clean) => [...document.querySelectorAll('h2')].filter((h, i) => h.textContent === clean[i]).length,
    expected as string[],
  );
}

/** Open `prepared` in a new tab of the extension's Chromium and wait until Qingdu is done with it. */
async function openSettled(
  browsers: BenchBrowsers,
  prepared: PreparedPage,
): Promise<{ page: Page; record: BenchRecord }> {
  const page = await browsers.extension.context.newPage();
  const url = browsers.server.url(prepared.path);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: WAIT_TIMEOUT_MS });
  const tabId = await tabIdOf(browsers, page);
  await waitForSettled(browsers, tabId, { url });
  await settlePage(page);
  return { page, record: await readRecord(page) };
}

/** DOMContentLoaded → the last of Qingdu's writes (the page is fixed then). */
async function runExtensionFix(browsers: BenchBrowsers, prepared: PreparedPage): Promise<FixRun> {
  const { page, record } = await openSettled(browsers, prepared);
  try {
    const { dcl, writes } = record;
    if (dcl === null || writes.lastAt === null) throw new Error(`nothing was fixed on ${prepared.path}`);
    const overlapping = record.longtasks.filter(
      (t) => t.start + t.duration >= dcl && t.start <= (writes.lastAt as number),
    );
    return {
      ms: writes.lastAt - dcl,
      longestTaskMs: Math.max(0, ...overlapping.map((t) => t.duration)),
      fixedHeadlines: await countFixedHeadlines(
        page,
        prepared.page.headlines.map((h) => h.clean),
      ),
      writesBeforeDcl: (writes.firstAt ?? dcl) < dcl,
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

/** fix_page_ms_* and naive_fix_page_ms_* (runs interleaved), each on a first visit (the sentinel's path). */
export async function measureFixPages(
  browsers: BenchBrowsers,
  prepared: Prepared,
  plan: RunPlan,
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
      // A first visit: the site must not be remembered from an earlier run.
      await forgetRememberedSites(browsers);
      const fix = await runExtensionFix(browsers, page);
      if (i < plan.warmups) continue;
      naiveSamples.push(naive.ms);
      fixSamples.push(fix.ms);
      longest.push(fix.longestTaskMs);
      fixed = Math.min(fixed, fix.fixedHeadlines);
    }
    log(
      `  ${size}: naive ${summarize(naiveSamples).median.toFixed(1)} ms, fix ${summarize(fixSamples).median.toFixed(1)} ms`,
    );
    results.push(
      {
        name: `fix_page_ms_${size}` as MetricName,
        summary: summarize(fixSamples),
        note:
          size === '1m'
            ? "first visit: the sentinel finds the doubled text, the background confirms it and injects the pipeline; DOMContentLoaded → Qingdu's last write"
            : undefined,
      },
      { name: `naive_fix_page_ms_${size}` as MetricName, summary: summarize(naiveSamples) },
    );
    checks.push(
      `${size} page: at least ${fixed} of ${page.page.headlines.length} doubled headlines read exactly as the clean text after the fix (every run); ${page.page.textNodes.toLocaleString('en-US')} text nodes`,
    );
    if (size === '5m') {
      checks.push(
        `5m page: longest PerformanceObserver longtask between DOMContentLoaded and Qingdu's last write, whoever caused it (the page's own parsing and layout included): median ${summarize(longest).median.toFixed(0)} ms`,
      );
    }
  }
  return { results, checks };
}

/**
 * garbled_site_first_fix_ms: the 1 MB garbled page on a site remembered for doubled text (visited
 * once before, so the pipeline is registered at document_start and fixes as the page is parsed).
 */
export async function measureRememberedSite(
  browsers: BenchBrowsers,
  prepared: Prepared,
  plan: RunPlan,
): Promise<PageMetrics> {
  const page = prepared.fixPages['1m']?.garbled;
  if (!page) return { results: [{ name: 'garbled_site_first_fix_ms', summary: null, note: 'no 1m page' }], checks: [] };
  await forgetRememberedSites(browsers);
  const first = await runExtensionFix(browsers, page);
  await waitForRegistration(browsers, true);
  const samples: number[] = [];
  let beforeDcl = 0;
  let fixed = Number.POSITIVE_INFINITY;
  for (let i = 0; i < plan.warmups + plan.runs; i++) {
    const run = await runExtensionFix(browsers, page);
    if (i < plan.warmups) continue;
    samples.push(run.ms);
    if (run.writesBeforeDcl) beforeDcl++;
    fixed = Math.min(fixed, run.fixedHeadlines);
  }
  await forgetRememberedSites(browsers);
  return {
    results: [
      {
        name: 'garbled_site_first_fix_ms',
        summary: summarize(samples),
        note: `a site remembered for doubled text: the pipeline registered at document_start; DOMContentLoaded → Qingdu's last write (negative: done before DOMContentLoaded); the first visit took ${first.ms.toFixed(0)} ms`,
      },
    ],
    checks: [
      `remembered site (1m page): writes began before DOMContentLoaded in ${beforeDcl} of ${plan.runs} runs (fixed as the page is parsed); at least ${fixed} of ${page.page.headlines.length} headlines exact`,
    ],
  };
}

// --- CDP traces: the extension's main-thread time ---

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

/** Load `page` in the extension's Chromium under a CDP trace, until Qingdu is done with it. */
async function traceExtensionRun(
  browsers: BenchBrowsers,
  page: PreparedPage,
): Promise<{ events: TraceEvent[]; record: BenchRecord; entry: TabEntry }> {
  const tab = await browsers.extension.context.newPage();
  const cdp = await browsers.extension.context.newCDPSession(tab);
  try {
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
      transferMode: 'ReturnAsStream',
    });
    const url = browsers.server.url(page.path);
    await tab.goto(url, { waitUntil: 'domcontentloaded', timeout: WAIT_TIMEOUT_MS });
    const entry = await waitForSettled(browsers, await tabIdOf(browsers, tab), { url });
    await settlePage(tab);
    const record = await readRecord(tab);
    return { events: await readTrace(cdp), record, entry };
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

const ATTRIBUTION =
  "events with the extension's script URLs (EvaluateScript, FunctionCall, v8.compile, v8.run), scheduler.yield continuations and microtask checkpoints in tasks where it ran and no page script or parsing did";

/**
 * idle_page_overhead_ms and sentinel_page_overhead_ms: what the extension costs the clean 1 MB
 * page's main thread, in total and in the sentinel's script, with a breakdown by phase.
 */
export async function measureIdleOverhead(
  browsers: BenchBrowsers,
  prepared: Prepared,
  plan: RunPlan,
): Promise<PageMetrics> {
  const page = prepared.fixPages['1m']?.clean;
  if (!page) {
    const note = 'n/a (the 1 MB page is not in this run)';
    return {
      results: [
        { name: 'idle_page_overhead_ms', summary: null, note },
        { name: 'sentinel_page_overhead_ms', summary: null, note },
      ],
      checks: [],
    };
  }
  const base = `chrome-extension://${browsers.extension.extensionId}/`;
  const wall: number[] = [];
  const cpu: number[] = [];
  const sentinel: number[] = [];
  const phases = new Map<string, number[]>();
  let writes = 0;
  const reads: number[] = [];
  const scans: number[] = [];
  for (let i = 0; i < plan.warmups + plan.runs; i++) {
    const { events, record, entry } = await traceExtensionRun(browsers, page);
    if (i < plan.warmups) continue;
    const timings = entry.frames['0']?.sentinelTimings;
    if (timings) {
      reads.push(timings.read);
      scans.push(timings.scan);
    }
    const total = sumScriptTime(events, base);
    wall.push(total.wallMs);
    cpu.push(total.cpuMs);
    sentinel.push(sumScriptTime(events, `${base}sentinel.js`).wallMs);
    for (const [phase, ms] of Object.entries(splitExtensionTime(events, base))) {
      phases.set(phase, [...(phases.get(phase) ?? []), ms]);
    }
    writes += record.writes.count;
  }
  const breakdown = [...phases]
    .map(([phase, samples]) => `${phase} ${summarize(samples).median.toFixed(2)} ms`)
    .join(', ');
  return {
    results: [
      {
        name: 'idle_page_overhead_ms',
        summary: summarize(wall),
        note: `CDP trace, navigation until Qingdu is done with the page: main-thread wall time of ${ATTRIBUTION}; CPU time median ${summarize(cpu).median.toFixed(2)} ms`,
      },
      {
        name: 'sentinel_page_overhead_ms',
        summary: summarize(sentinel),
        note: 'the same trace, sentinel.js alone (the only script a page without doubled text gets)',
      },
    ],
    checks: [
      `clean 1m page, where the extension's main-thread time goes (medians): ${breakdown}`,
      `clean 1m page, the sentinel's first look as it timed itself (medians): reading the page's text ${summarize(reads).median.toFixed(2)} ms, scanning it ${summarize(scans).median.toFixed(2)} ms`,
      `clean 1m page: Qingdu changed ${writes} things in ${plan.runs} runs (should be 0: nothing to fix, the pipeline never loaded)`,
    ],
  };
}

/** longest_task_ms_5m: the longest main-thread task in which the extension ran, fixing the 5 MB page. */
export async function measureLongestTask(
  browsers: BenchBrowsers,
  prepared: Prepared,
  plan: RunPlan,
): Promise<PageMetrics> {
  const page = prepared.fixPages['5m']?.garbled;
  if (!page) {
    return {
      results: [{ name: 'longest_task_ms_5m', summary: null, note: 'not measured with --quick (no 5m page)' }],
      checks: [],
    };
  }
  const base = `chrome-extension://${browsers.extension.extensionId}/`;
  const longest: number[] = [];
  const holding: number[] = [];
  let worst: { ms: number; description: string } | undefined;
  for (let i = 0; i < plan.warmups + plan.runs; i++) {
    await forgetRememberedSites(browsers);
    const { events } = await traceExtensionRun(browsers, page);
    if (i < plan.warmups) continue;
    const ms = findLongestExtensionTask(events, base);
    longest.push(ms);
    holding.push(findLongestTaskHoldingExtension(events, base));
    if (!worst || ms > worst.ms) worst = { ms, description: describeLongestExtensionTask(events, base) };
  }
  return {
    results: [
      {
        name: 'longest_task_ms_5m',
        summary: summarize(longest),
        note: `CDP trace of the 5 MB page, navigation until Qingdu is done: the longest top-level task (${TASK_EVENT}) Qingdu is answerable for, holding ${ATTRIBUTION}: whole where that work is at least half of it, else only that work (the page's own parsing and layout are not Qingdu's); PerformanceObserver longtask cannot say who caused a task (see Checks)`,
      },
    ],
    checks: [
      ...(worst
        ? [`5m page, the longest task of the worst run (${worst.ms.toFixed(0)} ms): ${worst.description}`]
        : []),
      `5m page, the longest task holding any of Qingdu's work, whoever else ran in it (the parser's last task, where DOMContentLoaded fires, among them): median ${summarize(holding).median.toFixed(0)} ms`,
    ],
  };
}
