/**
 * Replacement rules: the reader's find → replace rules for a site, the second text stage of the
 * page pipeline (after the doubled-text fix). A repair like the fix: its passages are outlined and
 * counted, and "Show original" pauses it.
 */
import type { PageTextStage } from '@/lib/dom/page-pipeline';
import type { ReplacementRule } from '@/lib/text/replace/apply-replacement-rules';
import { createReplacementStage } from '@/lib/text/replace/replacement-stage';

/** The stage for rules already selected for the page and checked; undefined when none is active. */
export function createReplacementRulesStage(rules: readonly ReplacementRule[]): PageTextStage | undefined {
  const stage = createReplacementStage(rules);
  return stage && { ...stage, repairs: true };
}
