/**
 * Pinyin and conversion on the 100,000-character page: the extension driven the way its popup
 * drives it (a message from the extension to the tab's content script), against pinyin-pro's
 * `html()` and opencc-js's `HTMLConverter` run as page scripts in a plain Chromium.
 */
import type { Page } from 'playwright-core';
import { type BenchBrowsers, findMark, readRecord, WAIT_TIMEOUT_MS, waitForMark } from './browsers';
import type { MetricResult } from './metrics';
import type { RunPlan } from './page-metrics';
import type { PageScript, Prepared } from './prepare';
import { summarize } from './stats';
import { describeDifference } from './table';

/** How to switch a reading aid on in the tab, as the popup does; null while the feature is not built. */
export interface ReadingAidTrigger {
  /** The feature state attribute the aid sets on <html>. */
  attribute: string;
  /** The raw message for `chrome.tabs.sendMessage` (the @webext-core/messaging wire format). */
  message: { type: string; data: unknown };
}

/** Send `message` to the active tab's content script from the extension's service worker; returns the send time (epoch ms). */
async function sendFromServiceWorker(browsers: BenchBrowsers, page: Page, message: ReadingAidTrigger['message']) {
  await page.bringToFront();
  return browsers.extension.serviceWorker.evaluate(async (payload) => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    const sentAt = Date.now();
    const reply = (await chrome.tabs.sendMessage(tab.id, { id: 1, ...payload, timestamp: sentAt })) as {
      err?: unknown;
    };
    if (reply?.err) throw new Error(`the content script refused ${payload.type}: ${JSON.stringify(reply.err)}`);
    return sentAt;
  }, message);
}

interface AidRun {
  fullMs: number;
  firstVisibleMs: number | null;
  /** What a reader sees afterwards: the body's text, and how many <rt> it holds. */
  bodyText: string;
  rubyCount: number;
}

async function readResult(page: Page): Promise<{ bodyText: string; rubyCount: number }> {
  return page.evaluate(() => ({
    bodyText: document.body.textContent ?? '',
    rubyCount: document.querySelectorAll('rt').length,
  }));
}

async function runExtensionAid(
  browsers: BenchBrowsers,
  prepared: Prepared,
  trigger: ReadingAidTrigger,
): Promise<AidRun> {
  const page = await browsers.extension.context.newPage();
  try {
    await page.goto(browsers.server.url(prepared.readingAidPage.path), { timeout: WAIT_TIMEOUT_MS });
    await waitForMark(page, 'data-qingdu', 'ready');
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    const sentAt = await sendFromServiceWorker(browsers, page, trigger.message);
    const sentAtPage = sentAt - timeOrigin;
    // The aid goes `working` and then `idle`; take the first `idle` after a `working` that followed the send.
    await page.waitForFunction(
      ([name, after]) => {
        const marks = window.__qingduBench?.marks ?? [];
        const working = marks.find((m) => m.name === name && m.value === 'working' && m.t >= after);
        return marks.some((m) => m.name === name && m.value === 'idle' && working !== undefined && m.t >= working.t);
      },
      [trigger.attribute, sentAtPage - 1] as const,
      { timeout: WAIT_TIMEOUT_MS, polling: 20 },
    );
    const record = await readRecord(page);
    const working = findMark(record.marks, trigger.attribute, 'working', sentAtPage - 1);
    const idle = findMark(record.marks, trigger.attribute, 'idle', working?.t ?? 0);
    if (!idle) throw new Error('no idle mark');
    return {
      fullMs: (idle.laidOutAt ?? idle.t) - sentAtPage,
      firstVisibleMs: record.firstVisibleRubyAt === null ? null : record.firstVisibleRubyAt - sentAtPage,
      ...(await readResult(page)),
    };
  } finally {
    await page.close();
  }
}

