/**
 * The reading aids' code, loaded on demand. Their dictionaries are heavy (opencc-js ≈ 1.2 MB,
 * pinyin ≈ 400 KB), so each aid is built as its own unlisted script (`entrypoints/aid-<name>.ts`
 * → `/aid-<name>.js`) that the background injects into the asking frame with
 * `scripting.executeScript` the first time a reader turns it on there. Injected scripts run in the
 * same isolated world as the page pipeline, so the file registers its stage factory on that
 * world's `globalThis` and the pipeline picks it up: nothing is exposed to the page, and no file
 * has to be web-accessible. This module is imported by both sides, so it stays tiny.
 */
import type { PageAnnotationStage, PageTextStage } from '@/lib/dom/page-pipeline';
import type { ConversionAidOptions, PinyinAidOptions, ReadingAidName } from './stage-options';

/** What each aid's file registers. */
export interface AidCode {
  pinyin: (options: PinyinAidOptions) => PageAnnotationStage;
  /** Builds the dictionaries in steps (awaiting `pause` between them), then the stage. */
  conversion: (options: ConversionAidOptions, pause: () => Promise<void>) => Promise<PageTextStage>;
}

/** The built file of each aid, as `scripting.executeScript` wants it (relative to the extension root). */
export const AID_SCRIPTS = {
  pinyin: '/aid-pinyin.js',
  conversion: '/aid-conversion.js',
} as const satisfies Record<ReadingAidName, string>;

/** Property of the isolated world's `globalThis` holding the loaded code. */
const REGISTRY_KEY = '__qingduAidCode';

function getRegistry(): Partial<AidCode> {
  const holder = globalThis as unknown as Record<string, Partial<AidCode> | undefined>;
  let registry = holder[REGISTRY_KEY];
  if (!registry) {
    registry = {};
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: registry, configurable: true });
  }
  return registry;
}

/** Called by an aid's file when it runs. Injecting twice is harmless. */
export function registerAidCode<N extends ReadingAidName>(name: N, code: AidCode[N]): void {
  (getRegistry() as AidCode)[name] = code;
}

/** The aid's code if its file has been injected into this world, else undefined. */
export function findAidCode<N extends ReadingAidName>(name: N): AidCode[N] | undefined {
  return getRegistry()[name] as AidCode[N] | undefined;
}
