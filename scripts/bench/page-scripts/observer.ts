/**
 * Injected into every benchmark page before any of its own code (an init script, main world).
 * It records, with `performance.now()`, what the page can see of Qingdu's work: DOMContentLoaded,
 * every change Qingdu makes to the page (the bench pages change nothing themselves after
 * loading), when the page was laid out after the last one, long tasks, and the first pinyin ruby
 * inside the viewport. When Qingdu is done comes from the extension's own state (see
 * extension-state.ts); these records say when its work reached the page.
 */
import type { BenchRecord, ScrollProbe } from './records';

const emptyWrites = () => ({ count: 0, firstAt: null, lastAt: null, laidOutAt: null });
const bench: BenchRecord = { dcl: null, writes: emptyWrites(), longtasks: [], firstVisibleRubyAt: null };

document.addEventListener(
  'DOMContentLoaded',
  () => {
    bench.dcl = performance.now();
  },
  { once: true },
);

let layoutPending = false;
/** Force the layout the next frame would do after the latest writes, and note when it ended. */
function layOutAfterWrites(): void {
  if (layoutPending) return;
  layoutPending = true;
  requestAnimationFrame(() => {
    layoutPending = false;
    document.documentElement.getBoundingClientRect();
    bench.writes.laidOutAt = performance.now();
  });
}

/** Count a batch of Qingdu's records. */
function noteWrites(count: number): void {
  if (count === 0) return;
  const now = performance.now();
  const writes = bench.writes;
  writes.count += count;
  writes.firstAt ??= now;
  writes.lastAt = now;
  layOutAfterWrites();
}

// While the parser builds the page, nodes it adds are the page's own; text changes are Qingdu's
// (a site remembered for doubled text is fixed as it is parsed). From DOMContentLoaded on, the
// bench pages change nothing themselves: every record is Qingdu's.
let parsed = false;
const writeObserver = new MutationObserver((records) => {
  noteWrites(parsed ? records.length : records.filter((record) => record.type !== 'childList').length);
});
writeObserver.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
document.addEventListener('readystatechange', () => {
  if (document.readyState !== 'interactive') return;
  // Records the parser queued before this moment are delivered later: sort them out now.
  noteWrites(writeObserver.takeRecords().filter((record) => record.type !== 'childList').length);
  parsed = true;
});

try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // longtask entries are Chromium-only; the benchmark says so when none arrive
}

function rtInViewport(rt: Element): boolean {
  const box = rt.getBoundingClientRect();
  return box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
}

// The first <rt> that lands inside the viewport: one layout read per batch until found.
const rubyObserver = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (!(node instanceof Element)) continue;
      const rt = node.tagName === 'RT' ? node : node.querySelector('rt');
      if (rt && rtInViewport(rt)) {
        // After the layout that reading the box forced: the ruby is laid out, ready to paint.
        bench.firstVisibleRubyAt = performance.now();
        rubyObserver.disconnect();
        return;
      }
    }
  }
});
rubyObserver.observe(document, { childList: true, subtree: true });

/** Is any reading laid out in the viewport? Looks at a few points across it. */
function readingInViewport(): boolean {
  for (const fy of [0.2, 0.4, 0.6, 0.8]) {
    for (const fx of [0.2, 0.5, 0.8]) {
      for (const element of document.elementsFromPoint(innerWidth * fx, innerHeight * fy)) {
        const rt = element.closest('ruby')?.querySelector('rt');
        if (rt && rtInViewport(rt)) return true;
      }
    }
  }
  return false;
}

Object.defineProperty(window, '__qingduBench', {
  value: Object.assign(bench, {
    resetWrites() {
      bench.writes = emptyWrites();
    },
    probeScroll(y: number) {
      const probe: ScrollProbe = { scrolledAt: performance.now(), rubyAt: null, blankFrames: 0 };
      bench.scroll = probe;
      window.scrollTo(0, y);
      const check = () => {
        if (readingInViewport()) {
          probe.rubyAt = performance.now();
          return;
        }
        probe.blankFrames++;
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
  }),
});
