/**
 * Composing two rounds of edits into one: `second` was computed on the output of `first`; the
 * result applies to the original input directly. Lets the page layer write (and undo) "fix
 * doubled text, then the reader's replacement rules" as one set of edits on the page's text.
 * Pure.
 */
import type { TextEdit } from './types';

/** Apply sorted, non-overlapping edits to `text`. */
export function applyTextEdits(
  text: string,
  edits: readonly Pick<TextEdit, 'start' | 'end' | 'replacement'>[],
): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return out + text.slice(at);
}

interface Placed {
  edit: TextEdit;
  /** Where the edit's replacement sits in the intermediate text. */
  midStart: number;
  midEnd: number;
  delta: number;
  consumed: boolean;
}

/** Does a first-round edit (placed in the intermediate text) fall inside the range [start, end]? */
function touches(f: Placed, start: number, end: number): boolean {
  if (f.midStart === f.midEnd) return start <= f.midStart && f.midStart <= end;
  if (start === end) return f.midStart < start && start < f.midEnd;
  return f.midStart < end && f.midEnd > start;
}

/**
 * Edits on `input` equivalent to applying `first` (offsets into `input`) and then `second`
 * (offsets into the result of `first`). Where a second-round edit overlaps first-round ones they
 * merge into one edit; the rest are kept as they are. Both lists must be sorted and non-overlapping.
 */
export function composeEdits(input: string, first: readonly TextEdit[], second: readonly TextEdit[]): TextEdit[] {
  if (second.length === 0) return [...first];
  if (first.length === 0) return [...second];
  const mid = applyTextEdits(input, first);
  let shift = 0;
  const placed: Placed[] = first.map((edit) => {
    const midStart = edit.start + shift;
    const delta = edit.replacement.length - (edit.end - edit.start);
    shift += delta;
    return { edit, midStart, midEnd: midStart + edit.replacement.length, delta, consumed: false };
  });

  // Group second-round edits with the first-round edits they touch (and with each other).
  const groups: { start: number; end: number; edits: TextEdit[] }[] = [];
  for (const edit of second) {
    let start = edit.start;
    let end = edit.end;
    let grew = true;
    while (grew) {
      grew = false;
      for (const f of placed) {
        if (!touches(f, start, end)) continue;
        if (f.midStart < start || f.midEnd > end) grew = true;
        start = Math.min(start, f.midStart);
        end = Math.max(end, f.midEnd);
      }
    }
    const last = groups[groups.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.edits.push(edit);
    } else {
      groups.push({ start, end, edits: [edit] });
    }
  }

  const result: TextEdit[] = [];
  for (const group of groups) {
    const inside = placed.filter((f) => touches(f, group.start, group.end));
    for (const f of inside) f.consumed = true;
    // Intermediate offsets to input offsets: undo the growth of the first-round edits before them.
    let startShift = 0;
    let endShift = 0;
    for (const f of placed) {
      if (f.midEnd <= group.start && !inside.includes(f)) startShift += f.delta;
      if (f.midEnd <= group.end) endShift += f.delta;
    }
    const start = group.start - startShift;
    const end = group.end - endShift;
    const local = group.edits.map((e) => ({ ...e, start: e.start - group.start, end: e.end - group.start }));
    const head = group.edits[0] as TextEdit;
    result.push({
      rule: head.rule,
      factor: head.factor,
      start,
      end,
      original: input.slice(start, end),
      replacement: applyTextEdits(mid.slice(group.start, group.end), local),
    });
  }
  for (const f of placed) if (!f.consumed) result.push(f.edit);
  return result.sort((a, b) => a.start - b.start || a.end - b.end);
}
