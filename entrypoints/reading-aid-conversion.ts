/**
 * The conversion aid with its dictionaries (opencc-js), injected into a frame by the background
 * only when the reader turns conversion on there; never part of the always-injected content script.
 */
import { createConversionAid } from '@/lib/features/convert-script';
import { registerReadingAid } from '@/lib/features/reading-aid';

export default defineUnlistedScript(() => {
  registerReadingAid('conversion', createConversionAid);
});
