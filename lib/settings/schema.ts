/**
 * The settings schema: one valibot schema, the defaults beside it, the `Settings` type derived
 * from it. Pure: no browser APIs, so the options page, the content script and the tests share it.
 */
import * as v from 'valibot';
import { MAX_KEPT_TEXT_LENGTH, normaliseKeptText } from '../text/kept-originals';
import { CONVERSION_VARIANT_IDS, PINYIN_STYLES, TONE_COLOR_SCHEMES } from '../text/reading-aid-options';
import { checkSitePattern, isRegexSitePattern } from './site-patterns';

/** Bumped whenever the stored shape changes; every step has a migration in `migrations.ts`. */
export const SETTINGS_VERSION = 3;

/** Bounds that keep a hostile import (or a runaway editor) from bloating storage. */
export const SETTINGS_LIMITS = {
  maxSiteRules: 200,
  maxReplacementRules: 100,
  maxPatternLength: 500,
  maxReplacementLength: 500,
  maxRuleSites: 20,
  maxOverrides: 500,
  maxOverrideKeyLength: 32,
  maxOverrideValueLength: 64,
  maxRuleNameLength: 80,
  maxIdLength: 64,
  maxKeptOriginals: 100,
  maxKeptTextLength: MAX_KEPT_TEXT_LENGTH,
} as const;

/**
 * "Annotate only less common characters": 0 annotates every character; N leaves the N most
 * frequent characters without pinyin (the pinyin feature's COMMON_CHARACTER_LEVELS, 500…3000).
 */
export const PINYIN_THRESHOLDS = [0, 500, 1000, 2000, 3000] as const;

export const SENSITIVITIES = ['conservative', 'balanced', 'aggressive'] as const;
export const DOUBLING_FACTORS = [2, 3, 4] as const;
/** `off`, or one of the OpenCC-named conversion variants. */
export const CONVERSION_CHOICES = ['off', ...CONVERSION_VARIANT_IDS] as const;

const bool = v.boolean();
const conversionChoice = v.picklist(CONVERSION_CHOICES);

const sitePattern = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'empty'),
  v.maxLength(SETTINGS_LIMITS.maxPatternLength, 'too-long'),
  // A `/…/` pattern the regex engine refuses is kept (inactive; the options page says why): it
  // may come from an older Qingdu, and dropping it would lose the reader's rule.
  v.check((pattern) => checkSitePattern(pattern).ok || isRegexSitePattern(pattern), 'invalid-site-pattern'),
);

/**
 * What a site gets: fix doubled text, pinyin, conversion, join the lines a print column broke.
 * The global default and every site rule hold one.
 */
export const SiteValuesSchema = v.strictObject({
  fix: bool,
  pinyin: bool,
  conversion: conversionChoice,
  joinLines: bool,
});

export const SiteRuleSchema = v.strictObject({
  pattern: sitePattern,
  fix: bool,
  pinyin: bool,
  conversion: conversionChoice,
  joinLines: bool,
});

/**
 * A stored replacement rule. Its pattern is not judged here: a pattern the regex engine refuses (a
 * rule written for an older Qingdu) is kept, inactive, and the options page says why
 * (`checkReplacementRule`); imports and the rule editor refuse such patterns outright.
 */
export const ReplacementRuleSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(SETTINGS_LIMITS.maxIdLength)),
  enabled: bool,
  find: v.pipe(v.string(), v.minLength(1, 'empty'), v.maxLength(SETTINGS_LIMITS.maxPatternLength, 'too-long')),
  isRegex: bool,
  ignoreCase: bool,
  replace: v.pipe(v.string(), v.maxLength(SETTINGS_LIMITS.maxReplacementLength, 'too-long')),
  /** Site patterns the rule is limited to; empty means every site. */
  sites: v.pipe(v.array(sitePattern), v.maxLength(SETTINGS_LIMITS.maxRuleSites, 'too-many')),
});

/**
 * A passage the reader keeps as the page wrote it ("Keep the original"): on pages of `site` (a
 * site pattern, as site rules use; Qingdu writes the page's host), the fix leaves every occurrence
 * of `text` alone. `text` is stored with whitespace normalised (lib/text/kept-originals.ts).
 */
