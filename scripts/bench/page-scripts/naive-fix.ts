/**
 * The naive baseline: at DOMContentLoaded, collapse every `(.)\1` in every text node with a
 * TreeWalker. Fast and wrong (it also breaks 常常, 高高兴兴, 2011年11月11日): the speed floor a
 * reader could get from a one-line user script. Injected into pages without the extension.
 */
import type { BenchRecord } from './records';

const DOUBLED = /(.)\1/g;

document.addEventListener(
  'DOMContentLoaded',
  () => {
    const start = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let changedNodes = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      const fixed = text.replace(DOUBLED, '$1');
      if (fixed !== text) {
        node.nodeValue = fixed;
        changedNodes++;
      }
    }
    const end = performance.now();
    const bench = (window as { __qingduBench?: BenchRecord }).__qingduBench;
    if (bench) bench.naive = { start, end, changedNodes };
  },
  { once: true },
);
