/**
 * The conversion stage with its dictionaries (opencc-js), injected into a frame by the background
 * only when the reader turns conversion on there; never part of the always-injected sentinel.
 */

import { loadConversionStage } from '@/lib/features/conversion';
import { registerStageCode } from '@/lib/features/stage-code';

export default defineUnlistedScript(() => {
  registerStageCode('conversion', loadConversionStage);
});
