/**
 * Pinyin readings for a whole block of text, in context. Pure (no DOM): the page layer hands in a
 * block's text and gets one reading per Han character back, with its offset, so a word split across
 * inline elements (`<b>银</b>行`) is read as one word.
 *
 * Three layers, each measured on the CPP polyphone benchmark (scripts/bench/pinyin-accuracy.ts):
 * 1. pinyin-pro with its own word segmentation (银行 háng, 行走 xíng, Traditional through its
 *    character map);
 * 2. a word list: the entries of `@pinyin-pro/data`'s modern dictionary that read differently from
 *    pinyin-pro's own (2,600 words instead of 59,000; same accuracy);
 * 3. context rules per polyphonic character (neighbouring characters → reading), learned from a
 *    labelled split that is not the one we score on (scripts/derive-pinyin-data.ts).
 * Reader overrides from settings win over all three.
 *
 * pinyin-pro keeps its dictionaries in module state, so the word list is installed under one name
 * and can be removed again (the benchmark does, to score pinyin-pro alone in the same run).
 */
import { addDict, addTraditionalDict, convert, pinyin, removeDict } from 'pinyin-pro';
import type { PinyinStyle } from '../reading-aid-options';
import { convertToZhuyin } from './zhuyin';

/** Compact data the reader loads with the feature (see scripts/derive-pinyin-data.ts). */
export interface PinyinData {
  /** Word → readings with tone marks, space separated (`{ 行长: 'háng zhǎng' }`). */
  words: Readonly<Record<string, string>>;
  /**
   * Character → ordered rules `[base reading|feature, numbered reading]`; the first rule whose base
   * reading and context feature both match wins.
   */
  rules: Readonly<Record<string, readonly (readonly [string, string])[]>>;
  /**
   * Character → dictionary words (Simplified) its context rules may not reach into: inside an
   * occurrence of one of them the character keeps the reading the word gives it (为 in 为了).
   */
  guards: Readonly<Record<string, readonly string[]>>;
  /** Traditional → Simplified, one character each; context rules look at Simplified text. */
  traditional: Readonly<Record<string, string>>;
}

/** One Han character's reading inside a block. */
export interface CharReading {
  /** Offset in UTF-16 code units within the block text. */
  index: number;
  /** The character itself (one code point, possibly two code units). */
  char: string;
  /** Reading with a tone number, 1–4, 5 for the neutral tone: `hang2`, `lv4`, `le5`. */
  numbered: string;
}

export interface ReadPinyinOptions {
  /** Word → readings (tone marks or numbers, space separated), e.g. `{ 银行: 'yín háng' }`. */
  overrides?: Readonly<Record<string, string>>;
}

/** The name pinyin-pro keeps Qingdu's word list under. */
export const PINYIN_WORDS_DICT_NAME = 'qingdu-words';

// CJK Unified Ideographs, Extension A, compatibility ideographs and the supplementary planes.
const HAN_RE = /\p{Script=Han}/u;

/** Cheap test before any real work. */
export function containsHan(text: string): boolean {
  return HAN_RE.test(text);
}

/** One code point that is a Han character (not 〇 or the iteration marks, which have no reading here). */
export function isHanChar(char: string): boolean {
  return HAN_RE.test(char) && char !== '〇' && char !== '々' && char !== '〆';
}

let installed: Pick<PinyinData, 'words' | 'traditional'> | undefined;

/**
 * Install the word list and Traditional map into pinyin-pro, once per pair: data that differs only
 * in its rules (as in tests and the derivation script) shares the installation.
 */
function installData(data: PinyinData): void {
  if (installed?.words === data.words && installed.traditional === data.traditional) return;
  removeDict(PINYIN_WORDS_DICT_NAME);
  addDict(toDict(data.words), { name: PINYIN_WORDS_DICT_NAME });
  addTraditionalDict(data.traditional as Record<string, string>);
  installed = { words: data.words, traditional: data.traditional };
}

