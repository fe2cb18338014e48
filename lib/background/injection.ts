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
 * Where it has to be injected and a command for a stage follows (a reading aid switched on),
 * that stage's code is injected alongside, so the pipeline finds it there instead of asking for
 * it (a round trip, queued behind the pipeline's first pass). Rejects when the frame cannot be
 * reached (a browser page, a frame that is gone).
 */
export async function ensurePipeline(tabId: number, frameId: number, withStage?: StageCodeName): Promise<void> {
  try {
    await sendMessage('pipelinePing', undefined, { tabId, frameId });
    return;
  } catch {
    // Not running there yet.
  }
  await Promise.all([
    injectPipeline(tabId, frameId),
    withStage ? injectStageCode(tabId, frameId, withStage) : undefined,
  ]);
}

export function injectStageCode(tabId: number, frameId: number, name: StageCodeName): Promise<void> {
  return injectFile(tabId, frameId, STAGE_SCRIPTS[name]);
}
