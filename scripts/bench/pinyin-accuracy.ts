/**
 * Accuracy of Qingdu's pinyin, scored through the extension's own annotation path: each sentence is
 * split across random inline elements, as on real pages, annotated by the pinyin feature's
 * annotator from the page's text blocks, and the readings are taken from the `<ruby>` elements.
 * The baseline is pinyin-pro alone (default options, no extra dictionary) on the plain sentences,
 * in the same run. Two figures:
 *
 * - `pinyin_polyphone_acc`: the labelled character of each sentence of the CPP benchmark's dev
 *   split (tests/data/g2pm), which over-represents rare readings;
 * - `pinyin_everyday_acc`: every occurrence of an everyday word with one fixed reading
 *   (scripts/lib/everyday-words.ts) in the held-out natural text (scripts/lib/natural-text.ts: the
 *   CPP dev sentences and TypeScript's Chinese messages); a word counts as right when every one of
 *   its syllables is.
 *
 *   npx tsx scripts/bench/pinyin-accuracy.ts      # prints the figures as JSON, with the words still wrong
 *
 * Nothing here is tuned on: the context rules are learned and checked on the CPP test split only
 * (scripts/derive-pinyin-data.ts).
 */
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { pinyin } from 'pinyin-pro';
import { RUBY_CLASS } from '../../lib/dom/ruby';
import { PINYIN_FORM_ATTRIBUTES, PinyinAnnotator } from '../../lib/features/pinyin';
import { uninstallPinyinData } from '../../lib/text/pinyin/read-pinyin';
import { loadCppSplit } from '../lib/cpp-benchmark';
import { findEverydayWords, isReadRight } from '../lib/everyday-words';
import { HELD_OUT_SOURCES, loadNaturalSentences, type NaturalTextSource } from '../lib/natural-text';
import { createRandom } from '../lib/random';

export interface PinyinAccuracy {
  /** Share of dev sentences whose labelled character Qingdu's annotation reads right (0–1). */
  pinyin_polyphone_acc: number;
  /** The same for pinyin-pro alone. */
  baseline_acc: number;
  sentences: number;
  /** Share of everyday-word occurrences in held-out natural text that Qingdu reads right (0–1). */
  pinyin_everyday_acc: number;
  /** The same for pinyin-pro alone. */
  everyday_baseline_acc: number;
  /** Everyday-word occurrences scored, and the sentences they come from. */
  everyday_words: number;
  everyday_sentences: number;
  /** The same figures per source of natural text. */
  everyday_by_source: Record<string, { acc: number; baseline_acc: number; words: number; sentences: number }>;
  /** Every word Qingdu still reads wrong somewhere, most often first. */
  everyday_wrong: EverydayMiss[];
}

export interface EverydayMiss {
  word: string;
  /** The dictionary reading, numbered. */
  expected: string;
  /** Qingdu's readings where they differ, with how often each. */
  read: Record<string, number>;
  wrong: number;
  occurrences: number;
  /** How often pinyin-pro alone is wrong on it. */
  baseline_wrong: number;
}

export interface PinyinAccuracyOptions {
  /** Score only the first N sentences of each source (default: all; 9,893 for CPP dev). */
  limit?: number;
  /** Seed of the random inline splits (default 1). */
  seed?: number;
}

const INLINE_TAGS = ['b', 'span', 'a', 'em', 'strong', 'i', 'font'];
const SENTENCES_PER_PAGE = 200;

/** pinyin-pro writes the neutral tone as 0 (or not at all) and ü as ü; labels use 5 and v. */
const normalize = (reading: string | undefined): string | undefined =>
  reading === undefined
    ? undefined
    : reading
        .replace(/ü/g, 'v')
        .replace(/0$/, '5')
        .replace(/^([a-zv]+)$/, '$15');

type Readings = (string | undefined)[];

/** pinyin-pro alone: one reading per code point of each sentence. */
function readWithPinyinPro(sentences: readonly string[]): Readings[] {
  uninstallPinyinData();
  return sentences.map((text) => pinyin(text, { type: 'array', toneType: 'num', v: true }).map(normalize));
}

/** Append `text` to `parent` cut into pieces, some wrapped in (sometimes nested) inline elements. */
function appendSplit(doc: Document, parent: Element, text: string, random: () => number): void {
  const chars = Array.from(text);
  let i = 0;
  while (i < chars.length) {
    const length = 1 + Math.floor(random() * 6);
    const piece = chars.slice(i, i + length).join('');
    i += length;
    if (random() < 0.5) {
      parent.appendChild(doc.createTextNode(piece));
      continue;
    }
    let element = doc.createElement(INLINE_TAGS[Math.floor(random() * INLINE_TAGS.length)] ?? 'span');
    const outer = element;
    if (random() < 0.25) {
      const inner = doc.createElement(INLINE_TAGS[Math.floor(random() * INLINE_TAGS.length)] ?? 'span');
      element.appendChild(inner);
      element = inner;
    }
    element.textContent = piece;
    parent.appendChild(outer);
  }
}

/** The reading on the ruby over each code point of `paragraph`'s text (undefined: none). */
function readRubies(paragraph: Element): Readings {
  const readings: Readings = [];
  const collect = (node: Node) => {
    if (node.nodeType === 3) {
      const ruby = node.parentElement;
      const annotated = ruby?.localName === 'ruby' && ruby.classList.contains(RUBY_CLASS);
      const reading = annotated
        ? normalize(ruby.querySelector('rt')?.getAttribute(PINYIN_FORM_ATTRIBUTES['tone-numbers']) ?? undefined)
        : undefined;
      for (const _ of Array.from(node.textContent ?? '')) readings.push(reading);
      return;
    }
    // The <rt> holds no text (its forms are attributes), so walking everything is safe.
    for (let child = node.firstChild; child; child = child.nextSibling) collect(child);
  };
  collect(paragraph);
  return readings;
}

