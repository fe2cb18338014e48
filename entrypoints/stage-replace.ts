/**
 * The replacement rules' stage with the linear-time regular-expression engine (RE2, through
 * re2js), injected into a frame by the background only when its site has replacement rules; never
 * part of the sentinel or of the pipeline every garbled page gets.
 */
import { createReplacementRulesStage } from '@/lib/features/replacement-rules';
import { registerStageCode } from '@/lib/features/stage-code';

export default defineUnlistedScript(() => {
  registerStageCode('replace', createReplacementRulesStage);
});
