/**
 * Page script for `scripts/bench/line-join.ts`: times the line join's detector against a bare
 * walk of the same page, in the page. Bundled with esbuild; never shipped.
 */
import { findLineJoinRuns, LineJoiner } from '../../../lib/dom/line-join';
import { collectTextBlocks, type TextBlock } from '../../../lib/dom/text-blocks';

/** Set a paragraph in a print column of `width` em, the way the sample page shows it: one `<br>` line each. */
function wrapParagraphs(width: number): number {
  let wrapped = 0;
  for (const p of [...document.querySelectorAll('p')]) {
    const text = p.textContent ?? '';
    const lines: string[] = [];
    let line = '';
    for (const char of text) {
      if (line.length >= width && !'，。、；：？！”）》'.includes(char)) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
    if (line) lines.push(line);
    p.textContent = '';
    lines.forEach((l, i) => {
      if (i > 0) p.append(document.createElement('br'), '\n');
      p.append(l);
    });
    wrapped++;
  }
  return wrapped;
}

function scanCharCodes(blocks: readonly TextBlock[]): number {
  let hash = 0;
  for (const block of blocks) {
    const text = block.text;
    for (let i = 0; i < text.length; i++) hash = (hash + text.charCodeAt(i)) | 0;
  }
  return hash;
}

export interface LineJoinTimings {
  blocks: number;
  walkMs: number;
  /** The first call in the page: code not yet optimised, as on a page load. */
  detectColdMs: number;
  /** Later calls over the same blocks (median of `REPEATS`), beside the scan timed the same way. */
  detectMs: number;
  scanMs: number;
  runs: number;
  joinMs: number;
  restoreMs: number;
}

const REPEATS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function measure(): LineJoinTimings {
  let t = performance.now();
  const blocks = collectTextBlocks(document.body);
  const walkMs = performance.now() - t;
  t = performance.now();
  let runs = findLineJoinRuns(blocks);
  const detectColdMs = performance.now() - t;
  const detect: number[] = [];
  const scan: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    t = performance.now();
    scanCharCodes(blocks);
    scan.push(performance.now() - t);
    t = performance.now();
    runs = findLineJoinRuns(blocks);
    detect.push(performance.now() - t);
  }
  const joiner = new LineJoiner(document);
  t = performance.now();
  joiner.join(runs);
  document.body.offsetHeight; // the join's layout, forced
  const joinMs = performance.now() - t;
  t = performance.now();
  joiner.restoreAll();
  document.body.offsetHeight;
  const restoreMs = performance.now() - t;
  return {
    blocks: blocks.length,
    walkMs,
    detectColdMs,
    detectMs: median(detect),
    scanMs: median(scan),
    runs: runs.length,
    joinMs,
    restoreMs,
  };
}

(globalThis as { qingduLineJoinBench?: object }).qingduLineJoinBench = { wrapParagraphs, measure };
