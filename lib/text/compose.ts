/**
 * Text composition: the stages that change a block's text, run in order, each on the output of
 * the one before, with a map from every character of the result back to the input character it
 * came from. Pure and DOM-free, and free of any stage's code: the page pipeline
 * (lib/dom/page-pipeline.ts), the options page's "try it" box and `npm run fix` all compose text
 * with these functions (`createTextPipeline` in pipeline.ts builds the usual stages), so they can
 * never disagree.
 */
import type { TextEdit } from './doubled/types';

/** The stages that change text, in the order they run. (Pinyin annotates; it changes no text.) */
export const TEXT_STAGE_NAMES = ['fix', 'replace', 'convert'] as const;
export type TextStageName = (typeof TEXT_STAGE_NAMES)[number];

/** One step of text composition: a pure function of a block's text (its options are bound in). */
export interface TextStage {
  readonly name: TextStageName;
  /** Cheap test: false means `edit` would change nothing in `text`. */
  mightChange(text: string): boolean;
  /**
   * Edits over `text`: sorted, never overlapping, UTF-16 offsets into `text`. `parts` is how many
   * pieces (text nodes) the text is made of, when the caller knows (1 allows whole-text shortcuts).
   */
  edit(text: string, parts?: number): readonly TextEdit[];
}

/** What one stage did, as offsets into the text it was given. */
export interface StageStep {
  stage: TextStageName;
  edits: readonly TextEdit[];
}

export interface ComposedText {
  /** The text after every stage. */
  text: string;
  /** What each stage did (only stages that changed something). */
  steps: StageStep[];
  /**
   * For each UTF-16 unit of `text`, the offset in the input it came from. Never decreasing, so the
   * characters that came from one stretch of the input stay together (see `applyEditsWithOrigin`).
   */
  origin: Int32Array;
}

/** Identity map for `length` units. */
function identityOrigin(length: number): Int32Array {
  const origin = new Int32Array(length);
  for (let i = 0; i < length; i++) origin[i] = i;
  return origin;
}

/**
 * Apply sorted, non-overlapping `edits` to `text`, carrying `origin` along: an unchanged unit keeps
 * its origin; a replacement of the same length takes the origins of the units it replaces, one for
 * one (conversion); a replacement that is a subsequence of what it replaces keeps the origin of
 * each unit it kept (the doubled-text fix); any other replacement takes the origin of the unit it
 * starts at (or of the unit before it, for an insertion at the end).
 */
export function applyEditsWithOrigin(
  text: string,
  origin: Int32Array | undefined,
  edits: readonly TextEdit[],
  partStarts?: readonly number[],
): { text: string; origin: Int32Array } {
  if (edits.length === 0) return { text, origin: origin ?? identityOrigin(text.length) };
  /** Origin of unit `i` of `text` (the identity where no map is given: the stage's input is the page's text). */
  const originAt = origin ? (i: number) => origin[i] as number : (i: number) => i;
  let length = text.length;
  for (const edit of edits) length += edit.replacement.length - (edit.end - edit.start);
  const out = new Int32Array(Math.max(0, length));
  const pieces: string[] = [];
  let at = 0;
  let written = 0;
  const copy = (start: number, end: number) => {
    if (end <= start) return;
    pieces.push(text.slice(start, end));
    if (origin) out.set(origin.subarray(start, end), written);
    else for (let i = start; i < end; i++) out[written + i - start] = i;
    written += end - start;
  };
  for (const edit of edits) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`edit ${edit.start}–${edit.end} is out of order or outside the text`);
    }
    copy(at, edit.start);
    const { replacement } = edit;
    const original = text.slice(edit.start, edit.end);
    pieces.push(replacement);
    if (replacement.length === original.length) {
      for (let k = 0; k < replacement.length; k++) out[written + k] = originAt(edit.start + k);
    } else {
      const picks = pickSubsequence(original, replacement);
      const whole = picks ? 0 : originOfWhole(text, originAt, edit, partStarts);
      for (let k = 0; k < replacement.length; k++) {
        out[written + k] = picks ? originAt(edit.start + (picks[k] as number)) : whole;
      }
    }
    written += replacement.length;
    at = edit.end;
  }
  copy(at, text.length);
  const result = pieces.join('');
  // A surrogate pair never straddles two origins (it would be cut in two between text nodes).
  for (let i = 1; i < result.length; i++) {
    const unit = result.charCodeAt(i);
    const before = result.charCodeAt(i - 1);
    if (unit >= 0xdc00 && unit <= 0xdfff && before >= 0xd800 && before <= 0xdbff) out[i] = out[i - 1] as number;
  }
  return { text: result, origin: out };
}

