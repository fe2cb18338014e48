/** Summary statistics for benchmark samples: the median and its spread, never a mean. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation between closest ranks). */
  q1: number;
  q3: number;
  runs: number;
}

/** The q-quantile (0 ≤ q ≤ 1) of already sorted numbers. */
export function findQuantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (position - low);
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  if (samples.some((s) => !Number.isFinite(s))) throw new Error(`non-finite sample in ${samples.join(', ')}`);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: findQuantile(sorted, 0.5),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    q1: findQuantile(sorted, 0.25),
    q3: findQuantile(sorted, 0.75),
    runs: sorted.length,
  };
}
