/**
 * The page layer: walking a page into text blocks, rewriting them in place with an exact undo,
 * following the page as it changes, and doing big pages in slices. Knows nothing of the UI.
 */

export type { ChunkedOptions } from './chunked';
export { DEFAULT_CHUNK_BUDGET_MS, runChunked, yieldToPage } from './chunked';
export * from './markers';
export type { PageChanges, PageObserverOptions } from './page-observer';
export { HUGE_MUTATION_THRESHOLD, PageObserver, reduceMutations } from './page-observer';
export type { AppliedBlockEdits, BlockEdit } from './rewrite';
export { applyBlockEdits, computeNodeTexts, DEFAULT_REVERT_LIMIT, OriginalTextStore } from './rewrite';
export type { NodePosition, TextBlock, TextBlockOptions } from './text-blocks';
export {
  blockOffsetOf,
  collectTextBlocks,
  findBlockContainer,
  isBlockElement,
  isInsideSkipped,
  isSkippedElement,
  iterateTextBlocks,
  locateOffset,
} from './text-blocks';
