import { CLASS_LATIN, CLASS_OTHER, classifyCodePoint } from '../chars';

/** A run of one repeated code point (or one repeated ligature spelling, see doubled-ligature). */
export interface Unit {
  /** The code point, or -1 for a ligature unit. */
  cp: number;
  cls: number;
  /** How many times the code point (or ligature) repeats. */
  count: number;
  /** UTF-16 offsets of the whole run in the input. */
  start: number;
  end: number;
  /** The spelling of one ligature (`fi`), or null. */
  ligature: string | null;
}

/**
 * Run-length encodes text[from, to) by code point. Surrogate pairs stay whole; a lone surrogate
 * is its own unit of class OTHER, so nothing is ever cut inside a pair.
 */
export function buildUnits(
  text: string,
  from: number,
  to: number,
  matchLigature: ((text: string, at: number, to: number) => string | null) | null,
): Unit[] {
  const units: Unit[] = [];
  let i = from;
  while (i < to) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (matchLigature !== null && cp === 0x66) {
      const lig = matchLigature(text, i, to);
      if (lig !== null) {
        let count = 0;
        let j = i;
        while (j + lig.length <= to && text.startsWith(lig, j)) {
          count++;
          j += lig.length;
        }
        units.push({ cp: -1, cls: CLASS_LATIN, count, start: i, end: j, ligature: lig });
        i = j;
        continue;
      }
    }
    let j = i + width;
    let count = 1;
    while (j < to && text.codePointAt(j) === cp) {
      j += width;
      count++;
    }
    // A lone surrogate's "code point" is the surrogate itself: never doubled text.
    const cls = cp >= 0xd800 && cp <= 0xdfff ? CLASS_OTHER : classifyCodePoint(cp);
    units.push({ cp, cls, count, start: i, end: j, ligature: null });
    i = j;
  }
  return units;
}
