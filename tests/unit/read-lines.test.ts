import fc from 'fast-check';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type LineEvent, readLines } from '../../scripts/lib/read-lines';

async function* chunked(chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield chunk;
}

async function collect(chunks: Buffer[], maxLineBytes: number): Promise<LineEvent[]> {
  const events: LineEvent[] = [];
  for await (const event of readLines(chunked(chunks), maxLineBytes)) events.push(event);
  return events;
}

/** Cut `bytes` at the given points (any order, duplicates allowed). */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...at, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

describe('readLines (npm run fix)', () => {
  afterEach(() => vi.restoreAllMocks());

  test('gives the same lines however the stream is cut, and they join back to the input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', '新', '\n', '\r', ' '), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 20 }),
        async (units, points, maxLineBytes) => {
          const input = Buffer.from(units.join(''));
          const events = await collect(cut(input, points), maxLineBytes);
          const joined = Buffer.concat(events.flatMap((e) => (e.newline ? [e.bytes, Buffer.from('\n')] : [e.bytes])));
          expect(joined.equals(input)).toBe(true);
          const lines = input.toString('latin1').split('\n');
          if (lines.at(-1) === '') lines.pop();
          const whole = events.filter((e) => e.kind === 'line').map((e) => e.bytes.toString('latin1'));
          expect(whole).toEqual(lines.filter((line) => line.length <= maxLineBytes));
          const longStarts = events.filter((e) => e.kind === 'long' && e.first).length;
          expect(longStarts).toBe(lines.filter((line) => line.length > maxLineBytes).length);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('copies each byte of a long line a bounded number of times (linear, not quadratic)', async () => {
    // 32 MB on one line in 64 KB chunks: joining the pieces once per chunk copies about
    // 8 GB; joining once per line copies the line once.
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const chunks = Array.from({ length: 512 }, () => chunk);
    chunks.push(Buffer.from('\n'));
    let copied = 0;
    const concat = Buffer.concat.bind(Buffer);
    vi.spyOn(Buffer, 'concat').mockImplementation((list, length) => {
      const result = concat(list, length);
      copied += result.length;
      return result;
    });
    const events = await collect(chunks, 64 * 1024 * 1024);
    expect(events).toHaveLength(1);
    expect(events[0]?.bytes.length).toBe(512 * chunk.length);
    expect(copied).toBeLessThanOrEqual(2 * 512 * chunk.length);
  });

  test('a line over the limit is never held: it streams out in pieces', async () => {
    const chunk = Buffer.alloc(1000, 0x61);
    const events = await collect([chunk, chunk, chunk, Buffer.from('\nok\n')], 1500);
    expect(events.map((e) => [e.kind, e.bytes.length, 'first' in e && e.first, 'last' in e && e.last])).toEqual([
      ['long', 2000, true, false],
      ['long', 1000, false, false],
      ['long', 0, false, true],
      ['line', 2, false, false],
    ]);
  });
});
