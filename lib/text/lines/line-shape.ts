/**
 * The shape of one line of text as a print column set it: how wide it is in em, how it ends, how
 * it starts. Pure: no DOM, no settings.
 *
 * Width is a range, because print compresses punctuation: `》，《` may take one em or three, and a
 * comma that hangs past the column edge takes almost none. Han characters and full-width forms
 * are one em, ASCII half an em, CJK punctuation between half and one em.
 */
import { CLASS_DIGIT, CLASS_HAN, CLASS_LATIN, CLASS_OTHER, CLASS_SPACE, classifyCodePoint } from '../chars';

export interface LineShape {
  /** Narrowest plausible width in em (punctuation compressed, spaces dropped). */
  readonly minWidth: number;
  /** Widest plausible width in em (punctuation at full width). */
  readonly maxWidth: number;
  /** Characters that are not white space. */
  readonly visible: number;
  /** Han characters (and kana, Hangul, Bopomofo). */
  readonly han: number;
  /**
   * Sentence punctuation (`，、；：。！？` and their ASCII forms) before the line's trailing
   * punctuation: a sentence runs through the line. Brackets and quotes do not count: verse and
   * editions put them anywhere.
   */
  readonly innerPunctuation: number;
  /**
   * Where the sentence punctuation inside the line sits (visible-character positions, joined by
   * commas; `''` for none). Verse repeats it line after line (`白日依山尽，黄河入海流` → `5`);
   * a column cuts prose at random places, so its lines rarely share one.
   */
  readonly punctuationPattern: string;
  /** An opening bracket or quote (`（《“「【`) is still open at the end of the line. */
  readonly endsInsidePair: boolean;
  /** A closing bracket or quote comes before any opening one: the line ends a pair the one before opened. */
  readonly closesEarlierPair: boolean;
  /** The line ends a clause that the next line need not continue: `。！？…`, `：` or `；`. */
  readonly endsClause: boolean;
  /** Ends with a digit: a number whose unit (`亿元`, `个`, `公斤`) may be on the next line. */
  readonly endsDigit: boolean;
  /** Starts with a Han character. */
  readonly startsHan: boolean;
  /** The line ends a sentence (`。！？…`, maybe inside closing quotes or brackets). */
  readonly endsSentence: boolean;
  /** The line ends on a character or number, not punctuation: its sentence goes on. */
  readonly endsOpen: boolean;
  /** The line opens a paragraph: indented, or a list marker, a numbered item or a `标签：` label. */
  readonly startsParagraph: boolean;
  /** Begins with an ASCII letter or digit (a break before it may stand for a space). */
  readonly startsLatin: boolean;
  /** Ends with an ASCII letter or digit. */
  readonly endsLatin: boolean;
  /** Only white space. */
  readonly blank: boolean;
}

/** Directional pairs only: ASCII quotes and parentheses say nothing about which side they are. */
const OPENING_PAIR = new Set(Array.from('（《“‘「『【〔〈', (c) => c.codePointAt(0) as number));
const CLOSING_PAIR = new Set(Array.from('）》”’」』】〕〉', (c) => c.codePointAt(0) as number));
const SENTENCE_PUNCT = new Set(Array.from('，、；：。！？,;:.!?', (c) => c.codePointAt(0) as number));
const CLAUSE_END = new Set(Array.from('：；:;', (c) => c.codePointAt(0) as number));
const SENTENCE_END = new Set(Array.from('。！？!?…', (c) => c.codePointAt(0) as number));
const CLOSING = new Set(Array.from('”’」』）)》〉】〕"\'', (c) => c.codePointAt(0) as number));
/** One em each in print (a pair of them makes the two-em dash and the ellipsis). */
const FULL_WIDTH_PUNCT = new Set([0x2026, 0x2014, 0x2015, 0x2500, 0x22ef, 0x3000]);

/**
 * Paragraph openers: a list marker (`1.`, `（一）`, `一、`, `①`, `●`), an article heading
 * (`第三条`), or a short label (`地址：`, `电话：`). A column-wrapped line can start anywhere in a
 * sentence, so these only ever split a run; the rare wrapped line that starts `1.5倍` is missed.
 */
const PARAGRAPH_OPENER =
  /^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、．.]|\d{1,2}[、．.）)](?!\d)|[①-⑳⑴-⒇❶-❿]|[●•·◆◇■□○◎★☆▲△▶►※＊*\-－]|第[一二三四五六七八九十百零\d]+[章节条款部分篇回]|[\p{Script=Han}]{2,4}[：:])/u;

function isWhiteSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x0a || cp === 0x09 || cp === 0x0d || cp === 0x0c;
}

