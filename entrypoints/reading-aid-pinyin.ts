/**
 * The pinyin aid with its data (pinyin-pro, the derived word list, context rules and frequency
 * list), injected into a frame by the background only when the reader turns pinyin on there;
 * never part of the always-injected content script.
 */
import { createPinyinAid } from '@/lib/features/pinyin';
import { registerReadingAid } from '@/lib/features/reading-aid';

export default defineUnlistedScript(() => {
  registerReadingAid('pinyin', () => createPinyinAid());
});
