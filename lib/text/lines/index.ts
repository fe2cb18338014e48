/**
 * Column-wrapped lines: finding the runs of lines that a print column broke inside a paragraph.
 * Pure: the DOM side (`lib/dom/line-join.ts`) hands in lines and joins what comes back.
 */
export type {
  LineInput,
  LineJoinOptions,
  LineSeparator,
  RunVerdict,
  WrappedRun,
  WrappedRunCandidate,
  WrappedRunEvidence,
} from './find-wrapped-runs';
export { DEFAULT_MIN_COLUMN_WIDTH, explainWrappedRuns, findWrappedRuns } from './find-wrapped-runs';
export type { LineShape } from './line-shape';
export { endsSentence, measureLine } from './line-shape';
export type { WordCutTest } from './word-cut';
export { createWordCutTest } from './word-cut';
