/**
 * Pinyin over Chinese characters, as ruby. Loaded on demand with its data (never in the
 * always-injected content script) and driven through the reading aid interface.
 *
 * - Whole blocks are read at once (`collectTextBlocks`), so `<b>银</b>行` is read as 银行 yín háng.
 * - Visible blocks are annotated at once, the rest in slices that give the page the main thread
 *   back (`runChunked`); new content is followed with the shared page observer.
 * - Every display option (tone marks / numbers / Zhuyin, tone colours, size, only less common
 *   characters) is one injected stylesheet: all forms are stored on each `<rt>` and the sheet picks.
 * - Off restores the page exactly: the very same text nodes go back (see lib/dom/ruby.ts).
 */

import { runChunked } from '@/lib/dom/chunked';
import { markOwnNode, setFeatureState } from '@/lib/dom/markers';
import { PageObserver } from '@/lib/dom/page-observer';
import { RUBY_CLASS, type RubyAnnotation, RubyAnnotations } from '@/lib/dom/ruby';
import { findBlockContainer, iterateTextBlocks, type TextBlock } from '@/lib/dom/text-blocks';
import { type CharFrequencyData, COMMON_CHARACTER_LEVELS, findCommonLevel } from '@/lib/text/pinyin/char-frequency';
import { CHAR_FREQUENCY, DEFAULT_PINYIN_DATA } from '@/lib/text/pinyin/pinyin-data';
import { containsHan, formatAllStyles, getTone, type PinyinData, readPinyin } from '@/lib/text/pinyin/read-pinyin';
import type { PinyinStyle } from '@/lib/text/reading-aid-options';
import type { PinyinAidOptions, ReadingAid } from './reading-aid';

/** Data attributes on each `<rt>`, one per written form. */
export const PINYIN_FORM_ATTRIBUTES: Record<PinyinStyle, string> = {
  'tone-marks': 'data-qingdu-marks',
  'tone-numbers': 'data-qingdu-numbers',
  zhuyin: 'data-qingdu-zhuyin',
};
/** On each `<ruby>`: the tone (1–5) and, for common characters, the smallest level they are common at. */
export const PINYIN_TONE_ATTRIBUTE = 'data-qingdu-tone';
export const PINYIN_COMMON_ATTRIBUTE = 'data-qingdu-common';
/** The id of the one stylesheet the feature injects. */
export const PINYIN_STYLE_ID = 'qingdu-pinyin-style';

export const DEFAULT_RUBY_SIZE = 50;

/**
 * Time one slice of off-screen annotation may take. Larger than the page layer's default: laying
 * out ruby is what costs (about 10 s for 100,000 annotated characters in headless Chromium), and
 * every slice is followed by a layout, so fewer, fuller slices finish twice as fast while each task
 * still stays under the 50 ms that counts as a long task.
 */
export const PINYIN_CHUNK_BUDGET_MS = 40;

/**
 * The standard five-colour tone scheme (as in MDBG and Pleco's defaults): first tone red, second
 * orange, third green, fourth blue, neutral grey.
 */
export const TONE_COLORS = ['#e30000', '#d98c00', '#00a000', '#1c4fe0', '#808080'] as const;

export interface PinyinFeatureDeps {
  data?: PinyinData;
  frequency?: CharFrequencyData;
}

/** The stylesheet for a set of display options. Exported for tests. */
export function buildPinyinStylesheet(options: PinyinAidOptions): string {
  const size = Math.min(100, Math.max(30, Math.round(options.rubySize ?? DEFAULT_RUBY_SIZE)));
  const form = PINYIN_FORM_ATTRIBUTES[options.style] ?? PINYIN_FORM_ATTRIBUTES['tone-marks'];
  const ruby = `ruby.${RUBY_CLASS}`;
  const rules = [
    `${ruby}{ruby-position:over;ruby-align:center;text-indent:0}`,
    // The pinyin is generated content: never selected, copied or matched by find-in-page.
    `${ruby}>rt{display:ruby-text;font-size:${size}%;font-style:normal;font-weight:normal;letter-spacing:0;` +
      'text-transform:none;text-decoration:none;user-select:none;-webkit-user-select:none;line-height:1}',
    // A little room on each side, so neighbouring readings never run together.
    `${ruby}>rt::before{content:attr(${form});padding:0 0.12em}`,
  ];
  if (options.toneColors === 'standard') {
    TONE_COLORS.forEach((color, i) => {
      rules.push(`${ruby}[${PINYIN_TONE_ATTRIBUTE}="${i + 1}"]>rt{color:${color}}`);
    });
  }
  if (options.threshold) {
    const threshold = options.threshold;
    const hidden = COMMON_CHARACTER_LEVELS.filter((level) => level <= threshold);
    if (hidden.length > 0) {
      const selector = hidden.map((level) => `${ruby}[${PINYIN_COMMON_ATTRIBUTE}="${level}"]>rt`).join(',');
      rules.push(`${selector}{display:none}`);
    }
  }
  return rules.join('\n');
}

/** Blocks measured together in the first pass, before any of them is written. */
const FIRST_PASS_BATCH = 64;

