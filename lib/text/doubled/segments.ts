import {
  CLASS_DIGIT,
  CLASS_HAN,
  CLASS_LATIN,
  CLASS_OTHER,
  CLASS_PAIR_PUNCT,
  CLASS_SPACE,
  CLASS_STRONG_PUNCT,
  CLASS_WEAK_PUNCT,
  classifyCodePoint,
  closingOf,
  isQuoteOrBracket,
  isTokenClass,
} from '../chars';
import type { Chunk, SegmentEvidence } from './evidence';
import { isAabbWord, isReduplicable, isSoundWord, isTwoCharacterWord } from './lexicon';
import { isBlank, MAX_RUN_GAP } from './prefilter';
import type { Unit } from './units';

const KIND_BREAK = 0;
const KIND_HAN = 1;
const KIND_WORD = 2;
const KIND_NUMBER = 3;
const KIND_BLANK = 4;
const KIND_PUNCT = 5;

/** Units judged together: one Han run, one whole word or number, one blank or punctuation run. */
interface Group {
  kind: number;
  /** Index of the first and one past the last unit. */
  from: number;
  to: number;
  start: number;
  end: number;
  /** Every unit's count is a multiple of the factor (for `……`/`——`, of twice the factor). */
  doubled: boolean;
  /** A doubled comma, quote or bracket. */
  strong: boolean;
}

export interface Segment {
  /** Groups of the segment, in order. */
  groups: Group[];
  start: number;
  end: number;
  evidence: SegmentEvidence;
  /** Which groups a repair collapses (1 at the group's index): only those of the doubling pattern. */
  collapse: Uint8Array;
  /** Every doubled run of text repeats a multiple of twice the factor: it is factor 4, not 2. */
  fitsDoubleFactor: boolean;
}

export interface SegmentOptions {
  latin: boolean;
  /**
   * Read two touching pairs that make a word once halved (`切切片片`, `担担当当`) as doubled, not
   * as two AA words: for pages where doubled text has been confirmed elsewhere.
   */
  strictPairs: boolean;
}

/** Is the code point a hex digit (0-9, a-f, A-F)? */
function isHexDigit(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x66);
}

function groupUnits(units: Unit[], factor: number, consumed: Uint8Array, options: SegmentOptions): Group[] {
  const groups: Group[] = [];
  for (let i = 0; i < units.length; ) {
    const u = units[i] as Unit;
    let j = i + 1;
    let kind: number;
    let doubled: boolean;
    if (consumed[i] === 1 || u.cls === CLASS_OTHER) {
      kind = KIND_BREAK;
      doubled = false;
    } else if (isTokenClass(u.cls)) {
      // A word or number is judged whole: doubled only if every letter or digit in it is.
      let letters = false;
      doubled = true;
      for (j = i; j < units.length && consumed[j] !== 1 && isTokenClass((units[j] as Unit).cls); j++) {
        const t = units[j] as Unit;
        if (t.count % factor !== 0 || (t.ligature !== null && factor !== 2)) doubled = false;
        if (t.cls === CLASS_LATIN) letters = true;
      }
      if (letters && !options.latin) doubled = false;
      kind = letters ? KIND_WORD : KIND_NUMBER;
    } else {
      // `……` and `——` come in pairs: four of them at factor 2 are a doubled pair, two are a pair.
      // At factor 3 or 4 a run of exactly that many is one dash printed k times.
      doubled =
        u.cls === CLASS_PAIR_PUNCT
          ? u.count % (2 * factor) === 0 || (factor >= 3 && u.count === factor)
          : u.count % factor === 0;
      kind = u.cls === CLASS_HAN ? KIND_HAN : u.cls === CLASS_SPACE ? KIND_BLANK : KIND_PUNCT;
    }
    const end = (units[j - 1] as Unit).end;
    groups.push({
      kind,
      from: i,
      to: j,
      start: u.start,
      end,
      doubled,
      strong: doubled && u.cls === CLASS_STRONG_PUNCT,
    });
    i = j;
  }
  return groups;
}

function isContentGroup(g: Group): boolean {
  return g.doubled && (g.kind === KIND_HAN || g.kind === KIND_WORD || g.kind === KIND_NUMBER);
}

