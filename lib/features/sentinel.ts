/**
 * The sentinel: the only script every page gets. It walks the page into text blocks and keeps the
 * few that may hold doubled text (the engine's own cheap prefilter, which never says no to a block
 * the engine would fix), and sends them to the background, which runs the engine on them off the
 * page's main thread and loads the page pipeline only where there is something to fix (or where
 * the reader has an aid always on). On a page without doubled text that is all Qingdu ever does:
 * one walk and one message, then it looks at new content the same way until the pipeline runs or
 * fixing is off.
 */
import { findBlockContainer, iterateTextBlocks } from '@/lib/dom/text-blocks';
import { getWorldState } from '@/lib/isolated-world';
import { mightContainDoubledText } from '@/lib/text/doubled/prefilter';

/** How many candidate blocks the sentinel sends at most, and how much of their text. */
export const SENTINEL_MAX_CANDIDATES = 24;
export const SENTINEL_MAX_CANDIDATE_CHARS = 12_000;

export interface SentinelFindings {
  candidates: string[];
  truncated: boolean;
}

export interface SentinelOptions {
  /** Tell the background what the page holds; it answers whether it keeps looking (fixing on, no pipeline yet). */
  report(findings: SentinelFindings): Promise<{ fixEnabled: boolean; pipeline: boolean }>;
}

/** The text of blocks under `roots` that may hold doubled text, up to the limits. */
export function findCandidates(roots: Iterable<Node>): SentinelFindings {
  const candidates: string[] = [];
  let chars = 0;
  for (const root of roots) {
    for (const block of iterateTextBlocks(root, { accept: mightContainDoubledText })) {
      if (candidates.length >= SENTINEL_MAX_CANDIDATES || chars + block.text.length > SENTINEL_MAX_CANDIDATE_CHARS) {
        return { candidates, truncated: true };
      }
      candidates.push(block.text);
      chars += block.text.length;
    }
  }
  return { candidates, truncated: false };
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
    if (!answer?.fixEnabled || answer.pipeline || world.pipeline) {
      stop();
      return false;
    }
    return true;
  };

  /** Look at what the page added since the last look (batched per microtask by the observer). */
  const lookAtNewContent = () => {
    if (stopped || world.pipeline) return stop();
    const roots = new Set<Node>();
    for (const node of pending) if (node.isConnected) roots.add(findBlockContainer(node));
    pending.clear();
    const findings = findCandidates(roots);
    if (findings.candidates.length > 0 || findings.truncated) void report(findings);
  };

  const firstLook = async () => {
    if (stopped || world.pipeline) return stop();
    if (!(await report(findCandidates([doc])))) return;
    const View = doc.defaultView?.MutationObserver ?? MutationObserver;
    observer = new View((records) => {
      for (const record of records) {
        if (record.type === 'characterData') pending.add(record.target);
        else for (const node of record.addedNodes) pending.add(node);
      }
      lookAtNewContent();
    });
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
  };

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => void firstLook(), { once: true });
  else void firstLook();
  return { stop };
}
