/**
 * The sentinel: the only script every page gets. It looks for text that may be doubled (the
 * engine's own prefilter over the page's text blocks) and tells the background what it found; the
 * background loads the page pipeline where there is something to fix (or where the reader has an
 * aid always on). On a page without doubled text that is all Qingdu ever does there: one walk and
 * one message, then it watches new content the same way until fixing is off or the pipeline runs.
 */
import { findBlockContainer, iterateTextBlocks } from '@/lib/dom/text-blocks';
import { getWorldState } from '@/lib/isolated-world';
import { mightContainDoubledText } from '@/lib/text/doubled/prefilter';

export interface SentinelOptions {
  /** Tell the background what the page holds; it answers whether fixing is on for this page. */
  report(candidate: boolean): Promise<{ fixEnabled: boolean }>;
}

/** Is there a block under `root` that may hold doubled text? Stops at the first one. */
export function findCandidate(root: Node): boolean {
  for (const _ of iterateTextBlocks(root, { accept: mightContainDoubledText })) return true;
  return false;
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

  const report = (candidate: boolean) =>
    options.report(candidate).then(
      (answer) => answer,
      () => undefined,
    );

  /** Look at what the page added since the last look (batched per microtask by the observer). */
  const scanAdded = () => {
    if (stopped || world.pipeline) return stop();
    const roots = [...pending];
    pending.clear();
    for (const root of roots) {
      if (!root.isConnected || !findCandidate(findBlockContainer(root))) continue;
      stop();
      void report(true);
      return;
    }
  };

  const collect = (records: MutationRecord[]) => {
    for (const record of records) {
      if (record.type === 'characterData') pending.add(record.target);
      else for (const node of record.addedNodes) pending.add(node);
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
      if (answered) scanAdded();
    });
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
    const candidate = findCandidate(doc);
    const answer = await report(candidate);
    // A candidate: the background loads the pipeline, which follows the page from now on.
    if (!answer || candidate || !answer.fixEnabled || world.pipeline) return stop();
    answered = true;
    collect(observer.takeRecords());
    scanAdded();
  };

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => void firstLook(), { once: true });
  else void firstLook();
  return { stop };
}
