/**
 * Splits a byte stream into lines in time and memory linear in its size: a line's chunks are kept
 * as they arrive and joined once, when its newline (or the end) arrives. A line longer than
 * `maxLineBytes` is not held at all: it comes out in pieces as they arrive, so the caller can pass
 * it through unchanged.
 */

/** A whole line, without its `\n`; `newline` says whether it had one (the last line may not). */
export interface WholeLine {
  kind: 'line';
  bytes: Buffer;
  newline: boolean;
}

/**
 * A piece of a line longer than the limit: `first` on the piece that crossed it (it holds the
 * start of the line), `last` on the piece that ends the line (then `newline` as for a whole line).
 */
export interface LongLinePiece {
  kind: 'long';
  bytes: Buffer;
  first: boolean;
  last: boolean;
  newline: boolean;
}

export type LineEvent = WholeLine | LongLinePiece;

export async function* readLines(stream: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<LineEvent> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // Inside a line already found too long: its pieces go straight out.
  let inLongLine = false;
  for await (const chunk of stream) {
    let from = 0;
    while (from < chunk.length) {
      const at = chunk.indexOf(0x0a, from);
      const end = at < 0 ? chunk.length : at;
      const piece = chunk.subarray(from, end);
      const newline = at >= 0;
      if (inLongLine) {
        yield { kind: 'long', bytes: piece, first: false, last: newline, newline };
        if (newline) inLongLine = false;
      } else if (pendingBytes + piece.length > maxLineBytes) {
        const bytes = Buffer.concat([...pending, piece]);
        pending = [];
        pendingBytes = 0;
        yield { kind: 'long', bytes, first: true, last: newline, newline };
        inLongLine = !newline;
      } else if (newline) {
        const bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
        pending = [];
        pendingBytes = 0;
        yield { kind: 'line', bytes, newline: true };
      } else {
        pending.push(piece);
        pendingBytes += piece.length;
      }
      from = end + 1;
    }
  }
  if (inLongLine) yield { kind: 'long', bytes: Buffer.alloc(0), first: false, last: true, newline: false };
  else if (pendingBytes > 0) yield { kind: 'line', bytes: Buffer.concat(pending), newline: false };
}