export const KeptOriginalSchema = v.strictObject({
  site: sitePattern,
  text: v.pipe(
    v.string(),
    v.transform(normaliseKeptText),
    v.minLength(1, 'empty'),
    v.maxLength(SETTINGS_LIMITS.maxKeptTextLength, 'too-long'),
  ),
});

const overrides = (keyMax: number, valueMax: number) =>
  v.pipe(
    v.record(
      v.pipe(v.string(), v.minLength(1), v.maxLength(keyMax)),
      v.pipe(v.string(), v.minLength(1), v.maxLength(valueMax)),
    ),
    v.maxEntries(SETTINGS_LIMITS.maxOverrides, 'too-many'),
  );

export const SettingsSchema = v.strictObject({
  /** Applies where no site rule matches. */
  siteDefaults: SiteValuesSchema,
  siteRules: v.pipe(v.array(SiteRuleSchema), v.maxLength(SETTINGS_LIMITS.maxSiteRules, 'too-many')),
  detection: v.strictObject({
    sensitivity: v.picklist(SENSITIVITIES),
    /** Which doubling factors to repair; at least one. */
    factors: v.pipe(
      v.array(v.picklist(DOUBLING_FACTORS)),
      v.minLength(1, 'empty'),
      v.maxLength(DOUBLING_FACTORS.length),
      v.check((list) => new Set(list).size === list.length, 'duplicates'),
    ),
    latin: bool,
    /** Outline fixed passages (hover shows the original). */
    outline: bool,
  }),
  pinyin: v.strictObject({
    style: v.picklist(PINYIN_STYLES),
    toneColors: v.picklist(TONE_COLOR_SCHEMES),
    /** Ruby text size, percent of the base text. */
    rubySize: v.pipe(v.number(), v.integer(), v.minValue(40), v.maxValue(100)),
    /** See PINYIN_THRESHOLDS. */
    threshold: v.picklist(PINYIN_THRESHOLDS),
    /** Word → reading the reader corrected, e.g. `{ "银行": "yín háng" }`. */
    readingOverrides: overrides(SETTINGS_LIMITS.maxOverrideKeyLength, SETTINGS_LIMITS.maxOverrideValueLength),
  }),
  conversion: v.strictObject({
    /** The variant the popup's conversion switch uses. */
    variant: v.picklist(CONVERSION_VARIANT_IDS),
    /** Phrase → converted phrase, applied on top of the dictionary. */
    phraseOverrides: overrides(SETTINGS_LIMITS.maxOverrideKeyLength, SETTINGS_LIMITS.maxOverrideValueLength),
  }),
  replacementRules: v.pipe(
    v.array(ReplacementRuleSchema),
    v.maxLength(SETTINGS_LIMITS.maxReplacementRules, 'too-many'),
  ),
  /** Passages kept as the page wrote them, per site (listed and removable on the options page). */
  keptOriginals: v.pipe(v.array(KeptOriginalSchema), v.maxLength(SETTINGS_LIMITS.maxKeptOriginals, 'too-many')),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;
export type SiteValues = v.InferOutput<typeof SiteValuesSchema>;
export type SiteRule = v.InferOutput<typeof SiteRuleSchema>;
export type ReplacementRule = v.InferOutput<typeof ReplacementRuleSchema>;
export type KeptOriginal = v.InferOutput<typeof KeptOriginalSchema>;
export type ConversionChoice = (typeof CONVERSION_CHOICES)[number];

/** Frozen all the way down: copy with `createDefaultSettings()` to change anything. */
export const DEFAULT_SETTINGS: Settings = deepFreeze({
  siteDefaults: { fix: true, pinyin: false, conversion: 'off', joinLines: false },
  siteRules: [],
  detection: { sensitivity: 'conservative', factors: [2, 3, 4], latin: true, outline: true },
  pinyin: { style: 'tone-marks', toneColors: 'off', rubySize: 60, threshold: 0, readingOverrides: {} },
  conversion: { variant: 's2t', phraseOverrides: {} },
  replacementRules: [],
  keptOriginals: [],
} satisfies Settings);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** A fresh, mutable copy of the defaults. */
export function createDefaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS);
}
