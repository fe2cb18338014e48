import { CLASS_HAN, CLASS_LATIN, classifyCodePoint } from '../../chars';
import { isBlank } from '../prefilter';
import type { Sensitivity, TextEdit } from '../types';

export const REPEATED_PHRASE = 'repeated-phrase';

/** Shortest phrase, in code points, that may be removed at each sensitivity. */
const MIN_PHRASE: Record<Sensitivity, number> = { conservative: 8, balanced: 6, aggressive: 4 };

/**
 * A whole block that is one phrase printed twice (`济宁高新区召开推进会济宁高新区召开推进会`, or the
 * same with a blank or a line break between): the second copy goes. Short repeats are real
 * Chinese (研究研究, 谢谢你谢谢你), so the phrase must be long and must hold at least four letters
 * or Han characters; and it must not repeat itself (a chant or a pattern is not a phrase printed
 * twice, and removing half of it would leave a repeat behind).
 */
export function findRepeatedPhrase(text: string, sensitivity: Sensitivity): TextEdit | null {
  let a = 0;
  let b = text.length;
  while (a < b && isBlank(text.charCodeAt(a))) a++;
  while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
  const mid = findRepeatMiddle(text, a, b);
  if (mid < 0) return null;
  const phrase = text.slice(a, mid);
  if (findRepeatMiddle(phrase, 0, phrase.length) >= 0) return null;
  let codePoints = 0;
  let letters = 0;
  for (const ch of phrase) {
    codePoints++;
    const cls = classifyCodePoint(ch.codePointAt(0) as number);
    if (cls === CLASS_HAN || cls === CLASS_LATIN) letters++;
  }
  if (codePoints < MIN_PHRASE[sensitivity] || letters < 4) return null;
  return {
    rule: REPEATED_PHRASE,
    factor: 2,
    start: mid,
    end: b,
    original: text.slice(mid, b),
    replacement: '',
    because: { runs: 0, unexplained: 0, chain: 0, facts: ['repeated-phrase'] },
  };
}

/**
 * If text[a, b) is a phrase, up to two blanks and the same phrase again, where the first copy
 * ends; else -1. Never cuts a surrogate pair.
 */
function findRepeatMiddle(text: string, a: number, b: number): number {
  for (let sep = 0; sep <= 2; sep++) {
    const len = b - a - sep;
    if (len <= 0 || len % 2 !== 0) continue;
    const mid = a + len / 2;
    let blank = true;
    for (let i = mid; i < mid + sep; i++) if (!isBlank(text.charCodeAt(i))) blank = false;
    const before = text.charCodeAt(mid - 1);
    if (blank && !(before >= 0xd800 && before <= 0xdbff) && text.startsWith(text.slice(a, mid), mid + sep)) return mid;
  }
  return -1;
}
