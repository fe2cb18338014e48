/**
 * Pass on only the latest of a fast stream of values, at most once per interval. A page that
 * rewrites itself a thousand times a second makes the fix feature report "working" and "idle"
 * a thousand times a second; each report is a message to the background. Throttled, the
 * background still gets the first value at once and the last value soon after, never a flood.
 */

/** The timer functions used, replaceable in tests. */
export interface ThrottleTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Status reports from a content script to the background: at most this often. */
export const STATUS_REPORT_INTERVAL_MS = 250;

export interface Throttled<T> {
  (value: T): void;
  /** Send a pending value now (e.g. before the page goes away). */
  flush(): void;
  /** Drop a pending value. */
  cancel(): void;
}

/**
 * Wrap `send` so it runs at most once per `intervalMs`: a value arriving after a quiet interval
 * goes out at once; values arriving sooner wait, and only the latest of them goes out when the
 * interval is over.
 */
export function throttleLatest<T>(
  send: (value: T) => void,
  intervalMs = STATUS_REPORT_INTERVAL_MS,
  timers: ThrottleTimers = REAL_TIMERS,
): Throttled<T> {
  let lastSent = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | undefined;
  let timer: unknown;

  const sendNow = (value: T) => {
    pending = undefined;
    lastSent = timers.now();
    send(value);
  };
  const flush = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (pending) sendNow(pending.value);
  };
  const throttled = ((value: T) => {
    const wait = lastSent + intervalMs - timers.now();
    if (wait <= 0 && timer === undefined) {
      sendNow(value);
      return;
    }
    pending = { value };
    timer ??= timers.setTimeout(flush, Math.max(0, wait));
  }) as Throttled<T>;
  throttled.flush = flush;
  throttled.cancel = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return throttled;
}