/**
 * Splits the units into candidate segments for one factor: maximal stretches of doubled text,
 * allowing single punctuation, blanks, words and numbers between doubled runs (ASCII and
 * punctuation are often left single inside a doubled headline), but not a single Han character,
 * and never more than MAX_RUN_GAP code units between two doubled runs of text.
 */
export function findSegments(
  text: string,
  units: Unit[],
  factor: number,
  consumed: Uint8Array,
  options: SegmentOptions,
): Segment[] {
  const groups = groupUnits(units, factor, consumed, options);
  const segments: Segment[] = [];
  let current: Group[] = [];
  let pending: Group[] = [];
  let lastContentStart = -1;

  const close = () => {
    if (current.length > 0) {
      // Keep doubled punctuation right after the last doubled run (`士士，，`, `引引””`).
      for (const g of pending) {
        if (g.kind !== KIND_PUNCT || !g.doubled) break;
        current.push(g);
      }
      segments.push(describeSegment(text, units, current, factor, options.strictPairs));
    }
    current = [];
    pending = [];
  };

  for (const g of groups) {
    if (g.kind === KIND_BREAK || (g.kind === KIND_HAN && !g.doubled)) {
      close();
      continue;
    }
    if (!isContentGroup(g)) {
      pending.push(g);
      continue;
    }
    const firstUnit = units[g.from] as Unit;
    if (current.length > 0 && firstUnit.start - lastContentStart > MAX_RUN_GAP) close();
    if (current.length === 0) {
      // Doubled punctuation right before the first doubled run belongs to it (`““双双`).
      let lead = pending.length;
      while (lead > 0) {
        const p = pending[lead - 1] as Group;
        if (p.kind !== KIND_PUNCT || !p.doubled) break;
        lead--;
      }
      current = pending.slice(lead);
    } else {
      current.push(...pending);
    }
    pending = [];
    current.push(g);
    lastContentStart = (units[g.to - 1] as Unit).start;
  }
  close();
  return segments;
}

