/**
 * Injected into every benchmark page before any of its own code (an init script, main world).
 * It records, with `performance.now()`, what the page can see of Qingdu's work: DOMContentLoaded,
 * every change of the feature state attributes on <html> (`working` → `idle`), long tasks and
 * the first pinyin ruby inside the viewport. The benchmark waits on these records, never on sleeps.
 */
import type { BenchRecord, StateMark } from './records';

const WATCHED_ATTRIBUTES = ['data-qingdu', 'data-qingdu-fix', 'data-qingdu-pinyin', 'data-qingdu-conversion'];
/**
 * Reading aids change layout a lot (88,000 <ruby> on the pinyin page), so "done" for them means
 * done and laid out: at their `idle` the observer forces the layout the next frame would do and
 * records when it ended. The baselines are timed the same way.
 */
const LAID_OUT_ATTRIBUTES = new Set(['data-qingdu-pinyin', 'data-qingdu-conversion']);

const bench: BenchRecord = { dcl: null, marks: [], longtasks: [], firstVisibleRubyAt: null };
Object.defineProperty(window, '__qingduBench', { value: bench });

document.addEventListener(
  'DOMContentLoaded',
  () => {
    bench.dcl = performance.now();
  },
  { once: true },
);

new MutationObserver((records) => {
  const now = performance.now();
  const root = document.documentElement;
  // Records carry the old value; a value's successor is the next record's old value (or the
  // current one), so a `working` → `idle` pair within one task is not lost.
  records.forEach((record, i) => {
    if (record.target !== root || !record.attributeName) return;
    const name = record.attributeName;
    const next = records.slice(i + 1).find((r) => r.target === root && r.attributeName === name);
    const value = next ? next.oldValue : root.getAttribute(name);
    const mark: StateMark = { name, value, t: now };
    if (value === 'idle' && !next && LAID_OUT_ATTRIBUTES.has(name)) {
      root.getBoundingClientRect();
      mark.laidOutAt = performance.now();
    }
    bench.marks.push(mark);
  });
}).observe(document, { attributes: true, attributeOldValue: true, subtree: true, attributeFilter: WATCHED_ATTRIBUTES });

try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  // longtask entries are Chromium-only; the benchmark says so when none arrive
}

// The first <rt> that lands inside the viewport: one layout read per batch until found.
const rubyObserver = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (!(node instanceof Element)) continue;
      const rt = node.tagName === 'RT' ? node : node.querySelector('rt');
      if (!rt) continue;
      const box = rt.getBoundingClientRect();
      if (box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth) {
        // After the layout that reading the box forced: the ruby is laid out, ready to paint.
        bench.firstVisibleRubyAt = performance.now();
        rubyObserver.disconnect();
        return;
      }
    }
  }
});
rubyObserver.observe(document, { childList: true, subtree: true });
