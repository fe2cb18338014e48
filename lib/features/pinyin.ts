/**
 * Pinyin over Chinese characters, as ruby: the annotation stage of the page pipeline. Loaded on
 * demand with its data (never in the always-injected sentinel).
 *
 * - The stage reads whole blocks (`<b>银</b>行` is 银行 yín háng) of the text the text stages
 *   produced (so converted text is read as converted).
 * - Every display option (tone marks / numbers / Zhuyin, tone colours, size, only less common
 *   characters) is the stage's one stylesheet: all forms are stored on each `<rt>` and the sheet
 *   picks, so switching them never re-annotates.
 * - Blocks are annotated as they come near the viewport: laying out ruby is what costs.
 * - Off restores the page exactly: the very same text nodes go back (see lib/dom/ruby.ts).
 */
import type { PageAnnotationStage } from '@/lib/dom/page-pipeline';
import { RUBY_CLASS, type RubyAnnotation, RubyAnnotations } from '@/lib/dom/ruby';
import { iterateTextBlocks, type TextBlock } from '@/lib/dom/text-blocks';
import { type CharFrequencyData, COMMON_CHARACTER_LEVELS, findCommonLevel } from '@/lib/text/pinyin/char-frequency';
import { CHAR_FREQUENCY, DEFAULT_PINYIN_DATA } from '@/lib/text/pinyin/pinyin-data';
import { containsHan, formatAllStyles, getTone, type PinyinData, readPinyin } from '@/lib/text/pinyin/read-pinyin';
import type { PinyinStyle } from '@/lib/text/reading-aid-options';
import type { PinyinAidOptions } from './stage-options';

/** Data attributes on each `<rt>`, one per written form. */
export const PINYIN_FORM_ATTRIBUTES: Record<PinyinStyle, string> = {
  'tone-marks': 'data-qingdu-marks',
  'tone-numbers': 'data-qingdu-numbers',
  zhuyin: 'data-qingdu-zhuyin',
};
/** On each `<ruby>`: the tone (1–5) and, for common characters, the smallest level they are common at. */
export const PINYIN_TONE_ATTRIBUTE = 'data-qingdu-tone';
export const PINYIN_COMMON_ATTRIBUTE = 'data-qingdu-common';

export const DEFAULT_RUBY_SIZE = 50;

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

/**
 * Reading blocks for annotation: what the pinyin stage runs on each block. Also used directly
 * (synchronously, via `annotateRoot`) by the polyphone accuracy benchmark, so the benchmark scores
 * exactly the stage's readings.
 */
export class PinyinAnnotator {
  readonly annotations = new RubyAnnotations();
  private readonly data: PinyinData;
  private readonly frequency: CharFrequencyData;

  constructor(
    private readonly options: PinyinAidOptions,
    deps: PinyinFeatureDeps = {},
  ) {
    this.data = deps.data ?? DEFAULT_PINYIN_DATA;
    this.frequency = deps.frequency ?? CHAR_FREQUENCY;
  }

  /** The annotations of one block (pure planning; nothing is written). */
  readonly plan = (text: string): RubyAnnotation[] => this.planBlock(text);

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

  /** Annotate everything under `root` at once (the accuracy benchmark). */
  annotateRoot(root: Node): void {
    for (const block of iterateTextBlocks(root, { accept: containsHan, skip: isSkippedForPinyin })) {
      this.annotateBlock(block);
    }
  }

  restoreAll(): void {
    this.annotations.restoreAll();
  }
}

/** Japanese and Korean Han are not read in Mandarin. */
function isForeignHanLanguage(lang: string): boolean {
  return /^(ja|ko)(-|$)/i.test(lang);
}

/** One annotator per set of readings (overrides), so display options switch without re-reading. */
let cached: { key: string; annotator: PinyinAnnotator } | undefined;

/**
 * The pinyin stage for the page pipeline. Changing only display options gives a stage with the
 * same `annotate` (the pipeline then only swaps the stylesheet).
 */
export function createPinyinStage(options: PinyinAidOptions, deps: PinyinFeatureDeps = {}): PageAnnotationStage {
  const key = JSON.stringify(options.readingOverrides ?? {});
  if (!cached || cached.key !== key || deps.data || deps.frequency) {
    cached = { key, annotator: new PinyinAnnotator(options, deps) };
  }
  const annotator = cached.annotator;
  return {
    name: 'pinyin',
    mightAnnotate: containsHan,
    annotate: annotator.plan,
    skipsLanguage: isForeignHanLanguage,
    skipsElement: isSkippedForPinyin,
    stylesheet: buildPinyinStylesheet(options),
    nearViewportOnly: true,
  };
}