function describeSegment(text: string, units: Unit[], groups: Group[], factor: number, strictPairs: boolean): Segment {
  let n = 0;
  let u = 0;
  let han = 0;
  let strongPunct = 0;
  let latinWords = 0;
  let longestLatinWord = 0;
  let singleWord = false;
  let fitsDoubleFactor = true;
  const chunks: Chunk[] = [];
  let chunk: Chunk | null = null;
  /** The doubled Han characters, in order (only the first two are looked at). */
  const hanChars: number[] = [];
  let onlyDateUnits = true;
  const unexplainedPairs = factor === 2 ? findUnexplainedPairs(text, units, groups, strictPairs ? 2 : 3) : null;
  const placedAllDoubled = isPlacedAllDoubled(text, groups);
  const groupChunk = new Int32Array(groups.length).fill(-1);
  const chunkHasHan: boolean[] = [];

  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi] as Group;
    if (!g.doubled) {
      // A chunk goes on across a quote, a bracket, a word or a number left single (`“绿绿色色”`,
      // `登登录录WiFi密密码码`); a comma, a full stop or a blank between doubled runs ends it, as
      // between the lines of a poem (`寻寻觅觅，冷冷清清`).
      if (!isChunkTransparent(g, units)) chunk = null;
      if (g.kind === KIND_WORD && g.end - g.start >= 2) singleWord = true;
      continue;
    }
    if (chunk === null) {
      chunk = { n: 0, u: 0 };
      chunks.push(chunk);
      chunkHasHan.push(false);
    }
    groupChunk[gi] = chunks.length - 1;
    if (g.kind === KIND_HAN) chunkHasHan[chunks.length - 1] = true;
    let gn = 0;
    let gu = 0;
    if (g.kind === KIND_HAN) {
      han++;
      gn = 1;
      const unit = units[g.from] as Unit;
      if (hanChars.length < 2) hanChars.push(unit.cp);
      if (!DATE_UNITS.has(unit.cp)) onlyDateUnits = false;
      if (unit.count % (2 * factor) !== 0) fitsDoubleFactor = false;
      if (factor >= 3) {
        // Three or four of a character in a row is laughter or a cry (哈哈哈) or damage.
        if (!isSoundWord(unit.cp)) gu = 1;
      } else if (unit.count > factor) {
        // Twice the factor (`密密密密` among pairs): a real 密密 inside doubled text, or laughter.
        if (!isSoundWord(unit.cp)) gu = 2;
      } else if (unexplainedPairs?.[gi] === 1) {
        gu = 1;
      }
    } else if (g.kind === KIND_WORD) {
      let letters = 0;
      let hex = true;
      let dateLetters = true;
      for (let i = g.from; i < g.to; i++) {
        const unit = units[i] as Unit;
        if (unit.ligature !== null) {
          hex = false;
          dateLetters = false;
          continue;
        }
        letters++;
        if (!isHexDigit(unit.cp)) hex = false;
        if (!DATE_LETTERS.has(unit.cp | 0x20)) dateLetters = false;
      }
      gn = letters;
      for (let i = g.from; i < g.to; i++) if ((units[i] as Unit).count % (2 * factor) !== 0) fitsDoubleFactor = false;
      // Hex digits double by chance (`ee`, `ff`); a date or time format (`YYYYMMDDHHMMSS`, `hhmmss`)
      // is written with its letters doubled: neither is evidence.
      if (letters >= 2 && !hex && !dateLetters) {
        gu = letters;
        latinWords++;
        if (letters > longestLatinWord) longestLatinWord = letters;
      }
    } else if (g.kind === KIND_NUMBER) {
      // A doubled number is evidence only when it is glued to doubled text (`22002233年年`);
      // alone it may be a phone number or a code.
      const prev = groups[gi - 1];
      const next = groups[gi + 1];
      const glued =
        (prev !== undefined &&
          prev.end === g.start &&
          prev.doubled &&
          (prev.kind === KIND_HAN || prev.kind === KIND_WORD)) ||
        (next !== undefined &&
          next.start === g.end &&
          next.doubled &&
          (next.kind === KIND_HAN || next.kind === KIND_WORD));
      // In a heading where every letter and digit is doubled (`22..33  DDEE22--111155上上电电`), a
      // section number is part of the damage too.
      const sectionNumber = placedAllDoubled && isSectionNumber(units, groups, gi);
      if ((glued && g.to - g.from >= 3) || sectionNumber) {
        gn = g.to - g.from;
        gu = gn;
        // A doubled section number is a doubled word of its own (`33..99  VVGGAA`).
        if (sectionNumber && !continuesNumber(units, groups, gi)) latinWords++;
      }
    } else if (g.strong) {
      strongPunct++;
    }
    n += gn;
    u += gu;
    chunk.n += gn;
    chunk.u += gu;
  }
  const first = groups[0] as Group;
  const last = groups[groups.length - 1] as Group;
  const whole = isWholeBlock(text, first.start, last.end);
  // A chunk at either end that the dictionary explains in full and that touches clean Han text
  // (`……函函数数 ：想想可存储`) belongs to that text, not to the doubled text beside it.
  const keptChunks = new Set<number>();
  const edgeChunk = (c: number, outside: number) => {
    const ch = chunks[c];
    if (ch !== undefined && ch.u === 0 && chunkHasHan[c] === true && outside >= 0) {
      if (classifyCodePoint(outside) === CLASS_HAN) keptChunks.add(c);
    }
  };
  if (chunks.length > 1) {
    edgeChunk(0, codePointBefore(text, first.start));
    edgeChunk(chunks.length - 1, last.end < text.length ? (text.codePointAt(last.end) as number) : -1);
  }
  const collapseTokens = !(singleWord && han > 0);
  const collapse = new Uint8Array(groups.length);
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi] as Group;
    if (!g.doubled || keptChunks.has(groupChunk[gi] as number)) continue;
    if (g.kind === KIND_WORD || g.kind === KIND_NUMBER) collapse[gi] = collapseTokens ? 1 : 0;
    // Two ideographic spaces are Chinese typography (an indent, the gap after a section number).
    else if (g.kind === KIND_BLANK && (units[g.from] as Unit).cp === 0x3000) collapse[gi] = 0;
    else if (g.kind === KIND_PUNCT && (units[g.from] as Unit).cp < 0x80)
      collapse[gi] = collapsesAsciiPunct(units, groups, gi) ? 1 : 0;
    else collapse[gi] = 1;
  }
  return {
    groups,
    start: first.start,
    end: last.end,
    collapse,
    fitsDoubleFactor: n > 0 && fitsDoubleFactor,
    evidence: {
      factor,
      n,
      u,
      han,
      strongPunct,
      latinWords,
      longestLatinWord,
      chunks,
      whole,
      leadIn: !whole && isLeadIn(text, first.start, last.end),
      numbered: whole && isNumberedHeading(text, first.start),
      label: whole && isLabel(text, first.start, last.end),
      doubledWord: factor === 2 && n === 2 && han === 2 && isDoubledWord(hanChars[0] as number, hanChars[1] as number),
      dateFormat: factor === 2 && han >= 2 && n === han && onlyDateUnits,
      enclosed: !whole && isEnclosed(text, first.start, last.end),
      support: 'none',
    },
  };
}

