/**
 * Stage code loaded on demand: the reading aids' dictionaries are heavy (opencc-js ≈ 1.2 MB,
 * pinyin ≈ 400 KB), and the replacement rules' regular-expression engine (RE2) is 200 KB that only
 * readers with rules need. Each is built as its own unlisted script (`entrypoints/stage-<name>.ts`
 * → `/stage-<name>.js`) that the background injects into the asking frame with
 * `scripting.executeScript` the first time the frame needs it. Injected scripts run in the
 * same isolated world as the page pipeline, so the file registers its stage factory on that
 * world's `globalThis` and the pipeline picks it up: nothing is exposed to the page, and no file
 * has to be web-accessible. This module is imported by both sides, so it stays tiny.
 */
import type { PageAnnotationStage, PageTextStage } from '@/lib/dom/page-pipeline';
import type { ReplacementRule } from '@/lib/text/replace/apply-replacement-rules';
import type { ConversionAidOptions, PinyinAidOptions } from './stage-options';

/** What each stage file registers. */
export interface StageCode {
  pinyin: (options: PinyinAidOptions) => PageAnnotationStage;
  /** Builds the dictionaries in steps (awaiting `pause` between them), then the stage. */
  conversion: (options: ConversionAidOptions, pause: () => Promise<void>) => Promise<PageTextStage>;
  /** The stage for a site's replacement rules (undefined when none is active). */
  replace: (rules: readonly ReplacementRule[]) => PageTextStage | undefined;
}

export type StageCodeName = keyof StageCode;
export const STAGE_CODE_NAMES: readonly StageCodeName[] = ['pinyin', 'conversion', 'replace'];

/** The built file of each, as `scripting.executeScript` wants it (relative to the extension root). */
export const STAGE_SCRIPTS = {
  pinyin: '/stage-pinyin.js',
  conversion: '/stage-conversion.js',
  replace: '/stage-replace.js',
} as const satisfies Record<StageCodeName, string>;

/** Property of the isolated world's `globalThis` holding the loaded code. */
const REGISTRY_KEY = '__qingduStageCode';

function getRegistry(): Partial<StageCode> {
  const holder = globalThis as unknown as Record<string, Partial<StageCode> | undefined>;
  let registry = holder[REGISTRY_KEY];
  if (!registry) {
    registry = {};
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: registry, configurable: true });
  }
  return registry;
}

/** Called by an aid's file when it runs. Injecting twice is harmless. */
export function registerStageCode<N extends StageCodeName>(name: N, code: StageCode[N]): void {
  (getRegistry() as StageCode)[name] = code;
}

/** The aid's code if its file has been injected into this world, else undefined. */
export function findStageCode<N extends StageCodeName>(name: N): StageCode[N] | undefined {
  return getRegistry()[name] as StageCode[N] | undefined;
}
