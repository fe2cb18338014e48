/**
 * The pinyin stage with its data (pinyin-pro, the derived word list, context rules and frequency
 * list), injected into a frame by the background only when the reader turns pinyin on there;
 * never part of the always-injected sentinel.
 */

import { createPinyinStage } from '@/lib/features/pinyin';
import { registerStageCode } from '@/lib/features/stage-code';

export default defineUnlistedScript(() => {
  registerStageCode('pinyin', (options) => createPinyinStage(options));
});
