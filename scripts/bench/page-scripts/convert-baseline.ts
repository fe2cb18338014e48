/**
 * The conversion baseline: opencc-js's own page converter, `HTMLConverter`, from Simplified
 * (zh-CN) to Taiwan with phrases (`cn` → `twp`, OpenCC's s2twp). Building the converter (its
 * dictionary trie) is timed too, as the extension's on-demand dictionary load is.
 */
import * as OpenCC from 'opencc-js';
import type { BaselineRun } from './records';

function runConvertBaseline(): BaselineRun {
  const start = performance.now();
  const converter = OpenCC.Converter({ from: 'cn', to: 'twp' });
  OpenCC.HTMLConverter(converter, document.documentElement, 'zh-CN', 'zh-TW').convert();
  // Done means laid out, as for the extension (see observer.ts).
  document.documentElement.getBoundingClientRect();
  return { ms: performance.now() - start, changedNodes: -1 };
}

window.__qingduBaselines = { ...window.__qingduBaselines, convert: runConvertBaseline };
