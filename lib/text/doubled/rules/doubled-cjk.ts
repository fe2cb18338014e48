import { hasChunk, type SegmentEvidence, type SegmentRule } from '../evidence';
import type { Sensitivity } from '../types';

/**
 * Chinese (and other CJK) text with every glyph printed k times: `勇勇于于担担当当` → `勇于担当`.
 *
 * Evidence, strongest first: a long unbroken chain of doubled characters that the dictionary does
 * not explain; doubled commas or quotes, which real text almost never has; a block that is doubled
 * from end to end. A couple of doubled characters in prose (`工作作为`, `昨日日报报表`,
 * `认认真真、踏踏实实`) never reaches these thresholds.
 */
export const doubledCjk: SegmentRule = {
  name: 'doubled-cjk',
  covers: (e) => e.han > 0,
  accepts(e: SegmentEvidence, sensitivity: Sensitivity): boolean {
    if (e.factor >= 3) {
      // Runs of exactly three or four identical characters are rare outside laughter (哈哈哈,
      // which the dictionary marks as a sound); two of them must touch (`好好好，对对对` is speech).
      if (sensitivity === 'conservative') return e.n >= 3 && e.u >= 2 && hasChunk(e, 2, 1);
      if (sensitivity === 'balanced') return e.n >= 2 && e.u >= 2 && hasChunk(e, 2, 1);
      return e.n >= 2 && e.u >= 1 && hasChunk(e, 2, 1);
    }
    // A whole block broken by single punctuation is held to a longer chain: a poem line of
    // reduplications (`寻寻觅觅，冷冷清清，凄凄惨惨戚戚`) is a block too.
    const wholeChain = e.chunks.length > 1 ? 4 : 3;
    if (sensitivity === 'conservative') {
      return (
        (hasChunk(e, 6, 3) && e.u * 2 >= e.n) ||
        (e.strongPunct >= 1 && e.n >= 3 && e.u >= 2) ||
        (e.whole && hasChunk(e, wholeChain, 2))
      );
    }
    if (sensitivity === 'balanced') {
      return (
        hasChunk(e, 4, 2) ||
        (e.strongPunct >= 1 && e.n >= 2 && e.u >= 1) ||
        (e.whole && hasChunk(e, e.chunks.length > 1 ? 4 : 2, 2))
      );
    }
    return hasChunk(e, 3, 2) || (e.strongPunct >= 1 && e.n >= 2 && e.u >= 1) || (e.whole && e.n >= 2 && e.u >= 1);
  },
};
