/**
 * Big pages in small slices: work through a (lazy) list of items, giving the main thread back to
 * the page whenever a slice has used its time budget, so Qingdu never causes a long task.
 */

/** Time one slice may run before yielding (well under the 50 ms that counts as a long task). */
export const DEFAULT_CHUNK_BUDGET_MS = 10;

interface SchedulerWithYield {
  yield?: () => Promise<void>;
}

/**
 * Let the page run (input, rendering, its own scripts) and continue soon after. Uses
 * `scheduler.yield()` where it exists (continuations run before other queued tasks), else a
 * zero-delay timeout.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerWithYield }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resume) => setTimeout(resume, 0));
}

export interface ChunkedOptions {
  budgetMs?: number;
  signal?: AbortSignal;
  /** Clock, replaceable in tests. */
  now?: () => number;
}

/**
 * Run `work` on each item of `items` (pulled lazily, so a generator that walks the DOM is only
 * advanced as far as the current slice), yielding to the page after every `budgetMs`. Resolves to
 * `true` when all items were done, `false` if `signal` aborted first. The first slice runs
 * synchronously, before `runChunked` returns its promise.
 */
export async function runChunked<T>(
  items: Iterable<T>,
  work: (item: T) => void,
  options: ChunkedOptions = {},
): Promise<boolean> {
  const budget = options.budgetMs ?? DEFAULT_CHUNK_BUDGET_MS;
  const now = options.now ?? (() => performance.now());
  const iterator = items[Symbol.iterator]();
  let sliceStart = now();
  while (true) {
    if (options.signal?.aborted) return false;
    const next = iterator.next();
    if (next.done) return true;
    work(next.value);
    if (now() - sliceStart >= budget) {
      await yieldToPage();
      sliceStart = now();
    }
  }
}
