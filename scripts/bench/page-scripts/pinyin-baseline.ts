/**
 * The pinyin baseline: pinyin-pro's `html()` written into each text node that holds Han
 * characters. Benchmark-only page code (never shipped), so it may parse the HTML that `html()`
 * returns; that is exactly what a page using pinyin-pro this way does.
 */
import { html } from 'pinyin-pro';
import type { BaselineRun } from './records';

const HAN = /\p{Script=Han}/u;

function runPinyinBaseline(): BaselineRun {
  const start = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (HAN.test(node.nodeValue ?? '')) nodes.push(node as Text);
  }
  for (const node of nodes) {
    const span = document.createElement('span');
    span.innerHTML = html(node.nodeValue ?? '');
    node.replaceWith(span);
  }
  // Done means laid out, as for the extension (see observer.ts).
  document.documentElement.getBoundingClientRect();
  return { ms: performance.now() - start, changedNodes: nodes.length };
}

window.__qingduBaselines = { ...window.__qingduBaselines, pinyin: runPinyinBaseline };
