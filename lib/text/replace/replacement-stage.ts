/** The reader's replacement rules as a text stage (lib/text/compose.ts). */
import type { TextStage } from '../compose';
import { compileReplacementRules, type ReplacementRule } from './apply-replacement-rules';

/** The stage for `rules` (undefined when none is active); the rules are compiled once and each runs once per block. */
export function createReplacementStage(rules: readonly ReplacementRule[]): TextStage | undefined {
  const active = rules.filter((rule) => rule.enabled && rule.find !== '');
  if (active.length === 0) return undefined;
  const run = compileReplacementRules(active);
  // Case-sensitive literal rules can be looked for cheaply; any other rule has to run.
  const literal = active.every((rule) => !rule.isRegex && !rule.ignoreCase);
  return {
    name: 'replace',
    mightChange: literal ? (text) => active.some((rule) => text.includes(rule.find)) : () => true,
    edit: run,
  };
}
