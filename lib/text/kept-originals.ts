/**
 * Kept originals: passages the reader asked to keep as the page wrote them ("Keep the original"
 * in the tooltip over a fixed passage). A passage is remembered by its own text, with whitespace
 * normalised (runs of blanks, line breaks, NBSP and the ideographic space U+3000 become one space;
 * the ends are trimmed), so a page that re-indents or re-wraps it still matches. The fix stage
 * drops every edit that touches an occurrence of a kept text in a block. Pure and DOM-free.
 */
import type { TextEdit } from './doubled/types';

/** The longest kept text (normalised); a longer passage is kept by the stretch its edits cover. */
export const MAX_KEPT_TEXT_LENGTH = 500;

const WHITESPACE = /\s+/gu;
const IS_WHITESPACE = /\s/u;

/** The form a kept text is stored and matched in. */
export function normaliseKeptText(text: string): string {
  return text.replace(WHITESPACE, ' ').trim();
}

/**
 * Ranges of `text` (UTF-16 offsets, end exclusive) where a kept text occurs, compared with
 * whitespace normalised. `kept` holds normalised texts (empty ones are ignored).
 */
export function findKeptRanges(text: string, kept: readonly string[]): { start: number; end: number }[] {
  const wanted = kept.filter((entry) => entry !== '');
  if (wanted.length === 0 || text === '') return [];
  const ranges: { start: number; end: number }[] = [];
  // Most blocks (headlines, table cells) have no blank at all: their normalised text is themselves.
  if (!IS_WHITESPACE.test(text)) {
    for (const entry of wanted) {
      for (let at = text.indexOf(entry); at >= 0; at = text.indexOf(entry, at + 1)) {
        ranges.push({ start: at, end: at + entry.length });
      }
    }
    return ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  // The normalised text, and where each of its units came from in `text`.
  const units: string[] = [];
  const from: number[] = [];
  for (let i = 0; i < text.length; ) {
    const unit = text[i] as string;
    if (IS_WHITESPACE.test(unit)) {
      from.push(i);
      units.push(' ');
      while (i < text.length && IS_WHITESPACE.test(text[i] as string)) i++;
    } else {
      from.push(i);
      units.push(unit);
      i++;
    }
  }
  const normalised = units.join('');
  for (const entry of wanted) {
    for (let at = normalised.indexOf(entry); at >= 0; at = normalised.indexOf(entry, at + 1)) {
      const last = at + entry.length - 1;
      // A kept text never ends in a blank (it is trimmed), so its last unit is one unit of `text`.
      ranges.push({ start: from[at] as number, end: (from[last] as number) + 1 });
    }
  }
  return ranges.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The edits that touch no kept text: an edit overlapping an occurrence of one (even in part) is
 * dropped, since applying it would change the passage the reader kept. Returns `edits` itself when
 * nothing is dropped.
 */
export function dropKeptEdits<E extends TextEdit>(
  text: string,
  edits: readonly E[],
  kept: readonly string[],
): readonly E[] {
  if (edits.length === 0 || kept.length === 0) return edits;
  const ranges = findKeptRanges(text, kept);
  if (ranges.length === 0) return edits;
  const touches = (edit: E) =>
    ranges.some((range) =>
      edit.start === edit.end
        ? range.start <= edit.start && edit.start < range.end
        : edit.start < range.end && range.start < edit.end,
    );
  const remaining = edits.filter((edit) => !touches(edit));
  return remaining.length === edits.length ? edits : remaining;
}
