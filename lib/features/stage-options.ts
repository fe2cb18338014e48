/**
 * The reading aids' options and names, shared by the background, the popup, the options page and
 * the page pipeline. Plain data, no code: every context imports it.
 */
import type { CommonCharacterLevel } from '@/lib/text/pinyin/char-frequency';
import type { ConversionVariant, PinyinStyle, ToneColorScheme } from '@/lib/text/reading-aid-options';

/**
 * The reading aids, by the name used in messages, settings, markers and file names: pinyin,
 * conversion, and joining the lines a print column broke ("Join broken lines").
 */
export const READING_AID_NAMES = ['pinyin', 'conversion', 'lines'] as const;
export type ReadingAidName = (typeof READING_AID_NAMES)[number];

/**
 * Options of the pinyin aid. Owned by the pinyin feature (`lib/features/pinyin.ts`): extend it
 * there as needed, additively; the popup only sets `style`.
 */
export interface PinyinAidOptions {
  style: PinyinStyle;
  toneColors: ToneColorScheme;
  /** Per-word reading overrides: word → space-separated readings, e.g. `{ 银行: 'yín háng' }`. */
  readingOverrides?: Readonly<Record<string, string>>;
  /** Size of the pinyin relative to the characters, in percent (default 50, clamped to 30–100). */
  rubySize?: number;
  /**
   * Leave the N most frequent characters without pinyin (the settings' `pinyin.threshold`); 0 or
   * undefined annotates every character.
   */
  threshold?: 0 | CommonCharacterLevel;
}

/** Options of the conversion aid. */
export interface ConversionAidOptions {
  variant: ConversionVariant;
  /** Custom phrase overrides applied on top of the dictionary: source text → converted text. */
  phraseOverrides?: Readonly<Record<string, string>>;
}

/** "Join broken lines" has no options. */
export type LinesAidOptions = Record<never, never>;

export interface ReadingAidOptionsMap {
  pinyin: PinyinAidOptions;
  conversion: ConversionAidOptions;
  lines: LinesAidOptions;
}

/** What an aid starts with when nothing else says otherwise (a keyboard shortcut with no site rule). */
export const DEFAULT_READING_AID_OPTIONS: ReadingAidOptionsMap = {
  pinyin: { style: 'tone-marks', toneColors: 'off' },
  conversion: { variant: 's2t' },
  lines: {},
};

/** The manifest `commands` (keyboard shortcuts) that switch each aid in the current tab. */
export const READING_AID_COMMANDS: Record<ReadingAidName, string> = {
  pinyin: 'toggle-pinyin',
  conversion: 'toggle-conversion',
  lines: 'toggle-lines',
};

export function isReadingAidName(value: unknown): value is ReadingAidName {
  return typeof value === 'string' && (READING_AID_NAMES as readonly string[]).includes(value);
}
