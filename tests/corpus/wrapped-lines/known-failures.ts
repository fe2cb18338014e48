/**
 * Wrapped paragraphs the detector leaves unjoined, with the reason. A test checks each still
 * fails, so one that starts passing is moved to the in-the-wild cases.
 */
import type { WrappedLinesCase } from './cases';

export const KNOWN_FAILURES: WrappedLinesCase[] = [];
