import type { SegmentEvidence, SegmentRule } from '../evidence';
import type { EvidenceFact, Sensitivity } from '../types';

/**
 * Latin text with every letter printed k times: `TThhee  qquuiicckk` → `The quick`.
 *
 * Judged word by word: a word counts only when every one of its letters is doubled, so
 * `bookkeeper`, `committee` and `Mississippi` are never evidence; hex strings (`aabbcc`) and
 * one-letter words (`II`) are not evidence either. Digits are collapsed with the words around them.
 */
export const doubledLatin: SegmentRule = {
  name: 'doubled-latin',
  covers: (e) => e.han === 0,
  accepts(e: SegmentEvidence, sensitivity: Sensitivity): EvidenceFact[] | null {
    let accepted: boolean;
    if (sensitivity === 'conservative') {
      accepted = e.latinWords >= 2 || e.longestLatinWord >= 5 || (e.factor >= 3 && e.longestLatinWord >= 3);
    } else if (sensitivity === 'balanced') {
      accepted = e.latinWords >= 2 || e.longestLatinWord >= 3;
    } else {
      accepted = e.latinWords >= 1;
    }
    return accepted ? ['latin-words'] : null;
  },
};
