import { CLASS_HAN, classifyCodePoint, isContentClass } from '../chars';

/**
 * Largest distance, in UTF-16 code units, between the starts of two consecutive doubled runs of
 * text (Han, Latin, digits) that can belong to one doubled segment. The segment finder enforces
 * the same limit, which is what makes the prefilter safe: if it says no, no rule can fire.
 */
export const MAX_RUN_GAP = 32;

/** Is the code unit `c` (the first unit of a repeat) text rather than punctuation or space? */
function isContentUnit(c: number): boolean {
  return isContentClass(classifyCodePoint(c));
}

/**
 * Cheap first look at a block: true when two doubled runs of text start within MAX_RUN_GAP of
 * each other (or the block might be one phrase printed twice). One pass of charCodeAt
 * comparisons; clean prose with the odd 常常 or 工作作为 answers false.
 */
export function mightContainDoubledText(text: string): boolean {
  return scanDoubledRuns(text, null, 2) || mightBeRepeatedPhrase(text);
}

// Scanner state, kept outside scanDoubledRuns so that its loop stays tiny and fast.
let lastRun = 0;
let lastRunEnd = 0;
let clusterStart = 0;
let runs = 0;
let found = false;

/**
 * Finds clusters of doubled runs of text: runs whose starts are at most MAX_RUN_GAP apart on one
 * line (a run of three or more of one Han character counts twice). Pushes [first run start, last run start] of every cluster with at least `minRuns` runs
 * onto `out`; with `out === null` it stops as soon as it knows there is one. Returns whether there
 * was one.
 */
export function scanDoubledRuns(text: string, out: number[] | null, minRuns: number): boolean {
  const n = text.length;
  if (n < 4) return false;
  startScan();
  let prev = text.charCodeAt(0);
  let i = 1;
  // Two units a turn (fewer loop checks on the common path). Rare: a repeated unit, or a low
  // surrogate (an astral character might repeat); each is then looked at in order.
  for (; i + 1 < n; i += 2) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if (a === prev || b === a || (a & 0xfc00) === 0xdc00 || (b & 0xfc00) === 0xdc00) {
      if ((a === prev || (a & 0xfc00) === 0xdc00) && noteRepeat(text, i, a, prev, out, minRuns)) return true;
      if ((b === a || (b & 0xfc00) === 0xdc00) && noteRepeat(text, i + 1, b, a, out, minRuns)) return true;
    }
    prev = b;
  }
  if (i < n) {
    const c = text.charCodeAt(i);
    if ((c === prev || (c & 0xfc00) === 0xdc00) && noteRepeat(text, i, c, prev, out, minRuns)) return true;
  }
  return endScan(out, minRuns);
}

function startScan(): void {
  lastRun = -MAX_RUN_GAP - 1;
  lastRunEnd = 0;
  clusterStart = -1;
  runs = 0;
  found = false;
}

/** The last cluster, if it has enough runs; whether any cluster had. */
function endScan(out: number[] | null, minRuns: number): boolean {
  if (runs >= minRuns) {
    found = true;
    if (out !== null) out.push(clusterStart, lastRun);
  }
  return found;
}

/**
 * Where `scanDoubledRuns` looks closer: a unit equal to the next one, or a low surrogate. A match
 * takes both units of a repeat, so "aaa" reports its first repeat only: the loop would look at the
 * second for nothing (a run is noted at its first repeat).
 */
const REPEAT_OR_LOW_SURROGATE = /([\s\S])\1|[\uDC00-\uDFFF]/g;

/**
 * `scanDoubledRuns`, exactly (same clusters, same answer), with the browser's compiled regular
 * expression finding the rare units worth a closer look. For a long text scanned once, such as a
 * page's first look: there the loop above runs before it is optimised (about 11 ms for the
 * 345,000 characters of the bench's clean 1 MB page in Chromium, against about 1 ms for this).
 */
export function scanDoubledRunsOnce(text: string, out: number[] | null, minRuns: number): boolean {
  if (text.length < 4) return false;
  startScan();
  const repeats = REPEAT_OR_LOW_SURROGATE;
  repeats.lastIndex = 0;
  // Each unit the loop would look at, in order. The two alternatives differ only on a repeated
  // low surrogate (reported twice, or passed over), which is not text: noteRepeat ignores it.
  for (let match = repeats.exec(text); match !== null; match = repeats.exec(text)) {
    const i = match[1] !== undefined ? match.index + 1 : match.index;
    if (i >= 1 && noteRepeat(text, i, text.charCodeAt(i), text.charCodeAt(i - 1), out, minRuns)) return true;
  }
  return endScan(out, minRuns);
}

