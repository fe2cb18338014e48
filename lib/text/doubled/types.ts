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
}

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
}
