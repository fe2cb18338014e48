/** The doubled-text fix as a text stage (lib/text/compose.ts). */
import type { TextStage } from '../compose';
import { fixText, mightContainDoubledText } from './fix-doubled-text';
import type { FixOptions } from './types';

export function createFixStage(options: FixOptions = {}): TextStage {
  return { name: 'fix', mightChange: mightContainDoubledText, edit: (text) => fixText(text, options).edits };
}
