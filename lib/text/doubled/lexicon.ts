import { AABB_WORDS, REDUPLICATED_CHARS, SOUND_CHARS } from './data/reduplicated-chars';
import { SIMPLIFIED_FORMS, TWO_CHARACTER_WORDS } from './data/two-character-words';
import { decodeCodePointMap, decodeCodePointPairs, decodeCodePoints } from './lexicon-codec';

let reduplicable: Set<number> | null = null;
let sounds: Set<number> | null = null;
let aabb: ((a: number, b: number) => boolean) | null = null;
let words: ((a: number, b: number) => boolean) | null = null;
let simplified: Map<number, number> | null = null;

/**
 * Does a real dictionary (CC-CEDICT) write this Han character doubled as a reduplication of its
 * own (常常, 绿油油, 欣欣向荣)? Then a doubled run of it is explainable as ordinary Chinese and is
 * not evidence of damage.
 */
export function isReduplicable(codePoint: number): boolean {
  if (reduplicable === null) reduplicable = decodeCodePoints(REDUPLICATED_CHARS);
  return reduplicable.has(codePoint);
}

/** Is AABB (高高兴兴 for 高, 兴) a word of the dictionary? */
export function isAabbWord(a: number, b: number): boolean {
  if (aabb === null) aabb = decodeCodePointPairs(AABB_WORDS);
  return aabb(a, b);
}

/**
 * Is the two-character sequence a, b a common word of the dictionary (足球, 球场; 網絡 through its
 * Simplified form)?
 */
export function isTwoCharacterWord(a: number, b: number): boolean {
  if (words === null) {
    words = decodeCodePointPairs(TWO_CHARACTER_WORDS);
    simplified = decodeCodePointMap(SIMPLIFIED_FORMS);
  }
  if (words(a, b)) return true;
  const sa = simplified?.get(a);
  const sb = simplified?.get(b);
  return (sa !== undefined || sb !== undefined) && words(sa ?? a, sb ?? b);
}

/** Is this character an onomatopoeia or interjection (哈, 呵)? Long runs of those are laughter. */
export function isSoundWord(codePoint: number): boolean {
  if (sounds === null) sounds = decodeCodePoints(SOUND_CHARS);
  return sounds.has(codePoint);
}
