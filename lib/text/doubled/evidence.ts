import type { Sensitivity } from './types';

/** A stretch of consecutive doubled groups, with no single (undoubled) glyph between them. */
export interface Chunk {
  /** Doubled runs of text in the chunk. */
  n: number;
  /** Of those, the ones no dictionary word or ordinary spelling explains. */
  u: number;
}

/** What the segment finder knows about one candidate segment, for one doubling factor. */
export interface SegmentEvidence {
  factor: number;
  /** Doubled runs of text (Han characters, letters of fully doubled words, digits next to them). */
  n: number;
  /** Of those, the unexplained ones: not a reduplicable character, not a one-letter word, not hex. */
  u: number;
  /** Doubled Han runs among `n`. */
  han: number;
  /** Doubled commas, colons, quotes and brackets (`，，`, `““`): rare in real text. */
  strongPunct: number;
  /** Latin words of two or more letters in which every letter is doubled (`TThhee`). */
  latinWords: number;
  /** Letters in the longest such word. */
  longestLatinWord: number;
  chunks: Chunk[];
  /** The segment is the whole block, give or take blanks, punctuation, digits and one first glyph. */
  whole: boolean;
}

/** A rule that decides, from the evidence, whether a candidate segment is doubled text. */
export interface SegmentRule {
  name: string;
  /** Does this rule judge segments like this one (e.g. those with Han characters)? */
  covers(evidence: SegmentEvidence): boolean;
  accepts(evidence: SegmentEvidence, sensitivity: Sensitivity): boolean;
}

/** Is there a chunk with at least `n` doubled runs of which at least `u` are unexplained? */
export function hasChunk(evidence: SegmentEvidence, n: number, u: number): boolean {
  return evidence.chunks.some((c) => c.n >= n && c.u >= u);
}
