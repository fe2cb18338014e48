/**
 * The sentinel: the only script every page gets. It reads the page's text in one native call
 * (`textContent`: no walk, no wrapper object for any node in the extension's world), looks for
 * clusters of doubled runs with the engine's own prefilter scan, and sends the few stretches of
 * text around them to the background, which runs the engine on them off the page's main thread
 * and loads the page pipeline only where there is something to fix (or where the reader has an
 * aid always on). On a page without doubled text that is all Qingdu does there: one read, one
 * scan, one message; then it looks at new content the same way until the pipeline runs or fixing
 * is off.
 *
 * Known limit: text only inside shadow roots is not in `textContent`; the pipeline, once it runs,
 * reads open shadow roots.
 */
import { yieldToPage } from '@/lib/dom/scheduler';
import { getWorldState } from '@/lib/isolated-world';
import type { PageSettings } from '@/lib/messaging';
import { CLASS_HAN, classifyCodePoint } from '@/lib/text/chars';
import { scanDoubledRunsOnce } from '@/lib/text/doubled/prefilter';

/**
 * Text around each cluster sent with it: enough for the engine to judge the cluster with its
 * neighbours (a lead-in before a long paragraph, brackets, a single Latin word).
 */
export const SNIPPET_CONTEXT = 40;
/** Past this many snippets (or this much text), the background loads the pipeline without looking. */
export const SENTINEL_MAX_SNIPPETS = 2000;
export const SENTINEL_MAX_SNIPPET_CHARS = 400_000;

export interface SentinelFindings {
  /** Stretches of the page's text that may hold doubled text, each a cluster with its context. */
  candidates: string[];
  truncated: boolean;
  /** Where the first look's time went (ms), for the benchmark's breakdown. */
  timings?: { read: number; scan: number };
}

export interface SentinelAnswer {
  fixEnabled: boolean;
  /** The background loaded the page pipeline into this frame: the sentinel's job is done. */
  pipeline: boolean;
  /** The frame's settings, handed to the pipeline so it starts without asking again. */
  settings?: PageSettings;
}

export interface SentinelOptions {
  report(findings: SentinelFindings): Promise<SentinelAnswer>;
}

/**
 * A long page's text is scanned in pieces of about this many characters, with a pause between
 * them: the scan of 5 MB of text (1.7 million characters) took over 50 ms in one go.
 */
export const SCAN_PIECE_CHARS = 250_000;

/**
 * Where a piece of the scan may end at or after `at`: after a line break or after a Han character
 * with another character on each side. A cluster of doubled runs never goes across either (the
 * prefilter ends a doubled segment there), and what the scan looks back at stops there too, so the
 * pieces find exactly the clusters the whole text holds. The text's end where there is none.
 */
export function findPieceEnd(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const limit = Math.min(text.length - 1, at + SCAN_PIECE_CHARS);
  const newline = text.indexOf('\n', at);
  if (newline >= 0 && newline < limit) return newline + 1;
  for (let i = Math.max(at, 1); i < limit; i++) {
    const c = text.charCodeAt(i);
    if (
      c >= 0x3400 &&
      text.charCodeAt(i - 1) !== c &&
      text.charCodeAt(i + 1) !== c &&
      classifyCodePoint(c) === CLASS_HAN
    )
      return i + 1;
  }
  return text.length;
}

/** The clusters of doubled runs in `text` ([first run start, last run start] pairs), scanned in pieces with `pause` between. */
export async function scanInPieces(
  text: string,
  pause: () => Promise<void>,
  pieceChars = SCAN_PIECE_CHARS,
): Promise<number[]> {
  const clusters: number[] = [];
  for (let from = 0; from < text.length; ) {
    const to = pieceChars >= text.length - from ? text.length : findPieceEnd(text, from + pieceChars);
    const found: number[] = [];
    scanDoubledRunsOnce(from === 0 && to === text.length ? text : text.slice(from, to), found, 2);
    for (const offset of found) clusters.push(offset + from);
    from = to;
    if (from < text.length) await pause();
  }
  return clusters;
}

/** The stretches of `text` around its clusters of doubled runs (merged where they touch), up to the limits. */
export function findCandidateSnippets(text: string): Pick<SentinelFindings, 'candidates' | 'truncated'> {
  const clusters: number[] = [];
  scanDoubledRunsOnce(text, clusters, 2);
  return snippetsAround(text, clusters);
}

