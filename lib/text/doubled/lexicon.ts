import { REDUPLICATED_CHARS, SOUND_CHARS } from './data/reduplicated-chars';
import { decodeCodePoints } from './lexicon-codec';

let reduplicable: Set<number> | null = null;
let sounds: Set<number> | null = null;

/**
 * Does a real dictionary (CC-CEDICT) write this Han character doubled in some word (常常, 高高兴兴)?
 * Then a doubled run of it is explainable as ordinary Chinese and is not evidence of damage.
 */
export function isReduplicable(codePoint: number): boolean {
  if (reduplicable === null) reduplicable = decodeCodePoints(REDUPLICATED_CHARS);
  return reduplicable.has(codePoint);
}

/** Is this character an onomatopoeia or interjection (哈, 呵)? Long runs of those are laughter. */
export function isSoundWord(codePoint: number): boolean {
  if (sounds === null) sounds = decodeCodePoints(SOUND_CHARS);
  return sounds.has(codePoint);
}
