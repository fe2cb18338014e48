/**
 * Find the runs of lines that a print column broke: consecutive lines of one paragraph, cut every
 * N characters wherever the column was full, even inside a word. Pure: the DOM side hands in the
 * lines of one sequence of sibling blocks (or of `<br>`-separated lines) and joins what comes back.
 *
 * A false join is worse than a miss, so a run must show all of:
 * - one column: every line but the last as wide as the others (within an em of print's
 *   punctuation compression and line-end adjustment; the first may be indented two em), the last
 *   no wider, and a column at least `minColumnWidth` em wide;
 * - one paragraph: no line before the last ends a sentence, no line after the first opens a
 *   paragraph (indent, list marker, `标签：`);
 * - prose, not verse or a list: most lines end in the middle of a sentence (on a character, not
 *   on punctuation), the last line ends one or a clause (`：`, `；`: verse shown without its end
 *   punctuation never does),
 *   punctuation inside the lines but not at the same places line after line (a caesura), and at
 *   least one break that cuts a word.
 * Poems end every line on punctuation or use none, lyrics and headlines break between words,
 * lists, menus and addresses are neither one width nor prose.
 */
import { type LineShape, measureLine } from './line-shape';
import { createWordCutTest, type WordCutTest } from './word-cut';

/** How a line is separated from the line before it on the page. */
export type LineSeparator = 'br' | 'block';

export interface LineInput {
  /** The line's text as the page shows it. */
  readonly text: string;
  /**
   * How it is separated from the previous line (`<br>` or a sibling block); unused for the first.
   * Both join alike today (the sample page mixes them within one paragraph); it is carried so an
   * explanation can say which, and a later rule can weigh them.
   */
  readonly separator?: LineSeparator;
}

export interface LineJoinOptions {
  /** Narrowest column that counts, in em. Default `DEFAULT_MIN_COLUMN_WIDTH`. */
  readonly minColumnWidth?: number;
  /** The word-cut test; default `createWordCutTest()` (Intl.Segmenter). */
  readonly isWordCut?: WordCutTest;
}

/** Why a candidate run was joined or left alone. */
export type RunVerdict =
  | 'joined'
  | 'narrow-column'
  | 'not-chinese'
  | 'closed-line-ends'
  | 'unfinished'
  | 'no-inner-punctuation'
  | 'verse'
  | 'no-word-cut';

export interface WrappedRunEvidence {
  /** The column width the run's lines share, in em. */
  readonly columnWidth: number;
  /** Breaks between the run's lines (lines − 1). */
  readonly breaks: number;
  /** Breaks after a line that ends on a character or number. */
  readonly openBreaks: number;
  /**
   * Does a break fall inside a word, inside a bracket or quote (`（今屬` | `河北）`), or between a
   * number and its unit (`385` | `亿元`)? Asked last (the word segmenter is the costly test), and
   * only until the first such break is found.
   */
  readonly cutsWord: boolean;
  /** Punctuation inside the lines (not at their ends). */
  readonly innerPunctuation: number;
  /** Han characters among the visible ones. */
  readonly hanRatio: number;
}

/** A candidate paragraph of two or more lines, with the verdict and the evidence behind it. */
export interface WrappedRunCandidate {
  /** Index of the run's first line. */
  readonly start: number;
  /** Index after its last line. */
  readonly end: number;
  readonly verdict: RunVerdict;
  readonly evidence: WrappedRunEvidence;
}

/** A run to join: lines `start` to `end - 1` are one paragraph. */
export interface WrappedRun extends WrappedRunCandidate {
  readonly verdict: 'joined';
}

export const DEFAULT_MIN_COLUMN_WIDTH = 6;
/** A line may be this much wider than the column (a hanging or squeezed-in punctuation mark). */
const OVERFLOW_EM = 0.5;
/** …or this much narrower (a character pushed to the next line, spacing stretched). */
const UNDERFLOW_EM = 1;
/** The first line of a paragraph is usually indented by two em. */
const INDENT_EM = 2;
const MIN_HAN_RATIO = 0.6;

let defaultWordCut: WordCutTest | undefined;

function fits(shape: LineShape, width: number): boolean {
  return shape.minWidth - OVERFLOW_EM <= width && width <= shape.maxWidth + UNDERFLOW_EM;
}

function fitsFirst(shape: LineShape, width: number): boolean {
  return fits(shape, width) || fits(shape, width - INDENT_EM);
}

/**
 * The column width most of `shapes` agree on (every line but the last votes; the first also for
 * its width plus an indent), in half-em steps. Ties go to the wider column.
 */