function* batchItems<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Is the element at least partly in the viewport (or has no layout to tell)? */
function isVisible(container: TextBlock['container'], viewHeight: number): boolean {
  if (!('getBoundingClientRect' in container)) return true;
  const rect = container.getBoundingClientRect();
  return rect.bottom >= 0 && rect.top <= viewHeight;
}

/**
 * Elements pinyin stays out of on top of the page layer's rules: the document head (a `<title>`
 * cannot hold ruby), and Japanese or Korean text (kanji and hanja are not read in Mandarin).
 */
function isSkippedForPinyin(element: Element): boolean {
  const name = element.localName;
  if (name === 'head' || name === 'title') return true;
  const lang = element.getAttribute('lang');
  return lang !== null && /^(ja|ko)(-|$)/i.test(lang);
}

function sameOverrides(a: PinyinAidOptions['readingOverrides'], b: PinyinAidOptions['readingOverrides']): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

/**
 * The pinyin annotator for one document. Also used directly (synchronously, via `annotateRoot`)
 * by the polyphone accuracy benchmark, so the benchmark scores exactly this path.
 */
export class PinyinAnnotator {
  readonly annotations = new RubyAnnotations();
  private readonly data: PinyinData;
  private readonly frequency: CharFrequencyData;

  constructor(
    private options: PinyinAidOptions,
    deps: PinyinFeatureDeps = {},
  ) {
    this.data = deps.data ?? DEFAULT_PINYIN_DATA;
    this.frequency = deps.frequency ?? CHAR_FREQUENCY;
  }

  setOptions(options: PinyinAidOptions): void {
    this.options = options;
  }

  /** The annotations of one block (pure planning; nothing is written). */
  planBlock(text: string): RubyAnnotation[] {
    const readings = readPinyin(text, this.data, { overrides: this.options.readingOverrides });
    return readings.map((reading) => {
      const forms = formatAllStyles(reading.numbered);
      const rubyAttributes: Record<string, string> = { [PINYIN_TONE_ATTRIBUTE]: String(getTone(reading.numbered)) };
      const level = findCommonLevel(reading.char, this.frequency, this.data.traditional);
      if (level !== undefined) rubyAttributes[PINYIN_COMMON_ATTRIBUTE] = String(level);
      return {
        index: reading.index,
        length: reading.char.length,
        rubyAttributes,
        rtAttributes: {
          // Screen readers already say the characters; the readings drawn over them would be noise.
          'aria-hidden': 'true',
          [PINYIN_FORM_ATTRIBUTES['tone-marks']]: forms['tone-marks'],
          [PINYIN_FORM_ATTRIBUTES['tone-numbers']]: forms['tone-numbers'],
          [PINYIN_FORM_ATTRIBUTES.zhuyin]: forms.zhuyin,
        },
      };
    });
  }

  /** Annotate one block; returns the original text nodes that were replaced. */
  annotateBlock(block: TextBlock): Text[] {
    return this.annotations.annotateBlock(block, this.planBlock(block.text));
  }

  /** The blocks under `root` worth reading (holding Han characters, not yet annotated). */
  iterateBlocks(root: Node): Generator<TextBlock, void, undefined> {
    return iterateTextBlocks(root, { accept: containsHan, skip: isSkippedForPinyin });
  }

  /** Annotate everything under `root` at once (tests and the benchmark). */
  annotateRoot(root: Node): void {
    for (const block of this.iterateBlocks(root)) this.annotateBlock(block);
  }

  restoreAll(): void {
    this.annotations.restoreAll();
  }
}

/** A running pinyin aid in one document. */
class PinyinAid implements ReadingAid<PinyinAidOptions> {
  private doc: Document | undefined;
  private annotator: PinyinAnnotator | undefined;
  private style: HTMLStyleElement | undefined;
  private observer: PageObserver | undefined;
  /** Watches the text nodes we took out of the page: a page script that updates one is followed. */
  private detachedObserver: MutationObserver | undefined;
  private controller: AbortController | undefined;
  private readonly queue: Node[] = [];
  private pumping = false;
  private options: PinyinAidOptions | undefined;

  constructor(private readonly deps: PinyinFeatureDeps) {}

  start(doc: Document, options: PinyinAidOptions, signal: AbortSignal): void {
    if (this.doc) this.stop();
    this.doc = doc;
    this.options = options;
    this.controller = new AbortController();
    const controller = this.controller;
    signal.addEventListener('abort', () => controller.abort(), { once: true });
    if (signal.aborted) controller.abort();
    this.annotator = new PinyinAnnotator(options, this.deps);
    this.injectStyle(options);
    const View = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.detachedObserver = new View((records) => this.onDetachedChanges(records));
    this.observer = new PageObserver(doc, {
      onChanges: (changes) => {
        if (changes.rescan) this.enqueue(doc);
        else for (const root of [...changes.addedRoots, ...changes.changedTexts]) this.enqueue(root);
      },
    });
    this.observer.start();
    this.runFirstPass();
  }