/** Records a doubled run starting at i - 1, if it is one; true when the scan can stop. */
function noteRepeat(text: string, i: number, c: number, prev: number, out: number[] | null, minRuns: number): boolean {
  if (c === prev) {
    // Only the first repeat of a run, and only of text (not punctuation, blanks, dashes).
    if (text.charCodeAt(i - 2) === c || !isContentUnit(c)) return false;
    // A letter or digit printed once right before it (`committee`, `2011`): the word or number is
    // judged whole by the engine, and one that is not doubled throughout is never evidence.
    if (c < 0x80 && isSingleTokenUnitBefore(text, i - 1)) return false;
  } else {
    // A repeated astral character (CJK Extension B and beyond) is high, low, high, low.
    if ((prev & 0xfc00) !== 0xd800 || text.charCodeAt(i + 1) !== prev || text.charCodeAt(i + 2) !== c) return false;
    if (!isContentClass(classifyCodePoint(((prev - 0xd800) << 10) + (c - 0xdc00) + 0x10000))) return false;
  }
  const at = i - 1;
  if (at - lastRun > MAX_RUN_GAP || breaksSegment(text, lastRunEnd, at)) {
    if (runs >= minRuns) {
      found = true;
      out?.push(clusterStart, lastRun);
    }
    clusterStart = at;
    runs = 0;
  }
  runs++;
  lastRun = at;
  // Where the run ends: the next unit that is not the repeated one.
  let end = i + 1;
  if (c === prev) {
    while (end < text.length && text.charCodeAt(end) === c) end++;
    // Three or more of one Han character weigh two runs: two such runs make a heading at factor 3
    // or 4 (`要要要要闻闻闻闻`).
    if (end - at >= 3 && c >= 0x3400 && classifyCodePoint(c) === CLASS_HAN) runs++;
  } else {
    end++;
    while (end + 1 < text.length && text.charCodeAt(end) === prev && text.charCodeAt(end + 1) === c) end += 2;
  }
  lastRunEnd = end;
  return out === null && runs >= minRuns;
}

/**
 * Is there an ASCII letter or digit printed once in the word or number that ends right before
 * `at` (`committee`, `bookkeeper`, `2011`)? A doubled ligature (`fifi`, `flfl`) is a doubled unit.
 */
function isSingleTokenUnitBefore(text: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && isAsciiTokenUnit(text.charCodeAt(j))) {
    const c = text.charCodeAt(j);
    let k = j - 1;
    while (k >= 0 && text.charCodeAt(k) === c) k--;
    if (j - k >= 2) {
      j = k;
      continue;
    }
    const ligature = doubledLigatureEndingAt(text, j);
    if (ligature === 0) return true;
    j -= ligature;
  }
  return false;
}

function isAsciiTokenUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

const LIGATURE_PAIRS = ['ffiffi', 'fflffl', 'fifi', 'flfl'];

/** The length of a ligature spelled twice (`fifi`) ending at text[j], or 0. */
function doubledLigatureEndingAt(text: string, j: number): number {
  for (const pair of LIGATURE_PAIRS) if (text.startsWith(pair, j + 1 - pair.length)) return pair.length;
  return 0;
}

/**
 * Does text[from, to), the gap between two doubled runs, end a doubled segment? A line break
 * does, and so does a Han character (a single one: a doubled one would be a run).
 */
function breaksSegment(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c >= 0x3400 && classifyCodePoint(c) === CLASS_HAN)) return true;
  }
  return false;
}

/** Shortest phrase the repeated-phrase rule ever removes (its most sensitive setting). */
export const MIN_REPEATED_PHRASE = 4;

/**
 * Could the trimmed block be a phrase P followed by at most two separator units and P again?
 * Compares P's first two code units with where the second copy would start; the rule itself does
 * the real check.
 */
export function mightBeRepeatedPhrase(text: string): boolean {
  let a = 0;
  let b = text.length;
  while (a < b && isBlank(text.charCodeAt(a))) a++;
  while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
  const len = b - a;
  if (len < 2 * MIN_REPEATED_PHRASE) return false;
  // The second copy starts at the middle (no separator) or one past it (one or two).
  const half = a + (len >> 1);
  const first = text.charCodeAt(a);
  const second = text.charCodeAt(a + 1);
  return (
    (text.charCodeAt(half) === first && text.charCodeAt(half + 1) === second) ||
    (text.charCodeAt(half + 1) === first && text.charCodeAt(half + 2) === second)
  );
}

export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3000 || c === 0xa0;
}
