import { describe, expect, test } from 'vitest';
import { type ThrottleTimers, throttleLatest } from '../../lib/features/throttle-latest';

/** A clock the test moves by hand. */
function manualTimers() {
  let now = 0;
  const due: { at: number; callback: () => void; handle: number }[] = [];
  let next = 1;
  const timers: ThrottleTimers = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const handle = next++;
      due.push({ at: now + ms, callback, handle });
      return handle;
    },
    clearTimeout: (handle) => {
      const i = due.findIndex((d) => d.handle === handle);
      if (i >= 0) due.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (let d = due.find((x) => x.at <= now); d; d = due.find((x) => x.at <= now)) {
      due.splice(due.indexOf(d), 1);
      d.callback();
    }
  };
  return { timers, advance, pending: () => due.length };
}

describe('throttleLatest', () => {
  test('the first value goes out at once', () => {
    const { timers } = manualTimers();
    const sent: number[] = [];
    const report = throttleLatest((v: number) => sent.push(v), 250, timers);
    report(1);
    expect(sent).toEqual([1]);
  });

  test('a flood within one interval sends only the latest, once, when the interval ends', () => {
    const { timers, advance, pending } = manualTimers();
    const sent: number[] = [];
    const report = throttleLatest((v: number) => sent.push(v), 250, timers);
    for (let i = 1; i <= 1000; i++) report(i);
    expect(sent).toEqual([1]);
    expect(pending()).toBe(1);
    advance(249);
    expect(sent).toEqual([1]);
    advance(1);
    expect(sent).toEqual([1, 1000]);
    expect(pending()).toBe(0);
  });

  test('1,000 values a second for 10 seconds make at most 4 sends a second, the last value always sent', () => {
    const { timers, advance } = manualTimers();
    const sent: number[] = [];
    const report = throttleLatest((v: number) => sent.push(v), 250, timers);
    for (let i = 1; i <= 10_000; i++) {
      report(i);
      advance(1);
    }
    advance(250);
    expect(sent.length).toBeLessThanOrEqual(41);
    expect(sent.at(-1)).toBe(10_000);
  });

  test('after a quiet interval a value goes out at once again', () => {
    const { timers, advance } = manualTimers();
    const sent: string[] = [];
    const report = throttleLatest((v: string) => sent.push(v), 250, timers);
    report('working');
    advance(1000);
    report('idle');
    expect(sent).toEqual(['working', 'idle']);
  });

  test('flush sends a pending value now; cancel drops it', () => {
    const { timers, advance } = manualTimers();
    const sent: string[] = [];
    const report = throttleLatest((v: string) => sent.push(v), 250, timers);
    report('a');
    report('b');
    report.flush();
    expect(sent).toEqual(['a', 'b']);
    report('c');
    report.cancel();
    advance(1000);
    expect(sent).toEqual(['a', 'b']);
  });
});
