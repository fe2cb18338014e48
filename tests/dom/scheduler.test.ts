import { describe, expect, test } from 'vitest';
import { runChunked } from '../../lib/dom/scheduler';

describe('runChunked', () => {
  test('does every item, yielding to the page whenever a slice uses its budget', async () => {
    let clock = 0;
    const done: number[] = [];
    const promise = runChunked(
      [1, 2, 3, 4, 5, 6, 7],
      (item) => {
        done.push(item);
        clock += 4; // each item "takes" 4 ms
      },
      { budgetMs: 10, now: () => clock },
    );
    // The first slice runs synchronously: three items (12 ms) pass the 10 ms budget.
    expect(done).toEqual([1, 2, 3]);
    expect(await promise).toBe(true);
    expect(done).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test('pulls a generator lazily and stops when the signal aborts', async () => {
    const controller = new AbortController();
    let clock = 0;
    let pulled = 0;
    function* items() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield i;
      }
    }
    const promise = runChunked(
      items(),
      () => {
        clock += 5;
      },
      { budgetMs: 10, now: () => clock, signal: controller.signal },
    );
    expect(pulled).toBe(2);
    controller.abort();
    expect(await promise).toBe(false);
    expect(pulled).toBe(2);
  });
});
