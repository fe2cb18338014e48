import type { EvidenceFact, Sensitivity } from './types';

/** A stretch of consecutive doubled groups, with no single (undoubled) glyph between them. */
export interface Chunk {
  /** Doubled runs of text in the chunk. */
  n: number;
  /** Of those, the unexplained ones (see SegmentEvidence.u). */
  u: number;
}

/**
 * Doubled text found outside the segment: none, elsewhere on the page, in an element of the same
 * kind, or elsewhere in the same block. The last two are the strongest.
 */
export type Support = 'none' | 'page' | 'same-kind' | 'same-block';

/** What the segment finder knows about one candidate segment, for one doubling factor. */
export interface SegmentEvidence {
  factor: number;
  /** Doubled runs of text (Han characters, letters of fully doubled words, digits next to them). */
  n: number;
  /** Of those, the unexplained ones: no dictionary word explains them, not a one-letter word, not hex. */
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
  /** The segment opens the block and a blank or punctuation follows it (`人人民民网网讯讯 近日`). */
  leadIn: boolean;
  /**
   * Only a section or page number printed once comes before the segment (`3.2  设设置置`,
   * `1目目录录`, `#4.1　　…`): the block is a numbered heading.
   */
  numbered: boolean;
  /** Only a colon (and blanks or a blank to fill in) follows the segment: a form's label (`姓姓名名：`). */
  label: boolean;
  /**
   * The segment is two doubled Han characters that the dictionary reads as one word doubled: the
   * pair is a word (设置), its AABB form is not (高高兴兴 is), and neither character reduplicates
   * on its own (常常).
   */
  doubledWord: boolean;
  /**
   * At factor 2, every doubled run is a unit of a date or time, and nothing else is doubled: a format written
   * out (年年年年月月日日 for YYYYMMDD, 时时分分秒秒 for hhmmss), not damage.
   */
  dateFormat: boolean;
  /** The segment fills a pair of brackets or quotes printed once (`《光光明明日日报报》`). */
  enclosed: boolean;
  /** Doubled text found outside the segment. */
  support: Support;
}

/** A rule that decides, from the evidence, whether a candidate segment is doubled text. */
export interface SegmentRule {
  name: string;
  /** Does this rule judge segments like this one (e.g. those with Han characters)? */
  covers(evidence: SegmentEvidence): boolean;
  /** The facts that make the segment doubled text, strongest first, or null if they do not. */
  accepts(evidence: SegmentEvidence, sensitivity: Sensitivity): EvidenceFact[] | null;
}

/** Is there a chunk with at least `n` doubled runs of which at least `u` are unexplained? */
export function hasChunk(evidence: SegmentEvidence, n: number, u: number): boolean {
  return evidence.chunks.some((c) => c.n >= n && c.u >= u);
}

/** The most doubled runs in one chunk. */
export function longestChunk(evidence: SegmentEvidence): number {
  let longest = 0;
  for (const c of evidence.chunks) if (c.n > longest) longest = c.n;
  return longest;
}

/** Where the segment stands in its block, as a fact: whole block, lead-in, enclosed, or none. */
export function placeOf(evidence: SegmentEvidence): EvidenceFact | null {
  if (evidence.whole) return 'whole-block';
  if (evidence.leadIn) return 'lead-in';
  if (evidence.enclosed) return 'enclosed';
  return null;
}
