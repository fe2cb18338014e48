/**
 * Names shared by the reading aids, their settings and their UI: one concept, one name.
 */

/** How pinyin is written over the characters. */
export const PINYIN_STYLES = ['tone-marks', 'tone-numbers', 'zhuyin'] as const;
export type PinyinStyle = (typeof PINYIN_STYLES)[number];

/** Tone colours: off, or the common five-colour scheme (tones 1–4 and neutral). */
export const TONE_COLOR_SCHEMES = ['off', 'standard'] as const;
export type ToneColorScheme = (typeof TONE_COLOR_SCHEMES)[number];

/**
 * Simplified ⇄ Traditional conversion variants, named after OpenCC's own configurations
 * (s2t.json, s2twp.json, …), with the opencc-js locale pair each one uses.
 */
export const CONVERSION_VARIANTS = {
  s2t: { from: 'cn', to: 't' },
  s2tw: { from: 'cn', to: 'tw' },
  s2twp: { from: 'cn', to: 'twp' },
  s2hk: { from: 'cn', to: 'hk' },
  t2s: { from: 't', to: 'cn' },
  tw2s: { from: 'tw', to: 'cn' },
  tw2sp: { from: 'twp', to: 'cn' },
  hk2s: { from: 'hk', to: 'cn' },
} as const;
export type ConversionVariant = keyof typeof CONVERSION_VARIANTS;
export const CONVERSION_VARIANT_IDS = Object.keys(CONVERSION_VARIANTS) as ConversionVariant[];

/** BCP 47 tag a converted scope is marked with. */
export const CONVERSION_VARIANT_LANG: Record<ConversionVariant, string> = {
  s2t: 'zh-Hant',
  s2tw: 'zh-Hant-TW',
  s2twp: 'zh-Hant-TW',
  s2hk: 'zh-Hant-HK',
  t2s: 'zh-Hans',
  tw2s: 'zh-Hans',
  tw2sp: 'zh-Hans',
  hk2s: 'zh-Hans',
};
