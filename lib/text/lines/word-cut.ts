/**
 * Does a line break fall inside a word? A print column breaks wherever the line is full, so about
 * half its breaks cut a word (建|设, 招|才引智); a poet, a lyricist or an editor breaks between
 * words. The browser's own word segmenter (`Intl.Segmenter`, ICU's dictionary for Chinese) is
 * asked about a few characters either side of the break.
 */

/** A test of one break: the text before it and the text after it (only their ends matter). */
export type WordCutTest = (before: string, after: string) => boolean;

/** Characters looked at on each side: longer words than this are rare and need no more to be seen. */
const WINDOW = 4;

/**
 * The default test, built on `Intl.Segmenter`. Where the runtime has none it answers "no" for every
 * break, which only ever costs joins (the detector then finds no evidence), never makes a false one.
 */
/**
 * A segment that is a word: the segmenter says so, or it is made of letters and digits only.
 * Firefox's segmenter (ICU4X) finds the same Chinese words as Chromium's but marks only
 * single-character ones word-like (建设: `isWordLike` false), which made every cut it found look
 * like no cut at all.
 */
function isWord(segment: string, isWordLike: boolean | undefined): boolean {
  return isWordLike === true || WORD_CHARACTERS.test(segment);
}

const WORD_CHARACTERS = /^[\p{L}\p{N}]+$/u;

export function createWordCutTest(
  locale = 'zh',
  Segmenter: typeof Intl.Segmenter | undefined = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter,
): WordCutTest {
  if (typeof Segmenter !== 'function') return () => false;
  const segmenter = new Segmenter(locale, { granularity: 'word' });
  return (before, after) => {
    const left = before.trimEnd().slice(-WINDOW);
    const right = after.trimStart().slice(0, WINDOW);
    if (left === '' || right === '') return false;
    const text = left + right;
    const cut = left.length;
    for (const { index, segment, isWordLike } of segmenter.segment(text)) {
      if (index >= cut) break;
      if (index + segment.length > cut) return isWord(segment, isWordLike);
    }
    return false;
  };
}