function estimateColumnWidth(shapes: readonly LineShape[], from: number, to: number): number {
  let best = 0;
  let bestVotes = 0;
  const tried = new Set<number>();
  for (let i = from; i < to - 1; i++) {
    const shape = shapes[i] as LineShape;
    const options = [shape.maxWidth, shape.minWidth];
    if (i === from) options.push(shape.maxWidth + INDENT_EM);
    for (const candidate of options) {
      const width = Math.round(candidate * 2) / 2;
      if (tried.has(width)) continue;
      tried.add(width);
      let votes = 0;
      for (let j = from; j < to - 1; j++) {
        const other = shapes[j] as LineShape;
        if (j === from ? fitsFirst(other, width) : fits(other, width)) votes++;
      }
      if (votes > bestVotes || (votes === bestVotes && width > best)) {
        best = width;
        bestVotes = votes;
      }
    }
  }
  return best;
}

/**
 * Split lines into spans no paragraph crosses: a blank line, a paragraph opener, or a break between
 * two Latin words or numbers (hiding it would glue them together).
 */
function splitHard(shapes: readonly LineShape[]): [number, number][] {
  const spans: [number, number][] = [];
  let start = -1;
  for (let i = 0; i < shapes.length; i++) {
    const shape = shapes[i] as LineShape;
    if (shape.blank) {
      if (start >= 0) spans.push([start, i]);
      start = -1;
      continue;
    }
    const previous = shapes[i - 1] as LineShape;
    if (start >= 0 && (shape.startsParagraph || (previous.endsLatin && shape.startsLatin))) {
      spans.push([start, i]);
      start = -1;
    }
    if (start < 0) start = i;
  }
  if (start >= 0) spans.push([start, shapes.length]);
  return spans;
}

/** Split a span after each line that ends a sentence. */
function splitSentences(shapes: readonly LineShape[], from: number, to: number): [number, number][] {
  const spans: [number, number][] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if ((shapes[i] as LineShape).endsSentence) {
      spans.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < to) spans.push([start, to]);
  return spans;
}

/**
 * Within one candidate paragraph, the runs that keep to one column: a line narrower than the
 * column ends its run (it is a paragraph's last line), a wider one stands alone.
 */
function splitColumns(shapes: readonly LineShape[], from: number, to: number, out: [number, number, number][]): void {
  while (to - from >= 2) {
    const width = estimateColumnWidth(shapes, from, to);
    if (!fitsFirst(shapes[from] as LineShape, width)) {
      from++;
      continue;
    }
    let end = from + 1;
    while (end < to - 1 && fits(shapes[end] as LineShape, width)) end++;
    // `end` is the first line that is not a full line of the column, or the chunk's last line.
    const line = shapes[end] as LineShape;
    if (line.minWidth - OVERFLOW_EM <= width) {
      // Narrower than the column (or full and last): the paragraph's last line.
      out.push([from, end + 1, width]);
      from = end + 1;
    } else {
      // Wider than the column: the run ends before it; it may open the next one.
      if (end - from >= 2) out.push([from, end, width]);
      from = end;
    }
  }
}

/**
 * Do the lines repeat one punctuation pattern, as verse does (a caesura at the same place in every
 * line)? True when one non-empty pattern is shared by at least two lines and half of them.
 */
function isVerse(shapes: readonly LineShape[], start: number, end: number): boolean {
  const counts = new Map<string, number>();
  let best = 0;
  for (let i = start; i < end; i++) {
    const pattern = (shapes[i] as LineShape).punctuationPattern;
    if (pattern === '') continue;
    const count = (counts.get(pattern) ?? 0) + 1;
    counts.set(pattern, count);
    if (count > best) best = count;
  }
  return best >= 2 && best * 2 >= end - start;
}

function judge(
  lines: readonly LineInput[],
  shapes: readonly LineShape[],
  start: number,
  end: number,
  columnWidth: number,
  minColumnWidth: number,
  isWordCut: WordCutTest,
): WrappedRunCandidate {
  let visible = 0;
  let han = 0;
  let openBreaks = 0;
  let innerPunctuation = 0;
  for (let i = start; i < end; i++) {
    const shape = shapes[i] as LineShape;
    visible += shape.visible;
    han += shape.han;
    innerPunctuation += shape.innerPunctuation;
    if (i < end - 1 && shape.endsOpen) openBreaks++;
  }
  const breaks = end - start - 1;
  const hanRatio = visible === 0 ? 0 : han / visible;
  let verdict: RunVerdict = 'joined';
  if (columnWidth < minColumnWidth) verdict = 'narrow-column';
  else if (hanRatio < MIN_HAN_RATIO) verdict = 'not-chinese';
  else if (openBreaks * 2 < breaks || openBreaks === 0) verdict = 'closed-line-ends';
  else if (!(shapes[end - 1] as LineShape).endsClause) verdict = 'unfinished';
  else if (innerPunctuation < Math.max(1, Math.floor((breaks + 1) / 3))) verdict = 'no-inner-punctuation';
  if (verdict === 'joined' && isVerse(shapes, start, end)) verdict = 'verse';
  let cutsWord = false;
  if (verdict === 'joined') {
    for (let i = start; i < end - 1 && !cutsWord; i++) {
      const shape = shapes[i] as LineShape;
      if (!shape.endsOpen) continue;
      const next = shapes[i + 1] as LineShape;
      cutsWord =
        (shape.endsInsidePair && next.closesEarlierPair) ||
        (shape.endsDigit && next.startsHan) ||
        isWordCut((lines[i] as LineInput).text, (lines[i + 1] as LineInput).text);
    }
    if (!cutsWord) verdict = 'no-word-cut';
  }
  const evidence: WrappedRunEvidence = { columnWidth, breaks, openBreaks, cutsWord, innerPunctuation, hanRatio };
  return { start, end, verdict, evidence };
}

