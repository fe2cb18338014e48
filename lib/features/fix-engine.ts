/**
 * The engine fix doubled text runs on a page: the text engine's repair, then the reader's
 * replacement rules for the site, composed into one set of edits on the page's own text (so
 * "Show original" undoes both at once).
 */
import { applyReplacementRules, type ReplacementRule } from '@/lib/settings';
import { fixText, mightContainDoubledText } from '@/lib/text';
import { composeEdits } from '@/lib/text/compose-edits';
import type { DoubledTextEngine } from './fix-doubled-text';

export function createFixEngine(replacementRules: readonly ReplacementRule[] = []): DoubledTextEngine {
  if (replacementRules.length === 0) return { fixText, mightContainDoubledText };
  return {
    // Any block may match a replacement rule, so none is rejected up front.
    mightContainDoubledText: () => true,
    fixText(text, options) {
      const fixed = fixText(text, options);
      const replaced = applyReplacementRules(fixed.text, replacementRules);
      if (replaced.edits.length === 0) return fixed;
      return { text: replaced.text, edits: composeEdits(text, fixed.edits, replaced.edits) };
    },
  };
}
