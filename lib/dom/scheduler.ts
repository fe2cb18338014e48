/**
 * Cooperative scheduling: big pages are done in slices that give the main thread back to the page
 * (input, rendering, its own scripts), so Qingdu never causes a long task.
 */

/**
 * Time one slice may run before yielding: well under the 50 ms that counts as a long task, with
 * room for the style and layout work the slice's writes cause afterwards.
 */
export const DEFAULT_SLICE_MS = 8;

interface PageScheduler {
  postTask?: (task: () => void, options?: { priority?: string }) => Promise<void>;
}

interface InputPendingNavigator {
  scheduling?: { isInputPending?: (options?: { includeContinuous?: boolean }) => boolean };
}

/**
 * Let the page run and continue soon after, behind whatever the page has queued: its timers,
 * network callbacks and messages run before the next slice, not only input and rendering.
 * `scheduler.postTask` at the page's own priority where the browser has it (not throttled like
 * timers are in background tabs), else a zero-delay timeout. Not `scheduler.yield()`: its
 * continuation runs ahead of the page's queued tasks, so while Qingdu had work (seconds on a page
 * of 200,000 text nodes) a timer of the page's never fired (tests/e2e/hostile-pages.e2e.ts).
 *
 * `'user-blocking'` is for work that must keep pace with the HTML parser: at the page's own
 * priority, a continuation waits until a long page is parsed (Chromium runs the parser first).
 */
export function yieldToPage(priority: 'user-visible' | 'user-blocking' = 'user-visible'): Promise<void> {
  const scheduler = (globalThis as { scheduler?: PageScheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined, { priority });
  return new Promise((resume) => setTimeout(resume, 0));
}

/** Is the reader pressing a key or clicking right now (where the browser can tell)? */
export function isInputPending(): boolean {
  const navigator = (globalThis as { navigator?: InputPendingNavigator }).navigator;
  return navigator?.scheduling?.isInputPending?.() === true;
}

/** `isInputPending`, its browser function looked up once (a slice asks after every block). */
function findInputPending(): () => boolean {
  const scheduling = (globalThis as { navigator?: InputPendingNavigator }).navigator?.scheduling;
  const ask = scheduling?.isInputPending;
  return typeof ask === 'function' ? () => ask.call(scheduling) === true : () => false;
}

export interface SliceClock {
  /** Time one slice may run. */
  budgetMs?: number;
  /** Clock, replaceable in tests. */
  now?: () => number;
}

/** Decides when a slice is over: its budget is used up, or input is waiting. */
export function createSliceTimer(options: SliceClock = {}): { start(): void; isOver(): boolean } {
  const budget = options.budgetMs ?? DEFAULT_SLICE_MS;
  const now = options.now ?? (() => performance.now());
  const inputPending = findInputPending();
  let started = now();
  return {
    start() {
      started = now();
    },
    isOver: () => now() - started >= budget || inputPending(),
  };
}

export interface ChunkedOptions extends SliceClock {
  signal?: AbortSignal;
}

/**
 * Run `work` on each item of `items` (pulled lazily, so a generator that walks the DOM is only
 * advanced as far as the current slice), yielding to the page whenever a slice is over. Resolves
 * to `true` when all items were done, `false` if `signal` aborted first. The first slice runs
 * synchronously, before `runChunked` returns its promise.
 */
export async function runChunked<T>(
  items: Iterable<T>,
  work: (item: T) => void,
  options: ChunkedOptions = {},
): Promise<boolean> {
  const slice = createSliceTimer(options);
  const iterator = items[Symbol.iterator]();
  while (true) {
    if (options.signal?.aborted) return false;
    const next = iterator.next();
    if (next.done) return true;
    work(next.value);
    if (slice.isOver()) {
      await yieldToPage();
      slice.start();
    }
  }
}
