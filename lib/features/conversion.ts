/**
 * Simplified ⇄ Traditional conversion: a text stage of the page pipeline, loaded on demand with
 * opencc-js's dictionaries (never in the always-injected sentinel).
 *
 * Each block is converted as a whole (a phrase split over inline elements converts as one) and the
 * result is mapped back onto its text nodes piece by piece (lib/text/convert/converter.ts plans the
 * pieces; the pipeline maps them). The attributes a reader sees or hears (`title`, `alt`,
 * `placeholder`, `aria-label`) are converted too, and `lang` says what the page is in now.
 * Japanese and Korean scopes are left alone: their Han characters are not Chinese.
 */
import type { PageTextStage } from '@/lib/dom/page-pipeline';
import { type Converter, createConverter, hasHanText } from '@/lib/text/convert/converter';
import type { TextEdit } from '@/lib/text/doubled/types';
import { CONVERSION_VARIANT_LANG } from '@/lib/text/reading-aid-options';
import type { ConversionAidOptions } from './stage-options';

/** Attributes a reader sees or hears; converted along with the text. */
export const CONVERTED_ATTRIBUTES = ['title', 'alt', 'placeholder', 'aria-label'] as const;

/** The rule name conversion edits carry. */
export const CONVERSION_RULE_NAME = 'conversion';

function isForeignHanLanguage(lang: string): boolean {
  return /^(ja|ko)(-|$)/i.test(lang);
}

/** The edits that turn `text` into its conversion, piece by piece where the pieces matter. */
export function planConversionEdits(converter: Converter, text: string, parts = 2): TextEdit[] {
  if (parts <= 1) {
    // One text node: the whole text at once is what it becomes, and the fast path is enough.
    const converted = converter.convertText(text);
    if (converted === text) return [];
    return [
      { rule: CONVERSION_RULE_NAME, factor: 1, start: 0, end: text.length, original: text, replacement: converted },
    ];
  }
  // Every match kept its length: the result lines up with the text character for character, as
  // the plan's pieces would (an edit per run of changed characters); planning costs more.
  const sameLength = converter.convertKeepingLength(text);
  if (sameLength !== undefined) return editsPerChangedRun(text, sameLength);
  const edits: TextEdit[] = [];
  for (const piece of converter.planConversion(text).pieces) {
    const original = text.slice(piece.start, piece.end);
    if (piece.text === original) continue;
    edits.push({
      rule: CONVERSION_RULE_NAME,
      factor: 1,
      start: piece.start,
      end: piece.end,
      original,
      replacement: piece.text,
    });
  }
  return edits;
}

/** An edit per run of characters `converted` (as long as `text`) changes. */
function editsPerChangedRun(text: string, converted: string): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) === converted.charCodeAt(i)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && text.charCodeAt(end) !== converted.charCodeAt(end)) end++;
    edits.push({
      rule: CONVERSION_RULE_NAME,
      factor: 1,
      start: i,
      end,
      original: text.slice(i, end),
      replacement: converted.slice(i, end),
    });
    i = end;
  }
  return edits;
}

/** The conversion stage for a converter. */
export function createConversionStage(converter: Converter): PageTextStage {
  return {
    name: 'convert',
    mightChange: hasHanText,
    edit: (text, parts) => planConversionEdits(converter, text, parts),
    skipsLanguage: isForeignHanLanguage,
    attributes: {
      names: CONVERTED_ATTRIBUTES,
      rewrite: (value) => (hasHanText(value) ? converter.convertText(value) : value),
      lang: CONVERSION_VARIANT_LANG[converter.variant],
    },
  };
}

/**
 * The stage for `options`. Its dictionaries are built as the page's text reaches their entries
 * (lib/text/convert/converter.ts), so nothing is built up front and there is nothing to pause for.
 */
export async function loadConversionStage(options: ConversionAidOptions): Promise<PageTextStage> {
  return createConversionStage(createConverter(options.variant, { phraseOverrides: options.phraseOverrides }));
}
