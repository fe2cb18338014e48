/**
 * The text stages a page's text goes through for repair, put together: the doubled-text fix, then
 * the reader's replacement rules, composed by lib/text/compose.ts. The options page's "try it" box,
 * `npm run fix` and "Copy repaired text" use it; the page pipeline runs the very same stages.
 */
import { type ComposedText, composeText, type TextStage } from './compose';
import { createFixStage } from './doubled/fix-stage';
import type { FixOptions } from './doubled/types';
import type { ReplacementRule } from './replace/apply-replacement-rules';
import { createReplacementStage } from './replace/replacement-stage';

export interface TextPipelineOptions {
  /** Options of the doubled-text fix; `false` leaves it out. */
  fix?: FixOptions | false;
  /** Replacement rules already selected for the page (see lib/settings). */
  replacementRules?: readonly ReplacementRule[];
}

export interface TextPipeline {
  readonly stages: readonly TextStage[];
  run(text: string): ComposedText;
}

export function createTextPipeline(options: TextPipelineOptions = {}): TextPipeline {
  const stages: TextStage[] = [];
  if (options.fix !== false) stages.push(createFixStage(options.fix ?? {}));
  const replace = createReplacementStage(options.replacementRules ?? []);
  if (replace) stages.push(replace);
  return { stages, run: (text) => composeText(text, stages) };
}
