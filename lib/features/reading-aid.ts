/**
 * The shape both reading aids (pinyin, conversion) share, and the small registry through which
 * the always-injected content script finds them once they have been loaded on demand.
 *
 * Why this split: the aids' dictionaries are heavy (opencc-js ≈ 1.2 MB, pinyin-pro ≈ 320 KB) and
 * must never be in the always-injected content script. Each aid is built as its own unlisted
 * script (`entrypoints/reading-aid-<name>.ts` → `/reading-aid-<name>.js`) that the background
 * injects into the asking frame with `scripting.executeScript` the first time a reader turns it on
 * there. Scripts an extension injects run in the same isolated world as its content script, so
 * the injected file registers its factory on that world's `globalThis` and the content script
 * picks it up: nothing is exposed to the page, and no file has to be web-accessible.
 *
 * This module is imported by both sides, so it must stay tiny and dependency-free.
 */
import type { CommonCharacterLevel } from '@/lib/text/pinyin/char-frequency';
import type { ConversionVariant, PinyinStyle, ToneColorScheme } from '@/lib/text/reading-aid-options';

/** The reading aids, by the name used in messages, settings, markers and file names. */
export const READING_AID_NAMES = ['pinyin', 'conversion'] as const;
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

export interface ReadingAidOptionsMap {
  pinyin: PinyinAidOptions;
  conversion: ConversionAidOptions;
}

/**
 * One running reading aid in one document.
 *
 * - `start` begins work on `doc` (visible text first, the rest in chunks, then new content as it
 *   arrives) and returns once the first pass is scheduled; aborting `signal` must stop all work
 *   and observers (the caller then calls `stop`).
 * - `update` switches options in place (pinyin display style, conversion variant) without the
 *   reader seeing the original in between; always from the page's original text.
 * - `stop` restores the page exactly as it was (text, attributes, `lang`), character for
 *   character, removes everything the aid added and clears its feature state marker.
 */
export interface ReadingAid<O> {
  start(doc: Document, options: O, signal: AbortSignal): void | Promise<void>;
  update(options: O): void | Promise<void>;
  stop(): void;
}

/** What an injected aid file registers: a factory, so each frame/document gets a fresh instance. */
export type ReadingAidFactory<N extends ReadingAidName> = () => ReadingAid<ReadingAidOptionsMap[N]>;

/** The built file of each aid, as `scripting.executeScript` wants it (relative to the extension root). */
export const READING_AID_SCRIPTS: Record<ReadingAidName, string> = {
  pinyin: '/reading-aid-pinyin.js',
  conversion: '/reading-aid-conversion.js',
};

/** Property of the isolated world's `globalThis` holding the loaded factories. */
const REGISTRY_KEY = '__qingduReadingAids';

type Registry = { [N in ReadingAidName]?: ReadingAidFactory<N> };

function getRegistry(): Registry {
  const holder = globalThis as unknown as Record<string, Registry | undefined>;
  let registry = holder[REGISTRY_KEY];
  if (!registry) {
    registry = {};
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: registry, configurable: true });
  }
  return registry;
}

/** Called by an injected aid file when it runs. Injecting twice is harmless. */
export function registerReadingAid<N extends ReadingAidName>(name: N, factory: ReadingAidFactory<N>): void {
  (getRegistry() as Record<N, ReadingAidFactory<N>>)[name] = factory;
}

/** The aid's factory if its file has been injected into this world, else undefined. */
export function findReadingAid<N extends ReadingAidName>(name: N): ReadingAidFactory<N> | undefined {
  return (getRegistry() as Partial<Record<N, ReadingAidFactory<N>>>)[name];
}

/** What an aid starts with when nothing else says otherwise (a keyboard shortcut with no site rule). */
export const DEFAULT_READING_AID_OPTIONS: ReadingAidOptionsMap = {
  pinyin: { style: 'tone-marks', toneColors: 'off' },
  conversion: { variant: 's2t' },
};

/** The manifest `commands` (keyboard shortcuts) that switch each aid in the current tab. */
export const READING_AID_COMMANDS: Record<ReadingAidName, string> = {
  pinyin: 'toggle-pinyin',
  conversion: 'toggle-conversion',
};

export function isReadingAidName(value: unknown): value is ReadingAidName {
  return typeof value === 'string' && (READING_AID_NAMES as readonly string[]).includes(value);
}
