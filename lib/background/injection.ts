/**
 * Loading Qingdu's code into a frame on demand: the page pipeline where the sentinel found
 * something to do or the reader switched an aid on, and an aid's dictionaries where it is turned
 * on. Only the extension's own bundled files are ever injected (never a string of code).
 */
import { browser } from 'wxt/browser';
import { STAGE_SCRIPTS, type StageCodeName } from '@/lib/features/stage-code';
import { sendMessage } from '@/lib/messaging';

/** The page pipeline's built file (entrypoints/page-pipeline.ts). */
export const PIPELINE_SCRIPT = '/page-pipeline.js' as const;

type ExtensionFile = typeof PIPELINE_SCRIPT | (typeof STAGE_SCRIPTS)[StageCodeName];

export async function injectFile(tabId: number, frameId: number, file: ExtensionFile): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
}

/** Load the page pipeline into the frame (running it twice is harmless: the second copy stops). */
export function injectPipeline(tabId: number, frameId: number): Promise<void> {
  return injectFile(tabId, frameId, PIPELINE_SCRIPT);
}

/**
 * Make sure the page pipeline runs in the frame: ask it, and inject it where nobody answers.
 * Where a command for a stage follows (a reading aid switched on), that stage's code is injected
 * alongside, so the pipeline finds it there (or finds it on its way) instead of asking for it: a
 * round trip plus the code's evaluation, after the command. Rejects when the frame cannot be
 * reached (a browser page, a frame that is gone).
 */
export async function ensurePipeline(tabId: number, frameId: number, withStage?: StageCodeName): Promise<void> {
  try {
    const { documentKey } = await sendMessage('pipelinePing', undefined, { tabId, frameId });
    // Running already: the stage's code is loaded once per document, while the command goes out.
    if (withStage) void stageCodeLoads.load(tabId, frameId, documentKey, withStage).catch(() => undefined);
    return;
  } catch {
    // Not running there yet.
  }
  await Promise.all([
    injectPipeline(tabId, frameId),
    withStage ? injectStageCode(tabId, frameId, withStage) : undefined,
  ]);
}

/**
 * Stage code loaded into documents, each once: the background loading it ahead of a command and
 * the pipeline asking for it share one injection (the code is large: evaluating it twice costs
 * tens of milliseconds). Keyed by the document's own key, so a new document always gets its own.
 */
export function createStageCodeLoads(
  inject: (tabId: number, frameId: number, name: StageCodeName) => Promise<void>,
  limit = 200,
) {
  const loads = new Map<string, Promise<void>>();
  return {
    load(tabId: number, frameId: number, documentKey: string, name: StageCodeName): Promise<void> {
      const key = JSON.stringify([tabId, frameId, documentKey, name]);
      const known = loads.get(key);
      if (known) return known;
      const load = inject(tabId, frameId, name).catch((error: unknown) => {
        loads.delete(key);
        throw error;
      });
      loads.set(key, load);
      // The oldest documents are long gone: at worst one of them loads its code again.
      if (loads.size > limit) loads.delete(loads.keys().next().value as string);
      return load;
    },
  };
}

const stageCodeLoads = createStageCodeLoads((tabId, frameId, name) => injectStageCode(tabId, frameId, name));

/** The pipeline asks for a stage's code in its document (see `createStageCodeLoads`). */
export function loadStageCode(tabId: number, frameId: number, documentKey: string, name: StageCodeName): Promise<void> {
  return stageCodeLoads.load(tabId, frameId, documentKey, name);
}

/** How long after loading the pipeline the background checks that it runs (ms), once per retry. */
export const PIPELINE_CHECKS_MS = [400, 1600];

/** What loading the pipeline into a frame takes (the browser's, replaceable in tests). */
export interface PipelineLoader {
  inject(): Promise<void>;
  /** Does a pipeline answer in the frame? */
  isRunning(): Promise<boolean>;
  /** The document key of the frame's current document, if Qingdu's world there has one. */
  documentKey(): Promise<string | undefined>;
  wait(ms: number): Promise<void>;
}

function browserLoader(tabId: number, frameId: number): PipelineLoader {
  return {
    inject: () => injectPipeline(tabId, frameId),
    isRunning: () =>
      sendMessage('pipelinePing', undefined, { tabId, frameId }).then(
        () => true,
        () => false,
      ),
    documentKey: async () => {
      try {
        const [result] = await browser.scripting.executeScript({
          target: { tabId, frameIds: [frameId] },
          func: () => (globalThis as { __qingdu?: { documentKey?: string } }).__qingdu?.documentKey,
        });
        return typeof result?.result === 'string' ? result.result : undefined;
      } catch {
        return undefined;
      }
    },
    wait: (ms) => new Promise((resume) => setTimeout(resume, ms)),
  };
}

/**
 * Load the page pipeline into the frame for the document whose sentinel asked, and make sure it
 * runs: the sentinel stops looking once told the pipeline is coming, so a load that failed (the
 * frame was busy, the worker was starting) would leave the page garbled. Checks by asking the
 * pipeline; loads again only while the frame still holds that document.
 */
export async function loadPipelineFor(
  tabId: number,
  frameId: number,
  documentKey: string,
  loader: PipelineLoader = browserLoader(tabId, frameId),
): Promise<void> {
  await loader
    .inject()
    .catch((error: unknown) =>
      console.warn(`Qingdu: could not load the page pipeline into frame ${frameId} of tab ${tabId}`, error),
    );
  for (const wait of PIPELINE_CHECKS_MS) {
    await loader.wait(wait);
    if ((await loader.isRunning()) || (await loader.documentKey()) !== documentKey) return;
    await loader.inject().catch(() => undefined);
  }
}

export function injectStageCode(tabId: number, frameId: number, name: StageCodeName): Promise<void> {
  return injectFile(tabId, frameId, STAGE_SCRIPTS[name]);
}
