import { classifyCodePoint, isContentClass } from './chars';

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
  return scanDoubledRuns(text, null) || mightBeRepeatedPhrase(text);
}

/**
 * Finds clusters of doubled runs: pushes [start, end) pairs (UTF-16 offsets of the first and last
 * run start in each cluster) onto `out`. With `out === null` it stops at the first cluster.
 */
export function scanDoubledRuns(text: string, out: number[] | null): boolean {
  const n = text.length;
  if (n < 4) return false;
  let found = false;
  let lastRun = -MAX_RUN_GAP - 1;
  let clusterStart = -1;
  let prev = text.charCodeAt(0);
  let inRun = false;
  for (let i = 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === prev) {
      if (inRun) continue;
      inRun = true;
      if (!isContentUnit(c)) continue;
      const at = i - 1;
      if (at - lastRun <= MAX_RUN_GAP) {
        if (out === null) return true;
        found = true;
        if (clusterStart < 0) clusterStart = lastRun;
      } else if (clusterStart >= 0 && out !== null) {
        out.push(clusterStart, lastRun);
        clusterStart = -1;
      }
      lastRun = at;
      continue;
    }
    inRun = false;
    // A repeated astral character (CJK Extension B and beyond) never has two equal units in a row.
    if (c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff) {
      if (text.charCodeAt(i + 1) === prev && text.charCodeAt(i + 2) === c) {
        const at = i - 1;
        if (isContentClass(classifyCodePoint(((prev - 0xd800) << 10) + (c - 0xdc00) + 0x10000))) {
          if (at - lastRun <= MAX_RUN_GAP) {
            if (out === null) return true;
            found = true;
            if (clusterStart < 0) clusterStart = lastRun;
          } else if (clusterStart >= 0 && out !== null) {
            out.push(clusterStart, lastRun);
            clusterStart = -1;
          }
          lastRun = at;
        }
      }
    }
    prev = c;
  }
  if (clusterStart >= 0 && out !== null) out.push(clusterStart, lastRun);
  return found;
}

/** Shortest phrase the repeated-phrase rule ever removes (its most sensitive setting). */
export const MIN_REPEATED_PHRASE = 4;

/**
 * Could the trimmed block be a phrase P followed by at most two separator units and P again?
 * Compares two code units; the rule itself does the real check.
 */
export function mightBeRepeatedPhrase(text: string): boolean {
  let a = 0;
  let b = text.length;
  while (a < b && isBlank(text.charCodeAt(a))) a++;
  while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
  const len = b - a;
  if (len < 2 * MIN_REPEATED_PHRASE) return false;
  const half = a + (len >> 1);
  const first = text.charCodeAt(a);
  return text.charCodeAt(half) === first || text.charCodeAt(half + 1) === first;
}

export function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3000 || c === 0xa0;
}