  update(options: PinyinAidOptions): void {
    if (!this.doc || !this.annotator || !this.options) return;
    const reread = !sameOverrides(this.options.readingOverrides, options.readingOverrides);
    this.options = options;
    this.annotator.setOptions(options);
    this.injectStyle(options);
    if (reread) {
      // Readings changed: put the page back and read it again (the display options never need this).
      this.observer?.stop();
      this.detachedObserver?.disconnect();
      this.queue.length = 0;
      this.annotator.restoreAll();
      this.observer?.start();
      this.runFirstPass();
    }
  }

  stop(): void {
    this.controller?.abort();
    this.observer?.stop();
    this.detachedObserver?.disconnect();
    this.queue.length = 0;
    this.annotator?.restoreAll();
    this.style?.remove();
    if (this.doc) setFeatureState(this.doc, 'pinyin', undefined);
    this.doc = undefined;
    this.annotator = undefined;
    this.style = undefined;
    this.observer = undefined;
    this.detachedObserver = undefined;
  }

  private injectStyle(options: PinyinAidOptions): void {
    const doc = this.doc;
    if (!doc) return;
    if (!this.style?.isConnected) {
      this.style = markOwnNode(doc.createElement('style'));
      this.style.id = PINYIN_STYLE_ID;
      (doc.head ?? doc.documentElement)?.appendChild(this.style);
    }
    const css = buildPinyinStylesheet(options);
    if (this.style.textContent !== css) this.style.textContent = css;
  }

  private annotate(block: TextBlock): void {
    const replaced = this.annotator?.annotateBlock(block) ?? [];
    for (const node of replaced) this.detachedObserver?.observe(node, { characterData: true });
  }

  /** Visible blocks now, the rest in slices. */
  private runFirstPass(): void {
    const doc = this.doc;
    const annotator = this.annotator;
    const signal = this.controller?.signal;
    if (!doc || !annotator || signal?.aborted) return;
    setFeatureState(doc, 'pinyin', 'working');
    const viewHeight = doc.defaultView?.innerHeight ?? 0;
    const rest: TextBlock[] = [];
    // One walk in slices: each batch is measured first and then written, so a slice forces at most
    // one layout; visible blocks are annotated as the walk meets them, the rest afterwards.
    const classify = (batch: TextBlock[]) => {
      const visible = batch.map((block) => isVisible(block.container, viewHeight));
      batch.forEach((block, i) => {
        if (visible[i]) this.annotate(block);
        else rest.push(block);
      });
    };
    const options = { signal, budgetMs: PINYIN_CHUNK_BUDGET_MS };
    this.pumping = true;
    void runChunked(batchItems(annotator.iterateBlocks(doc), FIRST_PASS_BATCH), classify, options)
      .then((done) => done && runChunked(rest, (block) => this.annotate(block), options))
      .then(() => {
        this.pumping = false;
        this.pump();
      });
  }

  private enqueue(root: Node): void {
    this.queue.push(root);
    this.pump();
  }

  /** Work through queued new content in slices; report idle when nothing is left. */
  private pump(): void {
    const doc = this.doc;
    const signal = this.controller?.signal;
    if (!doc || this.pumping || signal?.aborted) return;
    if (this.queue.length === 0) {
      setFeatureState(doc, 'pinyin', 'idle');
      return;
    }
    setFeatureState(doc, 'pinyin', 'working');
    this.pumping = true;
    const annotator = this.annotator;
    const queue = this.queue;
    function* pending(): Generator<TextBlock | Element> {
      while (queue.length > 0 && annotator) {
        const root = queue.shift() as Node;
        if (!root.isConnected) continue;
        const container = findBlockContainer(root);
        // A whole-page rescan goes block by block; it only picks up what is not annotated yet.
        if (container.nodeType === 1) yield container as Element;
        else yield* annotator.iterateBlocks(container);
      }
    }
    void runChunked(pending(), (item) => this.annotateNew(item), { signal, budgetMs: PINYIN_CHUNK_BUDGET_MS }).then(
      () => {
        this.pumping = false;
        this.pump();
      },
    );
  }

  /**
   * New content joins a block that may already be annotated: put the block's text nodes back and
   * read it again as a whole, in one synchronous step (so our own restore is never seen as new
   * content), so `<b>银</b>` + a later `行` still reads yín háng.
   */
  private annotateNew(item: TextBlock | Element): void {
    const annotator = this.annotator;
    if (!annotator) return;
    if (!('nodeType' in item)) {
      this.annotate(item);
      return;
    }
    annotator.annotations.restoreWithin(item);
    for (const block of annotator.iterateBlocks(item)) this.annotate(block);
  }

  /** A page script changed a text node we had taken out: put it back and read it again. */
  private onDetachedChanges(records: MutationRecord[]): void {
    for (const record of records) {
      const node = record.target as Text;
      if (this.annotator?.annotations.restore(node)) this.enqueue(node);
    }
  }
}

/** A fresh pinyin aid (one per document). */
export function createPinyinAid(deps: PinyinFeatureDeps = {}): ReadingAid<PinyinAidOptions> {
  return new PinyinAid(deps);
}