function toDict(words: Readonly<Record<string, string>>): Record<string, string> {
  return { ...words };
}

/** Take Qingdu's word list out of pinyin-pro again (benchmarks score pinyin-pro alone). */
export function uninstallPinyinData(): void {
  removeDict(PINYIN_WORDS_DICT_NAME);
  installed = undefined;
}

/** pinyin-pro's tone-number output uses 0 for the neutral tone and `ü` as `v` on request. */
function normalizeNumbered(reading: string): string {
  if (/[0-5]$/.test(reading)) return reading.endsWith('0') ? `${reading.slice(0, -1)}5` : reading;
  return /^[a-zv]+$/.test(reading) ? `${reading}5` : reading;
}

/** A reading written with tone marks or tone numbers → numbered form with `v` for ü. */
export function toNumbered(reading: string): string {
  const lower = reading.trim().toLowerCase();
  if (/^[a-zü:v]+[0-5]?$/.test(lower)) return normalizeNumbered(lower.replace('u:', 'v').replace(/ü/g, 'v'));
  const converted = convert(lower, { format: 'symbolToNum' });
  return normalizeNumbered(converted.replace(/ü/g, 'v'));
}

/** The context features a rule can test, most specific first; `#` stands for "no character". */
export function listContextFeatures(chars: readonly string[], i: number): string[] {
  const at = (k: number) => chars[k] ?? '#';
  return [
    `m${at(i - 1)}${at(i + 1)}`,
    `l${at(i - 2)}${at(i - 1)}`,
    `r${at(i + 1)}${at(i + 2)}`,
    `L${at(i - 1)}`,
    `R${at(i + 1)}`,
    '*',
  ];
}

/**
 * Readings of pinyin-pro plus the word list, one per code point of `text` (non-Han entries are
 * whatever pinyin-pro returns for them). Exported for the data derivation script, which learns
 * context rules against exactly this base.
 *
 * Traditional text is read through its Simplified form (因為 as 因为 yīn wèi, 空間 as 空间 kōng jiān):
 * pinyin-pro's words are Simplified, and its own Traditional mode reads 因為 yīn wéi. The map holds
 * only one-to-one pairs, never 乾 or 著, which Simplified text uses too (乾隆, 著名). A lone 髮 is
 * read as 发 fā; pinyin-pro's readings of Traditional characters are too incomplete (間 only jiàn)
 * to tell such characters apart.
 */
export function readBaseReadings(text: string, data: PinyinData): string[] {
  installData(data);
  const chars = Array.from(text);
  let mapped = false;
  const simplified = chars.map((char) => {
    const simple = data.traditional[char];
    if (simple === undefined || simple === char) return char;
    mapped = true;
    return simple;
  });
  const source = mapped ? simplified.join('') : text;
  const result = pinyin(source, { type: 'array', toneType: 'num', v: true, traditional: true, segmentit: 1 });
  return result.map(normalizeNumbered);
}

/** Simplified view of each code point, for the context rules. */
function simplifyChars(chars: readonly string[], traditional: PinyinData['traditional']): string[] {
  return chars.map((c) => traditional[c] ?? c);
}

/** Is the character at `i` inside an occurrence of one of its guarded words? */
function isGuarded(chars: readonly string[], i: number, data: PinyinData): boolean {
  const char = chars[i] ?? '';
  for (const word of data.guards[char] ?? []) {
    const letters = Array.from(word);
    for (let k = letters.indexOf(char); k !== -1; k = letters.indexOf(char, k + 1)) {
      const start = i - k;
      if (start >= 0 && letters.every((letter, j) => chars[start + j] === letter)) return true;
    }
  }
  return false;
}

function applyRules(chars: readonly string[], i: number, base: string, data: PinyinData): string | undefined {
  const rules = data.rules[chars[i] ?? ''];
  if (!rules) return undefined;
  const features = new Set(listContextFeatures(chars, i).map((feature) => `${base}|${feature}`));
  for (const [feature, reading] of rules) {
    if (!features.has(feature)) continue;
    return isGuarded(chars, i, data) ? undefined : reading;
  }
  return undefined;
}

