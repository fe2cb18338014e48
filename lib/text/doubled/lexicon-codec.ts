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
  return new Set(decodeSortedCodePoints(encoded));
}

/** The value of each ALPHABET character by its code, -1 for anything else. */
const DIGIT_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT_VALUES[ALPHABET.charCodeAt(i)] = i;

/** Decodes encodeCodePoints' output into its numbers, ascending. */
export function decodeSortedCodePoints(encoded: string): Int32Array {
  const out = new Int32Array(encoded.length);
  let n = 0;
  let prev = 0;
  let acc = 0;
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    const v = c < 128 ? (DIGIT_VALUES[c] as number) : -1;
    if (v < 0) continue;
    if (v >= 32) {
      acc = (acc << 5) | (v - 32);
    } else {
      prev += (acc << 5) | v;
      acc = 0;
      out[n++] = prev;
    }
  }
  return out.slice(0, n);
}

/** Is `key` in the ascending array `keys`? */
function hasSorted(keys: Int32Array, key: number): boolean {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = keys[mid] as number;
    if (k === key) return true;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Compact encoding of a set of code point pairs (two-character words): the characters used, as
 * above, then each pair as one number (index of the first character × number of characters +
 * index of the second), sorted and gap-encoded the same way. The two parts are joined by a blank.
 */
export function encodeCodePointPairs(pairs: Iterable<readonly [number, number]>): string {
  const list = [...pairs];
  const chars = [...new Set(list.flat())].sort((a, b) => a - b);
  const index = new Map(chars.map((cp, i) => [cp, i]));
  const keys = list.map(([a, b]) => (index.get(a) as number) * chars.length + (index.get(b) as number));
  return `${encodeCodePoints(chars)} ${encodeCodePoints(keys)}`;
}

/** Decodes encodeCodePointPairs' output into a lookup (first, second) → is the pair in the set. */
export function decodeCodePointPairs(encoded: string): (first: number, second: number) => boolean {
  const blank = encoded.indexOf(' ');
  const chars = decodeSortedCodePoints(encoded.slice(0, blank));
  // Index of each character: a flat table for the BMP (looked up on every doubled pair), a map
  // for the few astral characters.
  const bmp = new Int32Array(0x10000).fill(-1);
  const astral = new Map<number, number>();
  chars.forEach((cp, i) => {
    if (cp < 0x10000) bmp[cp] = i;
    else astral.set(cp, i);
  });
  const indexOf = (cp: number) => (cp < 0x10000 ? (bmp[cp] as number) : (astral.get(cp) ?? -1));
  // Looked up by binary search: decoding into a sorted array is fast, building a set is not.
  const keys = decodeSortedCodePoints(encoded.slice(blank + 1));
  const size = chars.length;
  return (first, second) => {
    const a = indexOf(first);
    if (a < 0) return false;
    const b = indexOf(second);
    return b >= 0 && hasSorted(keys, a * size + b);
  };
}

/** Decodes encodeCodePointPairs' output of a map (each first code point once) into the map. */
export function decodeCodePointMap(encoded: string): Map<number, number> {
  const blank = encoded.indexOf(' ');
  const chars = decodeSortedCodePoints(encoded.slice(0, blank));
  const map = new Map<number, number>();
  for (const key of decodeSortedCodePoints(encoded.slice(blank + 1))) {
    map.set(chars[Math.floor(key / chars.length)] as number, chars[key % chars.length] as number);
  }
  return map;
}