/** Qingdu through the page path: one reading per code point of each sentence. */
function readThroughPage(sentences: readonly string[], seed: number): Readings[] {
  const random = createRandom(seed);
  const readings: Readings[] = [];
  for (let start = 0; start < sentences.length; start += SENTENCES_PER_PAGE) {
    const page = sentences.slice(start, start + SENTENCES_PER_PAGE);
    // linkedom rather than happy-dom: the same DOM API, ten times faster on 10,000 sentences.
    const doc = parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
    const paragraphs = page.map((text) => {
      const p = doc.createElement('p');
      appendSplit(doc, p, text, random);
      doc.body.appendChild(p);
      return p;
    });
    // A fresh annotator per page, so the annotations of pages already scored can be collected.
    new PinyinAnnotator({ style: 'tone-numbers', toneColors: 'off' }).annotateRoot(doc.body);
    for (const p of paragraphs) readings.push(readRubies(p));
  }
  return readings;
}

interface EverydayScore {
  right: number;
  baselineRight: number;
  words: number;
}

function scoreEveryday(
  sentences: readonly string[],
  qingdu: readonly Readings[],
  baseline: readonly Readings[],
  misses: Map<string, EverydayMiss>,
): EverydayScore {
  const score = { right: 0, baselineRight: 0, words: 0 };
  for (const occurrence of findEverydayWords(sentences)) {
    score.words++;
    const read = qingdu[occurrence.sentence] ?? [];
    const right = isReadRight(occurrence, read);
    const baselineRight = isReadRight(occurrence, baseline[occurrence.sentence] ?? []);
    if (right) score.right++;
    if (baselineRight) score.baselineRight++;
    const miss = misses.get(occurrence.word) ?? {
      word: occurrence.word,
      expected: occurrence.readings.join(' '),
      read: {},
      wrong: 0,
      occurrences: 0,
      baseline_wrong: 0,
    };
    misses.set(occurrence.word, miss);
    miss.occurrences++;
    if (!baselineRight) miss.baseline_wrong++;
    if (!right) {
      miss.wrong++;
      const reading = read.slice(occurrence.start, occurrence.start + occurrence.readings.length).join(' ');
      miss.read[reading] = (miss.read[reading] ?? 0) + 1;
    }
  }
  return score;
}

export async function measurePinyinAccuracy(options: PinyinAccuracyOptions = {}): Promise<PinyinAccuracy> {
  const seed = options.seed ?? 1;
  const limit = (list: string[]) => (options.limit ? list.slice(0, options.limit) : list);
  const dev = loadCppSplit('dev');
  const cpp = options.limit ? dev.slice(0, options.limit) : dev;
  const cppTexts = cpp.map((s) => s.text);
  // The CPP dev sentences are read once and scored twice: the labelled character, every everyday word.
  const cppBaseline = readWithPinyinPro(cppTexts);
  const cppQingdu = readThroughPage(cppTexts, seed);
  let right = 0;
  let baselineRight = 0;
  cpp.forEach((s, n) => {
    if (cppQingdu[n]?.[s.index] === s.label) right++;
    if (cppBaseline[n]?.[s.index] === s.label) baselineRight++;
  });

  const misses = new Map<string, EverydayMiss>();
  const bySource: PinyinAccuracy['everyday_by_source'] = {};
  const total = { right: 0, baselineRight: 0, words: 0, sentences: 0 };
  for (const source of HELD_OUT_SOURCES) {
    let sentences: string[];
    let qingdu: Readings[];
    let baseline: Readings[];
    if (source === 'cpp-dev') {
      // The held-out CPP sentences are among those just read: look their readings up.
      const held = new Set(loadNaturalSentences('cpp-dev'));
      const index = new Map<string, number>();
      cppTexts.forEach((text, n) => {
        if (held.has(text) && !index.has(text)) index.set(text, n);
      });
      sentences = [...index.keys()];
      qingdu = sentences.map((text) => cppQingdu[index.get(text) ?? -1] ?? []);
      baseline = sentences.map((text) => cppBaseline[index.get(text) ?? -1] ?? []);
    } else {
      sentences = limit(loadNaturalSentences(source as NaturalTextSource));
      baseline = readWithPinyinPro(sentences);
      qingdu = readThroughPage(sentences, seed);
    }
    const score = scoreEveryday(sentences, qingdu, baseline, misses);
    bySource[source] = {
      acc: score.right / score.words,
      baseline_acc: score.baselineRight / score.words,
      words: score.words,
      sentences: sentences.length,
    };
    total.right += score.right;
    total.baselineRight += score.baselineRight;
    total.words += score.words;
    total.sentences += sentences.length;
  }
  return {
    pinyin_polyphone_acc: right / cpp.length,
    baseline_acc: baselineRight / cpp.length,
    sentences: cpp.length,
    pinyin_everyday_acc: total.right / total.words,
    everyday_baseline_acc: total.baselineRight / total.words,
    everyday_words: total.words,
    everyday_sentences: total.sentences,
    everyday_by_source: bySource,
    everyday_wrong: [...misses.values()]
      .filter((m) => m.wrong > 0)
      .sort((a, b) => b.wrong - a.wrong || a.word.localeCompare(b.word)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const limit = Number(process.env.PINYIN_ACCURACY_LIMIT) || undefined;
  const result = await measurePinyinAccuracy({ limit });
  console.log(
    JSON.stringify({ ...result, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }, null, 1),
  );
}
