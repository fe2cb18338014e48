/** Precision and recall of the detector over cases, counted per break between two lines. */
import { findWrappedRuns, type LineJoinOptions } from '../../../lib/text/lines';
import { breaksInside, linesOfText, readJoined, type WrappedLinesCase } from './cases';

export interface CaseResult {
  case: WrappedLinesCase;
  actual: string[];
  /** Breaks joined that are inside an expected paragraph. */
  truePositives: number;
  /** Breaks joined that are not. */
  falsePositives: number;
  /** Breaks inside an expected paragraph left alone. */
  falseNegatives: number;
}

export interface Score {
  cases: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  results: CaseResult[];
}

export function scoreCase(c: WrappedLinesCase, options?: LineJoinOptions): CaseResult {
  const lines = linesOfText(c.text);
  const runs = findWrappedRuns(lines, options);
  const actual = readJoined(lines, runs);
  const wanted = breaksInside(lines, c.expected);
  const joined = breaksInside(lines, actual);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  wanted.forEach((inside, i) => {
    if (joined[i] && inside) truePositives++;
    else if (joined[i]) falsePositives++;
    else if (inside) falseNegatives++;
  });
  return { case: c, actual, truePositives, falsePositives, falseNegatives };
}

export function scoreCases(cases: readonly WrappedLinesCase[], options?: LineJoinOptions): Score {
  const results = cases.map((c) => scoreCase(c, options));
  const sum = (key: 'truePositives' | 'falsePositives' | 'falseNegatives') =>
    results.reduce((total, r) => total + r[key], 0);
  const truePositives = sum('truePositives');
  const falsePositives = sum('falsePositives');
  const falseNegatives = sum('falseNegatives');
  return {
    cases: cases.length,
    truePositives,
    falsePositives,
    falseNegatives,
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    recall: truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives),
    results,
  };
}