async function runBaseline(
  browsers: BenchBrowsers,
  prepared: Prepared,
  script: PageScript,
): Promise<{ ms: number; bodyText: string; rubyCount: number }> {
  const page = await browsers.plain.newPage();
  try {
    await page.goto(browsers.server.url(prepared.readingAidPage.path), { timeout: WAIT_TIMEOUT_MS });
    // Loading and parsing the library is not timed (favourable to the baseline); running it is.
    await page.addScriptTag({ path: prepared.scriptPath(script) });
    const which = script === 'pinyin-baseline' ? 'pinyin' : 'convert';
    const run = await page.evaluate((name) => {
      const baseline = window.__qingduBaselines?.[name as 'pinyin' | 'convert'];
      if (!baseline) throw new Error(`baseline ${name} missing`);
      return baseline();
    }, which);
    return { ms: run.ms, ...(await readResult(page)) };
  } finally {
    await page.close();
  }
}

export async function measureReadingAids(
  browsers: BenchBrowsers,
  prepared: Prepared,
  plan: RunPlan,
  triggers: { pinyin: ReadingAidTrigger | null; conversion: ReadingAidTrigger | null },
  log: (line: string) => void,
): Promise<{ results: MetricResult[]; checks: string[] }> {
  const results: MetricResult[] = [];
  const checks: string[] = [];
  // Pinyin: extension and baseline runs interleaved.
  {
    const baseline: number[] = [];
    const full: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < plan.warmups + plan.runs; i++) {
      const b = await runBaseline(browsers, prepared, 'pinyin-baseline');
      const e = triggers.pinyin ? await runExtensionAid(browsers, prepared, triggers.pinyin) : undefined;
      if (i === 0 && e) {
        checks.push(
          `pinyin: ${e.rubyCount.toLocaleString('en-US')} <rt> on the 100k-character page (html() baseline: ${b.rubyCount.toLocaleString('en-US')})`,
        );
      }
      if (i < plan.warmups) continue;
      baseline.push(b.ms);
      if (e) {
        full.push(e.fullMs);
        if (e.firstVisibleMs !== null) first.push(e.firstVisibleMs);
      }
    }
    log(`  pinyin: baseline ${summarize(baseline).median.toFixed(0)} ms`);
    const notBuilt = 'n/a (feature not built yet)';
    results.push(
      triggers.pinyin
        ? first.length > 0
          ? {
              name: 'pinyin_first_visible_ms',
              summary: summarize(first),
              note: 'from the message send (service worker) to the first <rt> inserted inside the viewport',
            }
          : { name: 'pinyin_first_visible_ms', summary: null, note: 'n/a (no <rt> appeared in the viewport)' }
        : { name: 'pinyin_first_visible_ms', summary: null, note: notBuilt },
      triggers.pinyin
        ? {
            name: 'pinyin_full_ms',
            summary: summarize(full),
            note: 'from the message send to data-qingdu-pinyin=idle, then laid out (forced layout)',
          }
        : { name: 'pinyin_full_ms', summary: null, note: notBuilt },
      {
        name: 'pinyin_baseline_full_ms',
        summary: summarize(baseline),
        note: 'html() into each text node, then laid out (forced layout); library parse not timed',
      },
    );
  }
  // Conversion.
  {
    const baseline: number[] = [];
    const converted: number[] = [];
    for (let i = 0; i < plan.warmups + plan.runs; i++) {
      const b = await runBaseline(browsers, prepared, 'convert-baseline');
      const e = triggers.conversion ? await runExtensionAid(browsers, prepared, triggers.conversion) : undefined;
      if (i === 0 && e) {
        checks.push(
          `conversion (s2twp): the page text after Qingdu vs after HTMLConverter: ${describeDifference(e.bodyText, b.bodyText)}`,
        );
      }
      if (i < plan.warmups) continue;
      baseline.push(b.ms);
      if (e) converted.push(e.fullMs);
    }
    log(`  conversion: baseline ${summarize(baseline).median.toFixed(0)} ms`);
    results.push(
      triggers.conversion
        ? {
            name: 'convert_ms',
            summary: summarize(converted),
            note: 'from the message send to data-qingdu-conversion=idle, then laid out; dictionary loaded on demand (s2twp)',
          }
        : { name: 'convert_ms', summary: null, note: 'n/a (feature not built yet)' },
      {
        name: 'convert_baseline_ms',
        summary: summarize(baseline),
        note: 'Converter({from: cn, to: twp}) + HTMLConverter(…).convert(), then laid out; library parse not timed',
      },
    );
  }
  return { results, checks };
}
