/**
 * Compact, ASCII-only encoding of a sorted set of code points: each gap to the previous code point
 * is written in base 32, most significant digit first; digits before the last are taken from the
 * upper half of the alphabet. About 1.3 bytes per entry for Han characters, and ASCII survives
 * any bundler's charset setting unescaped.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

export function encodeCodePoints(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  let out = '';
  let prev = 0;
  for (const cp of sorted) {
    let gap = cp - prev;
    prev = cp;
    let digits = ALPHABET[gap & 31] as string;
    gap >>>= 5;
    while (gap > 0) {
      digits = (ALPHABET[32 + (gap & 31)] as string) + digits;
      gap >>>= 5;
    }
    out += digits;
  }
  return out;
}

export function decodeCodePoints(encoded: string): Set<number> {
  const out = new Set<number>();
  let prev = 0;
  let acc = 0;
  for (let i = 0; i < encoded.length; i++) {
    const v = ALPHABET.indexOf(encoded.charAt(i));
    if (v < 0) continue;
    if (v >= 32) {
      acc = (acc << 5) | (v - 32);
    } else {
      prev += (acc << 5) | v;
      acc = 0;
      out.add(prev);
    }
  }
  return out;
}
