/**
 * The conversion stage with its dictionaries (opencc-js), injected into a frame by the background
 * only when the reader turns conversion on there; never part of the always-injected sentinel.
 */
import { registerAidCode } from '@/lib/features/aid-code';
import { loadConversionStage } from '@/lib/features/conversion';

export default defineUnlistedScript(() => {
  registerAidCode('conversion', loadConversionStage);
});
