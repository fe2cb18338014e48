/**
 * Pinyin and conversion on the 100,000-character page: the extension driven the way its popup
 * drives it (the popup's message to the background, which loads the pipeline and the aid into
 * the tab), against pinyin-pro's `html()` and opencc-js's `HTMLConverter` run as page scripts in
 * a plain Chromium. And how fast the popup's switch answers.
 */
import type { Page } from 'playwright-core';
import { type BenchBrowsers, readRecord, WAIT_TIMEOUT_MS } from './browsers';
import { openControlPage, tabIdOf, waitForSettled } from './extension-state';
import type { MetricResult } from './metrics';
import type { RunPlan } from './page-metrics';
import type { PageScript, Prepared } from './prepare';
import { summarize } from './stats';
import { describeDifference } from './table';

/** How to switch a reading aid on in a tab, as the popup does (its `setTabReadingAid` message). */
export interface ReadingAidTrigger {
  name: 'pinyin' | 'conversion';
  options: unknown;
}

interface AidRun {
  fullMs: number;
  firstVisibleMs: number | null;
  /** Scrolling far down the page afterwards: until readings are laid out in view, and frames without. */
  scroll?: { ms: number; blankFrames: number };
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

/**
 * Open the page, wait until Qingdu has looked at it, switch the aid on from the popup's page (the
 * background loads the pipeline and the aid's code into the tab), and time it until the extension
 * says it is done and the page has been laid out with the result.
 */
async function runExtensionAid(
  browsers: BenchBrowsers,
  prepared: Prepared,
  trigger: ReadingAidTrigger,
  probeScroll: boolean,
): Promise<AidRun> {
  const page = await browsers.extension.context.newPage();
  const url = browsers.server.url(prepared.readingAidPage.path);
  try {
    await page.goto(url, { timeout: WAIT_TIMEOUT_MS });
    const tabId = await tabIdOf(browsers, page);
    await waitForSettled(browsers, tabId, { url });
    await page.evaluate(() => window.__qingduBench?.resetWrites());
    const control = await openControlPage(browsers, tabId);
    // The control page opened as a tab in front of the page; a reader's popup leaves the page in
    // view (a page behind another tab gets its frames late: up to 100 ms more, measured).
    await page.bringToFront();
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    const { sentAt } = await control.send('setTabReadingAid', {
      tabId,
      name: trigger.name,
      enabled: true,
      options: trigger.options,
    });
    await control.close();
    await page.bringToFront();
    await waitForSettled(browsers, tabId, {
      url,
      until: (entry) => entry.frames['0']?.readingAids?.[trigger.name]?.enabled === true,
    });
    // Until the page has been laid out after the last write.
    await page.waitForFunction(
      () => {
        const writes = window.__qingduBench?.writes;
        return (
          writes?.lastAt !== null && writes?.laidOutAt !== null && (writes?.laidOutAt ?? 0) >= (writes?.lastAt ?? 0)
        );
      },
      null,
      { timeout: WAIT_TIMEOUT_MS, polling: 20 },
    );
    const record = await readRecord(page);
    const sentAtPage = sentAt - timeOrigin;
    const run: AidRun = {
      fullMs: (record.writes.laidOutAt as number) - sentAtPage,
      firstVisibleMs: record.firstVisibleRubyAt === null ? null : record.firstVisibleRubyAt - sentAtPage,
      ...(await readResult(page)),
    };
    if (probeScroll) {
      // Far down the page, where nothing was near the viewport before.
      await page.evaluate(() => window.__qingduBench?.probeScroll(document.documentElement.scrollHeight * 0.75));
      await page.waitForFunction(() => window.__qingduBench?.scroll?.rubyAt !== null, null, {
        timeout: WAIT_TIMEOUT_MS,
        polling: 20,
      });
      const scroll = (await readRecord(page)).scroll;
      if (scroll?.rubyAt != null)
        run.scroll = { ms: scroll.rubyAt - scroll.scrolledAt, blankFrames: scroll.blankFrames };
    }
    return run;
  } finally {
    await page.close();
  }
}

/**
 * popup_switch_ms: click the real popup's pinyin switch on a page of about 15,000 paragraphs the
 * pipeline is not loaded in yet, until the switch shows the state the page reported back.
 */
export async function measurePopupSwitch(
  browsers: BenchBrowsers,
  prepared: Prepared,
  plan: RunPlan,
): Promise<MetricResult> {
  const target = prepared.fixPages['1m']?.clean;
  if (!target) return { name: 'popup_switch_ms', summary: null, note: 'n/a (no 1m page)' };
  const samples: number[] = [];
  for (let i = 0; i < plan.warmups + plan.runs; i++) {
    const page = await browsers.extension.context.newPage();
    const url = browsers.server.url(target.path);
    try {
      await page.goto(url, { timeout: WAIT_TIMEOUT_MS });
      const tabId = await tabIdOf(browsers, page);
      await waitForSettled(browsers, tabId, { url });
      const popup = await browsers.extension.context.newPage();
      await popup.goto(`chrome-extension://${browsers.extension.extensionId}/popup.html?tab=${tabId}`);
      const toggle = popup.getByTestId('pinyin-switch');
      await toggle.waitFor();
      // From the click to the switch on, confirmed by the tab (the background's answer arrived).
      await popup.evaluate(() => {
        (window as unknown as { clickedAt: number }).clickedAt = performance.now();
        (document.querySelector('[data-testid="pinyin-switch"]') as HTMLInputElement).click();
      });
      const handle = await popup.waitForFunction(
        () => {
          const input = document.querySelector('[data-testid="pinyin-switch"]') as HTMLInputElement;
          const answered = input.checked && input.dataset.state === 'answered';
          return answered ? performance.now() - (window as unknown as { clickedAt: number }).clickedAt : 0;
        },
        null,
        { polling: 'raf', timeout: WAIT_TIMEOUT_MS },
      );
      const ms = (await handle.jsonValue()) as number;
      await popup.close();
      if (i >= plan.warmups) samples.push(ms);
    } finally {
      await page.close();
    }
  }
  return {
    name: 'popup_switch_ms',
    summary: summarize(samples),
    note: 'a click on the popup’s pinyin switch on the clean 1 MB page (no pipeline loaded yet), until the switch shows on as the tab answered (pipeline injected, the page took the switch); the work follows with progress shown',
  };
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
  triggers: { pinyin: ReadingAidTrigger; conversion: ReadingAidTrigger },
  log: (line: string) => void,
): Promise<{ results: MetricResult[]; checks: string[] }> {
  const results: MetricResult[] = [];
  const checks: string[] = [];
  // Pinyin: extension and baseline runs interleaved.
  {
    const baseline: number[] = [];
    const full: number[] = [];
    const first: number[] = [];
    const scroll: number[] = [];
    const blank: number[] = [];
    for (let i = 0; i < plan.warmups + plan.runs; i++) {
      const b = await runBaseline(browsers, prepared, 'pinyin-baseline');
      const e = await runExtensionAid(browsers, prepared, triggers.pinyin, true);
      if (i === 0) {
        checks.push(
          `pinyin: ${e.rubyCount.toLocaleString('en-US')} <rt> near the viewport after the switch (the rest as the reader scrolls to it); html() baseline: ${b.rubyCount.toLocaleString('en-US')} over the whole page`,
        );
      }
      if (i < plan.warmups) continue;
      baseline.push(b.ms);
      full.push(e.fullMs);
      if (e.firstVisibleMs !== null) first.push(e.firstVisibleMs);
      if (e.scroll) {
        scroll.push(e.scroll.ms);
        blank.push(e.scroll.blankFrames);
      }
    }
    log(
      `  pinyin: baseline ${summarize(baseline).median.toFixed(0)} ms, Qingdu ${summarize(full).median.toFixed(0)} ms`,
    );
    results.push(
      first.length > 0
        ? {
            name: 'pinyin_first_visible_ms',
            summary: summarize(first),
            note: "from the popup's message to the first <rt> laid out inside the viewport",
          }
        : { name: 'pinyin_first_visible_ms', summary: null, note: 'n/a (no <rt> appeared in the viewport)' },
      {
        name: 'pinyin_full_ms',
        summary: summarize(full),
        note: "from the popup's message until the extension is done and the page is laid out (blocks are annotated as they come near the viewport: see pinyin_scroll_visible_ms)",
      },
      {
        name: 'pinyin_baseline_full_ms',
        summary: summarize(baseline),
        note: 'html() into each text node, then laid out (forced layout); library parse not timed',
      },
      scroll.length > 0
        ? {
            name: 'pinyin_scroll_visible_ms',
            summary: summarize(scroll),
            note: `pinyin on, the page scrolled to 3/4 of its height at once: until readings are laid out in the viewport; frames drawn without them: median ${summarize(blank).median}`,
          }
        : { name: 'pinyin_scroll_visible_ms', summary: null, note: 'n/a (no readings appeared after scrolling)' },
    );
  }
  // Conversion.
  {
    const baseline: number[] = [];
    const converted: number[] = [];
    for (let i = 0; i < plan.warmups + plan.runs; i++) {
      const b = await runBaseline(browsers, prepared, 'convert-baseline');
      const e = await runExtensionAid(browsers, prepared, triggers.conversion, false);
      if (i === 0) {
        checks.push(
          `conversion (s2twp): the page text after Qingdu vs after HTMLConverter: ${describeDifference(e.bodyText, b.bodyText)}`,
        );
      }
      if (i < plan.warmups) continue;
      baseline.push(b.ms);
      converted.push(e.fullMs);
    }
    log(
      `  conversion: baseline ${summarize(baseline).median.toFixed(0)} ms, Qingdu ${summarize(converted).median.toFixed(0)} ms`,
    );
    results.push(
      {
        name: 'convert_ms',
        summary: summarize(converted),
        note: "from the popup's message until the extension is done and the page is laid out; pipeline and dictionary loaded on demand (s2twp)",
      },
      {
        name: 'convert_baseline_ms',
        summary: summarize(baseline),
        note: 'Converter({from: cn, to: twp}) + HTMLConverter(…).convert(), then laid out; library parse not timed',
      },
    );
  }
  return { results, checks };
}