/** The stretches of `text` around `clusters` (see `scanDoubledRunsOnce`), merged where they touch, up to the limits. */
function snippetsAround(text: string, clusters: readonly number[]): Pick<SentinelFindings, 'candidates' | 'truncated'> {
  if (clusters.length === 0) return { candidates: [], truncated: false };
  const candidates: string[] = [];
  let chars = 0;
  let from = -1;
  let to = -1;
  const flush = (): boolean => {
    if (from < 0) return true;
    if (candidates.length >= SENTINEL_MAX_SNIPPETS || chars + (to - from) > SENTINEL_MAX_SNIPPET_CHARS) return false;
    candidates.push(text.slice(from, to));
    chars += to - from;
    return true;
  };
  for (let c = 0; c < clusters.length; c += 2) {
    const start = Math.max(0, (clusters[c] as number) - SNIPPET_CONTEXT);
    // The cluster's last run starts at clusters[c + 1]; runs are at most a few units long.
    const end = Math.min(text.length, (clusters[c + 1] as number) + 8 + SNIPPET_CONTEXT);
    if (from >= 0 && start <= to) {
      to = Math.max(to, end);
      continue;
    }
    if (!flush()) return { candidates, truncated: true };
    from = start;
    to = end;
  }
  if (!flush()) return { candidates, truncated: true };
  return { candidates, truncated: false };
}

/** What may be doubled under `root`: its text read at once, then scanned. */
export function lookAt(root: Node): SentinelFindings {
  const started = performance.now();
  const text = root.textContent ?? '';
  const read = performance.now();
  const found = findCandidateSnippets(text);
  return { ...found, timings: { read: read - started, scan: performance.now() - read } };
}

/**
 * `lookAt` for the first look at a page: a short text is scanned at once (and reported at once:
 * an `about:blank` frame its parent fills next must not be missed), a long one in pieces with
 * `pause` between them (the scan time is the pieces' only).
 */
export function lookAtFirst(root: Node, pause: () => Promise<void>): SentinelFindings | Promise<SentinelFindings> {
  const started = performance.now();
  const text = root.textContent ?? '';
  const read = performance.now();
  if (text.length <= SCAN_PIECE_CHARS) {
    const found = findCandidateSnippets(text);
    return { ...found, timings: { read: read - started, scan: performance.now() - read } };
  }
  return (async () => {
    let paused = 0;
    const clusters = await scanInPieces(text, async () => {
      const before = performance.now();
      await pause();
      paused += performance.now() - before;
    });
    const found = snippetsAround(text, clusters);
    return { ...found, timings: { read: read - started, scan: performance.now() - read - paused } };
  })();
}

export function startSentinel(doc: Document, options: SentinelOptions): { stop(): void } {
  const world = getWorldState();
  let stopped = false;
  let observer: MutationObserver | undefined;
  const pending = new Set<Node>();

  const stop = () => {
    stopped = true;
    observer?.disconnect();
    pending.clear();
  };

  /** Report; keep looking only while fixing is on and the pipeline has not been loaded. */
  const report = async (findings: SentinelFindings): Promise<boolean> => {
    const answer = await options.report(findings).catch(() => undefined);
    if (answer?.settings) world.settings = answer.settings;
    if (!answer?.fixEnabled || answer.pipeline || world.pipeline) {
      stop();
      return false;
    }
    return true;
  };

  /** Look at what the page added or rewrote since the last look (batched per microtask by the observer). */
  const lookAtNewContent = () => {
    if (stopped || world.pipeline) return stop();
    const candidates: string[] = [];
    let truncated = false;
    for (const node of pending) {
      if (!node.isConnected) continue;
      const found = findCandidateSnippets(node.textContent ?? '');
      candidates.push(...found.candidates);
      truncated ||= found.truncated;
    }
    pending.clear();
    if (candidates.length > 0 || truncated) void report({ candidates, truncated });
  };

  const collect = (records: MutationRecord[]) => {
    for (const record of records) {
      // A text node is read with its parent: a run may continue in the next node.
      const nodes = record.type === 'characterData' ? [record.target] : record.addedNodes;
      for (const node of nodes) pending.add(node.nodeType === 3 ? (node.parentNode ?? node) : node);
    }
  };

  const firstLook = async () => {
    if (stopped || world.pipeline) return stop();
    // Watch from the first look on: what the page adds while the background answers (an
    // `about:blank` frame its parent fills at once) is looked at once the answer is in.
    let answered = false;
    const View = doc.defaultView?.MutationObserver ?? MutationObserver;
    observer = new View((records) => {
      collect(records);
      if (answered) lookAtNewContent();
    });
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
    const look = lookAtFirst(doc.body ?? doc, yieldToPage);
    if (!(await report(look instanceof Promise ? await look : look))) return;
    answered = true;
    collect(observer.takeRecords());
    lookAtNewContent();
  };

  // After parsing, in a task of its own: not in the parser's last task (where DOMContentLoaded
  // fires), which on a long page is already the page's longest, and not before its first paint.
  const lookSoon = () => void yieldToPage().then(firstLook);
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', lookSoon, { once: true });
  else void firstLook();
  return { stop };
}
