/**
 * The text engine's public types. Pure data: the DOM layer maps edits back onto text nodes,
 * the options page lists them, the command line tool prints them.
 */

/** Doubling factors the engine can repair: each glyph printed 2, 3 or 4 times. */
export type DoublingFactor = 2 | 3 | 4;

/** How much evidence the engine wants before it changes text. Conservative is the default. */
export type Sensitivity = 'conservative' | 'balanced' | 'aggressive';

/** One change to the input. Offsets are UTF-16 code unit offsets into the *input* string. */
export interface TextEdit {
  /** Name of the rule that made the change (one rule module per name). */
  rule: string;
  /** The doubling factor the rule repaired (1 for rules that are not about doubling). */
  factor: number;
  start: number;
  end: number;
  /** `input.slice(start, end)`. */
  original: string;
  /** What replaces it; for doubled-text rules always a subsequence of `original`. */
  replacement: string;
  /** Why: the evidence that decided (set by the engine's rules; other producers may leave it out). */
  because?: EditEvidence;
}

/**
 * One fact that can decide an edit, for a tooltip or `npm run fix -- --explain`:
 * - `chain`: a long unbroken chain of doubled runs;
 * - `unexplained`: enough of the doubled runs are ones no dictionary word explains (常常, 高高兴兴
 *   and 足球|球场 are explained);
 * - `punctuation`: doubled commas, quotes or brackets (`，，`, `““`), which real text almost never has;
 * - `whole-block`: the doubled text is the whole block (a headline, a table cell);
 * - `lead-in`: it opens the block and a blank or punctuation ends it (`人人民民网网讯讯 近日，……`);
 * - `enclosed`: it fills a pair of brackets or quotes printed once (`《光光明明日日报报》`);
 * - `same-block`: the block holds other doubled text;
 * - `page`, `same-kind`: the page has confirmed doubled text, or an element of the same kind has
 *   (FixOptions.pageEvidence);
 * - `latin-words`: Latin words with every letter doubled;
 * - `repeated-phrase`: the block is one phrase printed twice.
 */
export type EvidenceFact =
  | 'chain'
  | 'unexplained'
  | 'punctuation'
  | 'whole-block'
  | 'lead-in'
  | 'enclosed'
  | 'same-block'
  | 'page'
  | 'same-kind'
  | 'latin-words'
  | 'repeated-phrase';

/** The evidence behind one edit. */
export interface EditEvidence {
  /** Doubled runs of text in the segment the edit belongs to. */
  runs: number;
  /** Of those, the ones no dictionary word explains. */
  unexplained: number;
  /** The most doubled runs in a row with no single glyph between them. */
  chain: number;
  /** The facts that decided, strongest first. */
  facts: readonly EvidenceFact[];
}

/**
 * What the rest of the page says, from the page pipeline: `none` (the default) judges the block
 * alone; `page` when other blocks of the page held doubled text the engine repaired (a printed
 * edition); `same-kind` when an element of the same kind (same tag and class: another headline,
 * another table-of-contents entry) did. Each lowers the evidence a block needs, never to nothing.
 */
export type PageEvidence = 'none' | 'page' | 'same-kind';

/** The repaired text and every edit that produced it, sorted by `start`, never overlapping. */
export interface FixResult {
  text: string;
  edits: TextEdit[];
}

export interface FixOptions {
  sensitivity?: Sensitivity;
  /** Which factors to repair; all three by default. */
  factors?: readonly DoublingFactor[];
  /** Repair doubled Latin text (`TThhee`) as well as Chinese; on by default. */
  latin?: boolean;
  /** Turn individual rules off by name. */
  disabledRules?: readonly string[];
  /** Doubled text found elsewhere on the page; `none` by default. */
  pageEvidence?: PageEvidence;
}
