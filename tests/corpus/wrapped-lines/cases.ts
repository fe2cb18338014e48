/**
 * The shape of a wrapped-lines case, and how its text maps to the detector's input.
 *
 * A case's `text` is the page's lines as its text shows them, in the sample page's own notation:
 * one newline between lines of one block (`<br>`), a blank line between sibling blocks. `expected`
 * is what a reader should see after joining: one string per paragraph, the lines of a joined
 * paragraph run together (white space at each break dropped), every other line on its own.
 */
import type { LineInput, WrappedRun } from '../../../lib/text/lines';

export interface WrappedLinesCase {
  /** Where the text comes from (repository and path, page address, or how it was made). */
  source: string;
  text: string;
  expected: string[];
  /** Why a known failure fails. */
  reason?: string;
}

/** The text's lines: `\n` separates lines of one block (`br`), `\n\n` sibling blocks. */
export function linesOfText(text: string): LineInput[] {
  const lines: LineInput[] = [];
  for (const block of text.split(/\n\n+/)) {
    block.split('\n').forEach((line, i) => {
      if (line.trim() !== '') lines.push({ text: line, separator: i === 0 ? 'block' : 'br' });
    });
  }
  return lines;
}

/** What a reader sees once `runs` are joined: one string per paragraph. */
export function readJoined(lines: readonly LineInput[], runs: readonly WrappedRun[]): string[] {
  const out: string[] = [];
  let next = 0;
  for (const run of runs) {
    for (; next < run.start; next++) out.push((lines[next] as LineInput).text.trim());
    out.push(
      lines
        .slice(run.start, run.end)
        .map((line) => line.text.trim())
        .join(''),
    );
    next = run.end;
  }
  for (; next < lines.length; next++) out.push((lines[next] as LineInput).text.trim());
  return out;
}

/**
 * For each break between two lines, is it inside one paragraph of `paragraphs`? Breaks are
 * numbered by the line they follow.
 */
export function breaksInside(lines: readonly LineInput[], paragraphs: readonly string[]): boolean[] {
  const ends = new Set<number>();
  let offset = 0;
  for (const paragraph of paragraphs) {
    offset += paragraph.length;
    ends.add(offset);
  }
  const inside: boolean[] = [];
  offset = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    offset += (lines[i] as LineInput).text.trim().length;
    inside.push(!ends.has(offset));
  }
  return inside;
}
