/**
 * Polyphone accuracy of Qingdu's pinyin on the CPP benchmark's dev split (tests/data/g2pm), scored
 * through the extension's own annotation path: each sentence is split across random inline
 * elements, as on real pages, annotated by the pinyin feature's annotator from the page's text
 * blocks, and the reading is taken from the `<ruby>` over the labelled character. The baseline is
 * pinyin-pro alone (default options, no extra dictionary) on the plain sentences, in the same run.
 *
 *   npx tsx scripts/bench/pinyin-accuracy.ts      # prints the figures as JSON
 *
 * Nothing here is tuned on dev: the context rules are learned from the test split
 * (scripts/derive-pinyin-data.ts).
 */
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { pinyin } from 'pinyin-pro';
import { RUBY_CLASS } from '../../lib/dom/ruby';
import { PINYIN_FORM_ATTRIBUTES, PinyinAnnotator } from '../../lib/features/pinyin';
import { uninstallPinyinData } from '../../lib/text/pinyin/read-pinyin';
import { type CppSentence, loadCppSplit } from '../lib/cpp-benchmark';
import { createRandom } from '../lib/random';

export interface PinyinAccuracy {
  /** Share of dev sentences whose labelled character Qingdu's annotation reads right (0–1). */
  pinyin_polyphone_acc: number;
  /** The same for pinyin-pro alone. */
  baseline_acc: number;
  sentences: number;
}

export interface PinyinAccuracyOptions {
  /** Score only the first N sentences (default: all 9,893). */
  limit?: number;
  /** Seed of the random inline splits (default 1). */
  seed?: number;
}

const INLINE_TAGS = ['b', 'span', 'a', 'em', 'strong', 'i', 'font'];
const SENTENCES_PER_PAGE = 200;

const normalize = (reading: string | undefined) => (reading ?? '').replace(/ü/g, 'v').replace(/0$/, '5');

function scoreBaseline(sentences: readonly CppSentence[]): number {
  uninstallPinyinData();
  let right = 0;
  for (const s of sentences) {
    const readings = pinyin(s.text, { type: 'array', toneType: 'num', v: true });
    if (normalize(readings[s.index]) === s.label) right++;
  }
  return right / sentences.length;
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

/** The reading on the ruby over the code point at `index` of `paragraph`'s text, if any. */
function readRubyAt(paragraph: Element, index: number): string | undefined {
  let offset = 0;
  const texts: Text[] = [];
  const collect = (node: Node) => {
    if (node.nodeType === 3) texts.push(node as Text);
    for (let child = node.firstChild; child; child = child.nextSibling) collect(child);
  };
  collect(paragraph);
  for (const node of texts) {
    const text = node.textContent ?? '';
    const length = Array.from(text).length;
    if (offset === index) {
      const ruby = node.parentElement;
      if (ruby?.localName !== 'ruby' || !ruby.classList.contains(RUBY_CLASS)) return undefined;
      return ruby.querySelector('rt')?.getAttribute(PINYIN_FORM_ATTRIBUTES['tone-numbers']) ?? undefined;
    }
    if (offset + length > index) return undefined;
    offset += length;
  }
  return undefined;
}

function scoreAnnotations(sentences: readonly CppSentence[], seed: number): number {
  const random = createRandom(seed);
  let right = 0;
  for (let start = 0; start < sentences.length; start += SENTENCES_PER_PAGE) {
    const page = sentences.slice(start, start + SENTENCES_PER_PAGE);
    // linkedom rather than happy-dom: the same DOM API, ten times faster on 10,000 sentences.
    const doc = parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;
    const paragraphs = page.map((s) => {
      const p = doc.createElement('p');
      appendSplit(doc, p, s.text, random);
      doc.body.appendChild(p);
      return p;
    });
    // A fresh annotator per page, so the annotations of pages already scored can be collected.
    new PinyinAnnotator({ style: 'tone-numbers', toneColors: 'off' }).annotateRoot(doc.body);
    page.forEach((s, i) => {
      const paragraph = paragraphs[i];
      if (paragraph && normalize(readRubyAt(paragraph, s.index)) === s.label) right++;
    });
  }
  return right / sentences.length;
}

export async function measurePinyinAccuracy(options: PinyinAccuracyOptions = {}): Promise<PinyinAccuracy> {
  const all = loadCppSplit('dev');
  const sentences = options.limit ? all.slice(0, options.limit) : all;
  const baseline_acc = scoreBaseline(sentences);
  const pinyin_polyphone_acc = scoreAnnotations(sentences, options.seed ?? 1);
  return { pinyin_polyphone_acc, baseline_acc, sentences: sentences.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const limit = Number(process.env.PINYIN_ACCURACY_LIMIT) || undefined;
  const result = await measurePinyinAccuracy({ limit });
  console.log(JSON.stringify({ ...result, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }));
}