function isAsciiAlphanumeric(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

/** Indentation a reader sees (ideographic or no-break spaces), not source-code white space. */
function isIndent(cp: number): boolean {
  return cp === 0x3000 || cp === 0xa0;
}

/**
 * Does `text` end a sentence (ignoring trailing white space)? The cheap test the DOM side runs on
 * every block before any other work: no run ever continues past a sentence end.
 */
export function endsSentence(text: string): boolean {
  let end = text.length;
  while (end > 0 && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  let last = text.charCodeAt(end - 1);
  if (CLOSING.has(last)) {
    while (end > 0 && CLOSING.has(text.charCodeAt(end - 1))) end--;
    last = text.charCodeAt(end - 1);
  }
  return SENTENCE_END.has(last);
}

/** Measure one line. Leading and trailing ASCII white space is source formatting and is ignored. */
export function measureLine(text: string): LineShape {
  let start = 0;
  let end = text.length;
  while (start < end && isWhiteSpace(text.charCodeAt(start))) start++;
  while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) {
    return {
      minWidth: 0,
      maxWidth: 0,
      visible: 0,
      han: 0,
      innerPunctuation: 0,
      punctuationPattern: '',
      endsInsidePair: false,
      closesEarlierPair: false,
      endsClause: false,
      endsDigit: false,
      startsHan: false,
      endsSentence: false,
      endsOpen: false,
      startsParagraph: false,
      startsLatin: false,
      endsLatin: false,
      blank: true,
    };
  }
  let minWidth = 0;
  let maxWidth = 0;
  let visible = 0;
  let han = 0;
  let punctuation = 0;
  let trailingPunctuation = 0;
  const positions: number[] = [];
  let depth = 0;
  let closesEarlierPair = false;
  let lastClass = CLASS_OTHER;
  let lastCp = 0;
  let beforeClosing = 0;
  for (let i = start; i < end; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < end) {
      cp = text.codePointAt(i) as number;
      i++;
    }
    if (cp >= 0x300 && cp <= 0x36f) continue; // combining marks add no width
    const cls = classifyCodePoint(cp);
    if (cls === CLASS_SPACE || isWhiteSpace(cp)) {
      if (cp === 0x3000) {
        minWidth += 1;
        maxWidth += 1;
      } else {
        maxWidth += 0.5;
      }
      continue;
    }
    visible++;
    if (cls === CLASS_HAN) {
      han++;
      minWidth += 1;
      maxWidth += 1;
    } else if (cp < 0x80) {
      minWidth += 0.5;
      maxWidth += 0.5;
    } else if (cls === CLASS_LATIN || cls === CLASS_DIGIT || FULL_WIDTH_PUNCT.has(cp) || cls === CLASS_OTHER) {
      minWidth += 1;
      maxWidth += 1;
    } else {
      minWidth += 0.5;
      maxWidth += 1;
    }
    const isPunct = cls !== CLASS_HAN && cls !== CLASS_LATIN && cls !== CLASS_DIGIT && cls !== CLASS_OTHER;
    if (isPunct) {
      if (SENTENCE_PUNCT.has(cp)) {
        punctuation++;
        trailingPunctuation++;
        positions.push(visible - 1);
      }
    } else {
      trailingPunctuation = 0;
    }
    if (OPENING_PAIR.has(cp)) depth++;
    else if (CLOSING_PAIR.has(cp)) {
      if (depth === 0) closesEarlierPair = true;
      else depth--;
    }
    if (!CLOSING.has(cp)) beforeClosing = cp;
    lastClass = cls;
    lastCp = cp;
  }
  const endsWithPunct = lastClass !== CLASS_HAN && lastClass !== CLASS_LATIN && lastClass !== CLASS_DIGIT;
  const endsSentence = SENTENCE_END.has(lastCp) || (CLOSING.has(lastCp) && SENTENCE_END.has(beforeClosing));
  const first = text.codePointAt(start) as number;
  return {
    endsClause: endsSentence || (CLAUSE_END.has(lastCp) && !CLOSING.has(lastCp)),
    endsDigit: lastClass === CLASS_DIGIT,
    startsHan: classifyCodePoint(first) === CLASS_HAN,
    minWidth,
    maxWidth,
    visible,
    han,
    innerPunctuation: punctuation - trailingPunctuation,
    punctuationPattern: positions.slice(0, positions.length - trailingPunctuation).join(','),
    endsInsidePair: depth > 0,
    closesEarlierPair,
    endsSentence,
    endsOpen: !endsWithPunct && lastClass !== CLASS_OTHER,
    startsParagraph: isIndent(first) || PARAGRAPH_OPENER.test(text.slice(start, start + 8)),
    startsLatin: isAsciiAlphanumeric(first),
    endsLatin: isAsciiAlphanumeric(lastCp),
    blank: false,
  };
}
