/**
 * How fast pinyin appears on a big page, in headless Chromium with the built extension: a page of
 * about 100,000 Chinese characters (CPP dev sentences, some split across inline elements), pinyin
 * switched on as the popup does. Reports the time to the first annotated block (the visible ones
 * are done first, in one step), to the whole page (`data-qingdu-pinyin="idle"`), and the longest
 * main-thread task; against a baseline in the same run that annotates the same page with
 * pinyin-pro's `html()` per text node (what a naive annotator does, in one blocking pass).
 *
 *   npm run build && npx tsx scripts/bench/pinyin-speed.ts
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { FEATURE_STATE_ATTRIBUTES, READY_ATTRIBUTE, READY_VALUE } from '../../lib/dom/markers';
import { RUBY_WRAPPER_CLASS } from '../../lib/dom/ruby';
import { launchWithExtension } from '../lib/chromium';
import { loadCppSplit } from '../lib/cpp-benchmark';
import { startStaticServer } from '../lib/static-server';

export interface PinyinSpeed {
  chars: number;
  /** From the switch to the first annotated block on screen. */
  first_visible_ms: number;
  /** From the switch to the whole page annotated. */
  full_ms: number;
  /** Longest main-thread task while annotating (Long Tasks API; 0 if none over 50 ms). */
  longest_task_ms: number;
  /** pinyin-pro `html()` per text node over the same page, one blocking pass. */
  baseline_html_ms: number;
  /** … until that page has been laid out and painted. */
  baseline_painted_ms: number;
  baseline_longest_task_ms: number;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page of about `target` characters, one paragraph per sentence, every third split by `<b>`. */
export function buildBigPage(target = 100_000): { html: string; chars: number } {
  const paragraphs: string[] = [];
  let chars = 0;
  const sentences = loadCppSplit('dev');
  for (let i = 0; chars < target; i++) {
    const text = sentences[i % sentences.length]?.text ?? '';
    chars += text.length;
    if (i % 3 === 0 && text.length > 8) {
      paragraphs.push(
        `<p>${escapeHtml(text.slice(0, 4))}<b>${escapeHtml(text.slice(4, 6))}</b>${escapeHtml(text.slice(6))}</p>`,
      );
    } else paragraphs.push(`<p>${escapeHtml(text)}</p>`);
  }
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>大页面</title></head><body>${paragraphs.join('\n')}</body></html>`;
  return { html, chars };
}

/** Installed in the page before the switch: records first annotation, idle, and long tasks. */
function watchAnnotation(args: { wrapperClass: string; state: string }): void {
  const w = window as unknown as Record<string, number>;
  w.__qdStart = performance.now();
  w.__qdLongest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__qdLongest = Math.max(w.__qdLongest ?? 0, entry.duration);
  }).observe({ type: 'longtask' });
  new MutationObserver((records, observer) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLElement && node.classList.contains(args.wrapperClass)) {
          w.__qdFirst = performance.now() - (w.__qdStart ?? 0);
          observer.disconnect();
          return;
        }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
  new MutationObserver((_records, observer) => {
    if (document.documentElement.getAttribute(args.state) === 'idle') {
      w.__qdFull = performance.now() - (w.__qdStart ?? 0);
      observer.disconnect();
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: [args.state] });
}

export async function measurePinyinSpeed(): Promise<PinyinSpeed> {
  const { html, chars } = buildBigPage();
  const require = createRequire(import.meta.url);
  const pinyinProUmd = readFileSync(require.resolve('pinyin-pro/dist/index.js'), 'utf8');
  const server = await startStaticServer(fileURLToPath(new URL('.', import.meta.url)), { '/big.html': () => html });
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url('/big.html'));
    await page.waitForFunction(({ name, value }) => document.documentElement.getAttribute(name) === value, {
      name: READY_ATTRIBUTE,
      value: READY_VALUE,
    });
    const state = FEATURE_STATE_ATTRIBUTES.pinyin;
    await page.evaluate(watchAnnotation, { wrapperClass: RUBY_WRAPPER_CLASS, state });
    // What the popup's switch and the keyboard shortcut send to the tab.
    await browser.serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
      if (tab?.id === undefined) throw new Error('no page tab');
      await chrome.tabs.sendMessage(tab.id, { id: 1, type: 'toggleReadingAid', data: 'pinyin', timestamp: 0 });
    });
    await page.waitForFunction(() => (window as unknown as Record<string, number>).__qdFull !== undefined, null, {
      timeout: 120_000,
    });
    const ours = await page.evaluate(() => {
      const w = window as unknown as Record<string, number>;
      return { first: w.__qdFirst ?? Number.NaN, full: w.__qdFull ?? Number.NaN, longest: w.__qdLongest ?? 0 };
    });

    const baselinePage = await browser.context.newPage();
    await baselinePage.goto(server.url('/big.html'));
    await baselinePage.addScriptTag({ content: pinyinProUmd });
    const baseline = await baselinePage.evaluate(async () => {
      const w = window as unknown as { pinyinPro: { html(text: string): string }; __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
      }).observe({ type: 'longtask' });
      const start = performance.now();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      for (const node of nodes) {
        if (!/\p{Script=Han}/u.test(node.data)) continue;
        const span = document.createElement('span');
        // The naive way, for timing only: html() returns markup built from the page's text.
        span.innerHTML = w.pinyinPro.html(node.data);
        node.replaceWith(span);
      }
      const elapsed = performance.now() - start;
      // Until the annotated page has been laid out and painted.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const painted = performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { elapsed, painted, longest: w.__longest };
    });
    return {
      chars,
      first_visible_ms: Math.round(ours.first),
      full_ms: Math.round(ours.full),
      longest_task_ms: Math.round(ours.longest),
      baseline_html_ms: Math.round(baseline.elapsed),
      baseline_painted_ms: Math.round(baseline.painted),
      baseline_longest_task_ms: Math.round(baseline.longest),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await measurePinyinSpeed()));
}
