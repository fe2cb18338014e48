import { hasChunk, placeOf, type SegmentEvidence, type SegmentRule } from '../evidence';
import type { EvidenceFact, Sensitivity } from '../types';

/**
 * Chinese (and other CJK) text with every glyph printed k times: `勇勇于于担担当当` → `勇于担当`.
 *
 * Evidence, strongest first: a long unbroken chain of doubled characters that the dictionary does
 * not explain; doubled commas or quotes, which real text almost never has; doubled text that is
 * the whole block, opens it before a blank or punctuation (a bold lead-in), or fills a pair of
 * brackets; doubled text elsewhere in the block or on the page. A couple of doubled characters in
 * prose (`工作作为`, `昨日日报报表`, `认认真真、踏踏实实`) never reaches these thresholds.
 */
export const doubledCjk: SegmentRule = {
  name: 'doubled-cjk',
  covers: (e) => e.han > 0,
  accepts(e: SegmentEvidence, sensitivity: Sensitivity): EvidenceFact[] | null {
    // A date or time format written out (`格式：年年年年月月日日`) at any sensitivity.
    if (e.dateFormat) return null;
    const place = placeOf(e);
    const strongSupport = e.support === 'same-block' || e.support === 'same-kind' ? e.support : null;
    if (e.factor >= 3) {
      // Runs of exactly three or four identical characters are rare outside laughter (哈哈哈,
      // which the dictionary marks as a sound); two of them must touch (`好好好，对对对` is speech).
      const chain = sensitivity === 'conservative' ? e.n >= 3 && e.u >= 2 : e.u >= (sensitivity === 'balanced' ? 2 : 1);
      if (chain && e.n >= 2 && hasChunk(e, 2, 1)) return ['chain', 'unexplained'];
      // A short heading (`要要要要闻闻闻闻`): two touching unexplained runs, alone or with support.
      if (hasChunk(e, 2, 2)) {
        if (place !== null) return [place, 'unexplained'];
        if (e.support !== 'none') return [e.support, 'unexplained'];
      }
      return null;
    }
    // A whole block broken by single punctuation is held to a longer chain: a poem line of
    // reduplications (`寻寻觅觅，冷冷清清，凄凄惨惨戚戚`) is a block too.
    const placedChain = e.chunks.length > 1 ? 4 : 3;
    if (sensitivity === 'conservative') {
      // Four doubled characters in a row that nothing explains are not Chinese.
      if ((hasChunk(e, 6, 3) && e.u * 2 >= e.n) || hasChunk(e, 4, 4)) return ['chain', 'unexplained'];
      if (e.strongPunct >= 1 && e.n >= 3 && e.u >= 2) return ['punctuation', 'unexplained'];
      if (place !== null && hasChunk(e, placedChain, 2)) return [place, 'unexplained'];
      // A two-character heading after its section or page number (`3.2  设设置置`, `1目目录录`), or
      // a form's label (`姓姓名名：`): the number or the colon makes it one, and the dictionary
      // reads the pair as one word doubled.
      if (place === 'whole-block' && (e.numbered || e.label) && e.doubledWord && e.u >= 2) {
        return [place, 'unexplained'];
      }
      // With support, a pair of doubled words will do, but never short chunks between commas
      // (`山山水水，诗诗酒酒`: AABB words in a row are verse).
      const supportedChain = e.chunks.length > 1 ? 4 : 2;
      if (strongSupport !== null && hasChunk(e, supportedChain, 2)) return [strongSupport, 'unexplained'];
      if (e.support === 'page') {
        if (place !== null && hasChunk(e, supportedChain, 2)) return ['page', place, 'unexplained'];
        if (hasChunk(e, Math.max(3, supportedChain), 2)) return ['page', 'unexplained'];
      }
      return null;
    }
    if (sensitivity === 'balanced') {
      if (hasChunk(e, 4, 2)) return ['chain', 'unexplained'];
      if (e.strongPunct >= 1 && e.n >= 2 && e.u >= 1) return ['punctuation', 'unexplained'];
      // Two doubled characters alone in a block will do; opening a line of verse (`溶溶泄泄，`)
      // they will not.
      if (place !== null && hasChunk(e, e.chunks.length > 1 ? 4 : place === 'whole-block' ? 2 : 3, 2)) {
        return [place, 'unexplained'];
      }
      if (e.support !== 'none' && hasChunk(e, e.chunks.length > 1 ? 4 : 2, 2)) return [e.support, 'unexplained'];
      return null;
    }
    if (hasChunk(e, 3, 2)) return ['chain', 'unexplained'];
    if (e.strongPunct >= 1 && e.n >= 2 && e.u >= 1) return ['punctuation', 'unexplained'];
    if (place !== null && (place === 'whole-block' ? e.n >= 2 && e.u >= 1 : hasChunk(e, 3, 2))) {
      return [place, 'unexplained'];
    }
    if (e.support !== 'none' && hasChunk(e, 2, 1)) return [e.support, 'unexplained'];
    return null;
  },
};