/**
 * Every candidate paragraph of two or more lines in `lines`, joined or not, with its evidence: the
 * explanation behind `findWrappedRuns`.
 */
export function explainWrappedRuns(lines: readonly LineInput[], options: LineJoinOptions = {}): WrappedRunCandidate[] {
  const minColumnWidth = options.minColumnWidth ?? DEFAULT_MIN_COLUMN_WIDTH;
  let isWordCut = options.isWordCut;
  if (!isWordCut) {
    defaultWordCut ??= createWordCutTest();
    isWordCut = defaultWordCut;
  }
  const shapes = lines.map((line) => measureLine(line.text));
  const candidates: WrappedRunCandidate[] = [];
  for (const [from, to] of splitHard(shapes)) {
    const columns: [number, number, number][] = [];
    for (const [start, end] of splitSentences(shapes, from, to)) splitColumns(shapes, start, end, columns);
    for (const [start, end, width] of mergeAcrossSentences(shapes, from, columns)) {
      candidates.push(judge(lines, shapes, start, end, width, minColumnWidth, isWordCut));
    }
  }
  return candidates;
}

/**
 * Does the layout indent its paragraphs? Looks at the runs that visibly open a paragraph (the
 * span's first line, or the line after a short one): yes if at least one is indented two em and
 * none starts at full width.
 */
function indentsParagraphs(
  shapes: readonly LineShape[],
  from: number,
  columns: readonly [number, number, number][],
): boolean {
  // Judge every opening against the span's main column (the run with the most lines): a short
  // run's own estimate may take an indented first line for a full line of a narrower column.
  let reference = 0;
  let most = 0;
  for (const [start, end, width] of columns) {
    if (end - start > most) {
      most = end - start;
      reference = width;
    }
  }
  let indented = 0;
  for (const [start, , width] of columns) {
    if (Math.abs(width - reference) > UNDERFLOW_EM) continue;
    const previous = shapes[start - 1];
    const opens = start === from || (previous !== undefined && previous.maxWidth + UNDERFLOW_EM < reference);
    if (!opens) continue;
    const first = shapes[start] as LineShape;
    if (fits(first, reference)) return false;
    if (fits(first, reference - INDENT_EM)) indented++;
  }
  return indented > 0;
}

/** Are lines `from`…`to - 1` full lines of a `width` em column, but the last, which is no wider? */
function keepsColumn(shapes: readonly LineShape[], from: number, to: number, width: number): boolean {
  for (let i = from; i < to - 1; i++) if (!fits(shapes[i] as LineShape, width)) return false;
  return (shapes[to - 1] as LineShape).minWidth - OVERFLOW_EM <= width;
}

/**
 * Join runs across a sentence that ends exactly at the end of a line, where the layout says the
 * paragraph goes on: the line is full, the next run keeps to the same column from its first line
 * (a new paragraph's first line would be indented), and the layout indents its paragraphs. A
 * lone line after a full one is left alone: it may be a one-line paragraph.
 */
function mergeAcrossSentences(
  shapes: readonly LineShape[],
  from: number,
  columns: readonly [number, number, number][],
): [number, number, number][] {
  if (columns.length < 2 || !indentsParagraphs(shapes, from, columns)) return [...columns];
  const merged: [number, number, number][] = [];
  for (const column of columns) {
    const last = merged[merged.length - 1];
    if (last) {
      const [start, end, width] = last;
      const [nextStart, nextEnd] = column;
      const ending = shapes[end - 1] as LineShape;
      // The next run's own width estimate is weak when it is short: check its lines against this one's.
      if (
        nextStart === end &&
        ending.endsSentence &&
        fits(ending, width) &&
        keepsColumn(shapes, nextStart, nextEnd, width)
      ) {
        merged[merged.length - 1] = [start, nextEnd, width];
        continue;
      }
    }
    merged.push([...column]);
  }
  return merged;
}

/** The runs of `lines` to join, in order, never overlapping. */
export function findWrappedRuns(lines: readonly LineInput[], options: LineJoinOptions = {}): WrappedRun[] {
  if (lines.length < 2) return [];
  return explainWrappedRuns(lines, options).filter((run): run is WrappedRun => run.verdict === 'joined');
}