/**
 * Every Han character of `text` with its reading in context. `text` is a whole block; offsets are
 * UTF-16 offsets into it.
 */
export function readPinyin(text: string, data: PinyinData, options: ReadPinyinOptions = {}): CharReading[] {
  if (!containsHan(text)) return [];
  const chars = Array.from(text);
  const base = readBaseReadings(text, data);
  const simplified = simplifyChars(chars, data.traditional);
  const numbered: (string | undefined)[] = chars.map((char, i) => {
    if (!isHanChar(char)) return undefined;
    const reading = base[i] ?? '';
    return applyRules(simplified, i, reading, data) ?? reading;
  });
  if (options.overrides) applyOverrides(chars, numbered, options.overrides);
  const readings: CharReading[] = [];
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    const reading = numbered[i];
    if (reading !== undefined && /^[a-zv]+[1-5]$/.test(reading))
      readings.push({ index: offset, char, numbered: reading });
    offset += char.length;
  }
  return readings;
}

/** Reader overrides: longest word first, left to right, never overlapping. */
function applyOverrides(
  chars: readonly string[],
  numbered: (string | undefined)[],
  overrides: Readonly<Record<string, string>>,
): void {
  const entries = Object.entries(overrides)
    .map(([word, reading]) => ({
      word: Array.from(word.trim()),
      readings: String(reading).trim().split(/\s+/).map(toNumbered),
    }))
    // Only whole, well-formed overrides: one real syllable per character.
    .filter(
      (e) =>
        e.word.length > 0 &&
        e.word.length === e.readings.length &&
        e.readings.every((r) => /^[a-zv]+[1-5]$/.test(r) && convertToZhuyin(r) !== undefined),
    )
    .sort((a, b) => b.word.length - a.word.length);
  if (entries.length === 0) return;
  const taken = new Array<boolean>(chars.length).fill(false);
  for (const { word, readings } of entries) {
    for (let i = 0; i + word.length <= chars.length; i++) {
      let match = true;
      for (let k = 0; k < word.length && match; k++) match = chars[i + k] === word[k] && !taken[i + k];
      if (!match) continue;
      for (let k = 0; k < word.length; k++) {
        numbered[i + k] = readings[k];
        taken[i + k] = true;
      }
      i += word.length - 1;
    }
  }
}

/** The tone of a numbered reading: 1–4, 5 for neutral. */
export function getTone(numbered: string): number {
  const tone = Number(numbered.slice(-1));
  return tone >= 1 && tone <= 5 ? tone : 5;
}

/** A numbered reading written in the given style. */
export function formatReading(numbered: string, style: PinyinStyle): string {
  if (style === 'tone-numbers') return numbered.replace(/v/g, 'ü');
  if (style === 'zhuyin') return convertToZhuyin(numbered) ?? numbered;
  const tone = getTone(numbered);
  const body = numbered.slice(0, -1);
  if (tone === 5) return body.replace(/v/g, 'ü');
  return convert(`${body}${tone}`, { format: 'numToSymbol' });
}

const formsCache = new Map<string, Readonly<Record<PinyinStyle, string>>>();

/**
 * All three written forms at once, so the page can switch between them with a stylesheet. Cached:
 * Mandarin has about 1,300 toned syllables, and a page repeats them endlessly.
 */
export function formatAllStyles(numbered: string): Readonly<Record<PinyinStyle, string>> {
  let forms = formsCache.get(numbered);
  if (!forms) {
    forms = {
      'tone-marks': formatReading(numbered, 'tone-marks'),
      'tone-numbers': formatReading(numbered, 'tone-numbers'),
      zhuyin: formatReading(numbered, 'zhuyin'),
    };
    formsCache.set(numbered, forms);
  }
  return forms;
}