/** The letters of date and time formats (`YYYYMMDD`, `HHmmss`), lower case. */
const DATE_LETTERS = new Set(Array.from('ymdhs', (c) => c.charCodeAt(0)));

/** The units of dates and times, which formats write out doubled (年年年年月月日日时时分分秒秒). */
const DATE_UNITS = new Set(Array.from('年月日时時分秒', (c) => c.codePointAt(0) as number));

/** A section or page number printed once, and nothing else, before the heading (`3.2  `, `1`, `#4.1　　`). */
const NUMBERED_HEADING = /^[\s\u3000#]*\d+(?:[.．-]\d+)*[.．、]?[\s\u3000]*$/;

function isNumberedHeading(text: string, start: number): boolean {
  return start > 0 && start <= 32 && NUMBERED_HEADING.test(text.slice(0, start));
}

/** A colon, and then only blanks or a line to fill in (`姓名：______`). */
const LABEL_END = /^[:：][\s\u3000_＿]*$/;

/** Does a form's label stand alone: nothing but blanks before the segment, a colon after it? */
function isLabel(text: string, start: number, end: number): boolean {
  return end - start <= 32 && text.slice(0, start).trim() === '' && LABEL_END.test(text.slice(end));
}

/** Is AABB the doubling of the word AB, and not a reduplication of its own (see `doubledWord`)? */
function isDoubledWord(a: number, b: number): boolean {
  return isTwoCharacterWord(a, b) && !isAabbWord(a, b) && !isReduplicable(a) && !isReduplicable(b);
}

/**
 * Is the segment the whole block or its lead-in, with every word and number in it doubled (no
 * ASCII left single)?
 */
function isPlacedAllDoubled(text: string, groups: Group[]): boolean {
  for (const g of groups) if (!g.doubled && (g.kind === KIND_WORD || g.kind === KIND_NUMBER)) return false;
  const start = (groups[0] as Group).start;
  const end = (groups[groups.length - 1] as Group).end;
  return isWholeBlock(text, start, end) || isLeadIn(text, start, end);
}

/**
 * Is the number at groups[gi] a doubled section number (`22..33`, `1100`), ending at a blank or
 * the doubled text after it, with only doubled dots or hyphens inside?
 */
function isSectionNumber(units: Unit[], groups: Group[], gi: number): boolean {
  let j = gi + 1;
  for (; groups[j] !== undefined; j++) {
    const g = groups[j] as Group;
    if (g.kind === KIND_NUMBER) continue;
    const cp = (units[g.from] as Unit).cp;
    if (g.kind === KIND_PUNCT && g.doubled && (cp === 0x2e || cp === 0x2d)) continue;
    break;
  }
  const after = groups[j];
  return after === undefined || after.kind === KIND_BLANK || after.kind === KIND_HAN || after.kind === KIND_WORD;
}

/** Is groups[gi] a later part of a number (`22` in `11..22`)? */
function continuesNumber(units: Unit[], groups: Group[], gi: number): boolean {
  const prev = groups[gi - 1];
  if (prev === undefined || prev.kind !== KIND_PUNCT) return false;
  const cp = (units[prev.from] as Unit).cp;
  return (cp === 0x2e || cp === 0x2d) && groups[gi - 2]?.kind === KIND_NUMBER;
}

/**
 * ASCII punctuation that markdown and wiki markup wrap text in (`**重点**`, `--flag`, `==`): Chinese
 * beside it proves nothing, so it collapses only with doubled Latin or digits.
 */
const MARKUP_PUNCT = new Set(Array.from('*_~`#=-+|<>', (c) => c.charCodeAt(0)));

/**
 * Does a doubled run of ASCII punctuation belong to the doubling pattern? Only when what it
 * touches (past other doubled ASCII punctuation) is doubled too, and nothing it touches is ASCII
 * left single: `HHeelllloo,,` and `hhttttppss::////` collapse, the `**` of `**display**` beside
 * doubled Chinese does not. Markup punctuation goes only with doubled Latin or digits. A doubled
 * word or number across one blank counts as touching (`sseelleecctt ** ffrroomm`, `nnaammee == 11000000`,
 * a `''''` after `DDEEFFAAUULLTT`): code printed in bold is doubled, operators and all.
 */
function collapsesAsciiPunct(units: Unit[], groups: Group[], gi: number): boolean {
  const markup = MARKUP_PUNCT.has((units[(groups[gi] as Group).from] as Unit).cp);
  const skipPunct = (from: number, side: -1 | 1): number => {
    let j = from;
    while (groups[j] !== undefined && isDoubledAsciiPunct(units, groups[j] as Group)) j += side;
    return j;
  };
  const beside = (side: -1 | 1): Group | undefined => {
    const j = skipPunct(gi + side, side);
    const g = groups[j];
    if (g === undefined || g.kind !== KIND_BLANK || !isShortSpace(units, g)) return g;
    const across = groups[skipPunct(j + side, side)];
    return across?.doubled && (across.kind === KIND_WORD || across.kind === KIND_NUMBER) ? across : g;
  };
  let doubledBeside = false;
  for (const g of [beside(-1), beside(1)]) {
    if (g === undefined) continue;
    const token = g.kind === KIND_WORD || g.kind === KIND_NUMBER;
    if (!g.doubled && (token || (g.kind === KIND_PUNCT && (units[g.from] as Unit).cp < 0x80))) return false;
    if (g.doubled && (token || (!markup && g.kind === KIND_HAN))) doubledBeside = true;
  }
  return doubledBeside;
}

/** One or two ASCII spaces (a blank between words, printed once or doubled). */
function isShortSpace(units: Unit[], g: Group): boolean {
  const unit = units[g.from] as Unit;
  return g.to - g.from === 1 && unit.cp === 0x20 && unit.count <= 2;
}

function isDoubledAsciiPunct(units: Unit[], g: Group): boolean {
  return g.doubled && g.kind === KIND_PUNCT && (units[g.from] as Unit).cp < 0x80;
}

/** Does text[start, end) open the block (after furniture), with a blank or punctuation after it? */
function isLeadIn(text: string, start: number, end: number): boolean {
  if (end >= text.length) return false;
  const cls = classifyCodePoint(text.charCodeAt(end));
  if (cls !== CLASS_SPACE && cls !== CLASS_STRONG_PUNCT && cls !== CLASS_WEAK_PUNCT && cls !== CLASS_PAIR_PUNCT) {
    return false;
  }
  for (let i = start - 1; i >= 0; i--) if (!isFurniture(text.charCodeAt(i))) return false;
  return true;
}

/** Is text[start, end) between an opening bracket or quote and its closing one? */
function isEnclosed(text: string, start: number, end: number): boolean {
  if (start === 0 || end >= text.length) return false;
  return closingOf(text.charCodeAt(start - 1)) === text.charCodeAt(end);
}

function isChunkTransparent(g: Group, units: Unit[]): boolean {
  if (g.kind === KIND_WORD || g.kind === KIND_NUMBER) return true;
  return g.kind === KIND_PUNCT && g.to - g.from === 1 && isQuoteOrBracket((units[g.from] as Unit).cp);
}

/**
 * Which doubled Han runs of two (`XX`, at factor 2) no reading as ordinary Chinese explains: 1 at
 * the group's index. Each stretch of touching runs is read as well as the dictionary allows, every
 * copy of a character used once: a pair can be an AA word (常常), two pairs an AABB word (高高兴兴),
 * and a copy can make a word with the copy beside it, so a chain of words (足|球球|场场|地地|面面|积
 * is 足球|球场|场地|地面|面积) explains every pair in it. What is left over is unexplained.
 */
function findUnexplainedPairs(text: string, units: Unit[], groups: Group[], minRow: number): Uint8Array {
  const unexplained = new Uint8Array(groups.length);
  for (let from = 0; from < groups.length; ) {
    if (!isHanPair(units, groups[from] as Group)) {
      from++;
      continue;
    }
    let to = from + 1;
    while (
      to < groups.length &&
      isHanPair(units, groups[to] as Group) &&
      (groups[to] as Group).start === (groups[to - 1] as Group).end
    ) {
      to++;
    }
    const n = to - from;
    growScratch(n);
    for (let i = 0; i < n; i++) pairChars[i] = (units[(groups[from + i] as Group).from] as Unit).cp;
    const first = groups[from] as Group;
    const last = groups[to - 1] as Group;
    const before = codePointBefore(text, first.start);
    const after = last.end < text.length ? (text.codePointAt(last.end) as number) : -1;
    readPairs(n, before, after, minRow, unexplained, from);
    from = to;
  }
  return unexplained;
}

function isHanPair(units: Unit[], g: Group): boolean {
  return g.kind === KIND_HAN && g.doubled && (units[g.from] as Unit).count === 2;
}

// Scratch space of readPairs, grown as needed and reused: no allocation per stretch.
let pairChars = new Int32Array(16);
let pairCost = new Int32Array(64);
let pairFrom = new Int32Array(64);
const UNREACHED = 0x3fffffff;

function growScratch(n: number): void {
  if (pairChars.length < n) pairChars = new Int32Array(2 * n);
  if (pairCost.length < 4 * n + 2) {
    pairCost = new Int32Array(8 * n + 4);
    pairFrom = new Int32Array(8 * n + 4);
  }
}

function relax(state: number, next: number, extra: number): void {
  const c = (pairCost[state] as number) + extra;
  if (c < (pairCost[next] as number)) {
    pairCost[next] = c;
    pairFrom[next] = state;
  }
}

/**
 * The best reading of the n characters in pairChars, each printed twice, between `before` and
 * `after` (-1 at the block's edge): marks out[at + i] = 1 for each pair with a copy left over, the
 * fewest such pairs. Copies are read left to right (position k: the first copy of character k >> 1
 * when k is even, the second when odd); state k * 2 + s is "k copies read", with s = 1 when the
 * first copy of the current pair was left over, and pairCost[state] the fewest pairs left over.
 */
function readPairs(n: number, before: number, after: number, minRow: number, out: Uint8Array, at: number): void {
  const end = 2 * n;
  pairCost.fill(UNREACHED, 0, 2 * end + 2);
  pairCost[0] = 0;
  const digits = isAllDigits(n);
  for (let k = 0; k < end; k++) {
    for (let s = 0; s <= 1; s++) {
      const state = k * 2 + s;
      if (pairCost[state] === UNREACHED) continue;
      const i = k >> 1;
      const x = pairChars[i] as number;
      const next = i + 1 < n ? (pairChars[i + 1] as number) : -1;
      if ((k & 1) === 0) {
        if (digits || isAaWordIn(n, i, minRow)) relax(state, (k + 2) * 2, 0);
        if (next >= 0 && isAabbWord(x, next)) relax(state, (k + 4) * 2, 0);
        if (i === 0 && before >= 0 && isTwoCharacterWord(before, x)) relax(state, (k + 1) * 2, 0);
        // Left over: charged once for the pair, when its second copy is read.
        relax(state, (k + 1) * 2 + 1, 0);
      } else {
        if (next >= 0 && isTwoCharacterWord(x, next)) relax(state, (k + 2) * 2, s);
        if (i === n - 1 && after >= 0 && isTwoCharacterWord(x, after)) relax(state, (k + 1) * 2, s);
        relax(state, (k + 1) * 2, 1);
      }
    }
  }
  // Walk back along the best reading and mark the pairs with a copy left over.
  let state = (pairCost[end * 2] as number) <= (pairCost[end * 2 + 1] as number) ? end * 2 : end * 2 + 1;
  while (state > 0) {
    const prev = pairFrom[state] as number;
    if ((pairCost[state] as number) > (pairCost[prev] as number)) out[at + (prev >> 2)] = 1;
    state = prev;
  }
}

/** Pairs of digit numerals and nothing else are a number (`一一二二` is 1122); `六六十十九九` is not. */
function isAllDigits(n: number): boolean {
  for (let i = 0; i < n; i++) if (!HAN_DIGITS.has(pairChars[i] as number)) return false;
  return true;
}

const HAN_DIGITS = new Set(Array.from('〇○零一二三四五六七八九', (c) => c.codePointAt(0) as number));

/**
 * Does the pair pairChars[i] (of n) read as an AA word (常常)? Not when it stands among `minRow` or
 * more pairs in a row (three, or two on a page with doubled text) and makes a word with a
 * neighbour once halved (`光光明明日日报报`: 明日, 日报): AA words in a row do not read as words
 * across their pairs.
 */
function isAaWordIn(n: number, i: number, minRow: number): boolean {
  const x = pairChars[i] as number;
  if (!isReduplicable(x)) return false;
  if (n < minRow) return true;
  // Without the page's evidence (a row of three), AA words side by side read as such.
  if (minRow >= 3 && allReduplicable(n)) return true;
  const prev = i > 0 ? (pairChars[i - 1] as number) : -1;
  const next = i + 1 < n ? (pairChars[i + 1] as number) : -1;
  return !(
    (prev >= 0 && isTwoCharacterWord(prev, x) && !isAabbWord(prev, x)) ||
    (next >= 0 && isTwoCharacterWord(x, next) && !isAabbWord(x, next))
  );
}

/**
 * Is every pair of the row one a dictionary word writes doubled (爸爸妈妈哥哥姐姐: AA words side by
 * side)? Then each reads as its own AA word, even where two halves would make a word (爸妈), unless
 * the page has shown doubled text (`担担当当` in a page's table of contents is 担当).
 */
function allReduplicable(n: number): boolean {
  for (let i = 0; i < n; i++) if (!isReduplicable(pairChars[i] as number)) return false;
  return true;
}

function codePointBefore(text: string, at: number): number {
  if (at <= 0) return -1;
  const c = text.charCodeAt(at - 1);
  if (c >= 0xdc00 && c <= 0xdfff && at >= 2) {
    const h = text.charCodeAt(at - 2);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/**
 * Is text[start, end) the whole block, apart from blanks, punctuation and digits around it (a page
 * number glued to a heading) and one Han character right before it (a first glyph left single)?
 */
function isWholeBlock(text: string, start: number, end: number): boolean {
  for (let i = end; i < text.length; i++) {
    if (!isFurniture(text.charCodeAt(i))) return false;
  }
  let i = start - 1;
  if (i >= 0 && classifyCodePoint(text.charCodeAt(i)) === CLASS_HAN) i--;
  for (; i >= 0; i--) {
    if (!isFurniture(text.charCodeAt(i))) return false;
  }
  return true;
}

function isFurniture(c: number): boolean {
  if (isBlank(c)) return true;
  const cls = classifyCodePoint(c);
  return cls === CLASS_DIGIT || cls === CLASS_STRONG_PUNCT || cls === CLASS_PAIR_PUNCT || cls === CLASS_WEAK_PUNCT;
}

/** The replacement for one unit collapsed by `factor`. */
export function collapseUnit(unit: Unit, factor: number): string {
  const one = unit.ligature ?? String.fromCodePoint(unit.cp);
  return one.repeat(unit.count / factor);
}