/**
 * The one origin a replacement that keeps neither length nor characters gets (U盘 → 隨身碟): the
 * first unit it replaces in the part (`partStarts`, e.g. text nodes) holding most of its source,
 * ties to the first; an insertion at the end takes the origin of the unit before it.
 */
function originOfWhole(
  text: string,
  originAt: (i: number) => number,
  edit: TextEdit,
  partStarts?: readonly number[],
): number {
  if (edit.start >= text.length) return text.length > 0 ? originAt(text.length - 1) : 0;
  const first = originAt(edit.start);
  if (!partStarts || partStarts.length < 2 || edit.end - edit.start < 2) return first;
  let best = first;
  let bestCount = 0;
  let count = 0;
  let part = -1;
  let partFirst = first;
  for (let i = edit.start; i < edit.end; i++) {
    const at = originAt(i);
    const p = partIndexOf(partStarts, at);
    if (p !== part) {
      part = p;
      count = 0;
      partFirst = at;
    }
    count++;
    if (count > bestCount) {
      bestCount = count;
      best = partFirst;
    }
  }
  return best;
}

/** The index of the part `offset` falls in (`partStarts` ascending, starting at 0). */
export function partIndexOf(partStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = partStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((partStarts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Where each unit of `replacement` sits in `original`, if it is a subsequence of it (greedy). */
function pickSubsequence(original: string, replacement: string): number[] | undefined {
  if (replacement.length > original.length) return undefined;
  const picks: number[] = [];
  let j = 0;
  for (let k = 0; k < replacement.length; k++, j++) {
    while (j < original.length && original.charCodeAt(j) !== replacement.charCodeAt(k)) j++;
    if (j >= original.length) return undefined;
    picks.push(j);
  }
  return picks;
}

/**
 * Run `stages` in order over `text`. `partStarts` (where each part of the text begins, e.g. its text
 * nodes) decides where a replacement that changes length goes (see `applyEditsWithOrigin`).
 */
export function composeText(text: string, stages: readonly TextStage[], partStarts?: readonly number[]): ComposedText {
  let current = text;
  let origin: Int32Array | undefined;
  const steps: StageStep[] = [];
  const parts = partStarts?.length;
  for (const stage of stages) {
    if (!stage.mightChange(current)) continue;
    const edits = stage.edit(current, parts);
    if (edits.length === 0) continue;
    steps.push({ stage: stage.name, edits });
    ({ text: current, origin } = applyEditsWithOrigin(current, origin, edits, partStarts));
  }
  return { text: current, steps, origin: origin ?? identityOrigin(text.length) };
}

/**
 * Cut a composed text along the parts of its input (`partStarts`, ascending, starting at 0; e.g.
 * its text nodes): part i gets every unit whose origin falls inside it.
 */
export function splitByOrigin(
  composed: Pick<ComposedText, 'text' | 'origin'>,
  partStarts: readonly number[],
): string[] {
  const parts: string[] = [];
  const { text, origin } = composed;
  let from = 0;
  for (let p = 0; p < partStarts.length; p++) {
    const nextStart = p + 1 < partStarts.length ? (partStarts[p + 1] as number) : Number.POSITIVE_INFINITY;
    let to = from;
    while (to < text.length && (origin[to] as number) < nextStart) to++;
    parts.push(text.slice(from, to));
    from = to;
  }
  return parts;
}

/**
 * The part of a composed text that came from `range` of its source (through `origin`, see
 * `applyEditsWithOrigin`): from the first unit whose origin is in the range to the last.
 * Undefined when nothing of the range is left.
 */
export function mapRangeThroughOrigin(
  range: { start: number; end: number },
  origin: Int32Array,
): { start: number; end: number } | undefined {
  let start = -1;
  let end = -1;
  for (let i = 0; i < origin.length; i++) {
    const from = origin[i] as number;
    if (from < range.start || from >= range.end) continue;
    if (start < 0) start = i;
    end = i + 1;
  }
  return start < 0 ? undefined : { start, end };
}
