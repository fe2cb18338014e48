/**
 * Fix doubled text: the first text stage of the page pipeline. Repairs the page's doubled text
 * (`勇勇于于担担当当` → `勇于担当`) as it appears; the pipeline outlines each fixed passage, shows
 * its original on hover, counts it, and "Show original" pauses the stage.
 */

import { FIXED_ATTRIBUTE } from '@/lib/dom/markers';
import type { PageTextStage } from '@/lib/dom/page-pipeline';
import { fixText } from '@/lib/text/doubled/fix-doubled-text';
import { createFixStage } from '@/lib/text/doubled/fix-stage';
import type { FixOptions, TextEdit } from '@/lib/text/doubled/types';
import { dropKeptEdits, normaliseKeptText } from '@/lib/text/kept-originals';
import { createPageEvidenceTracker } from './page-evidence';

/** Sensitivity used where the reader explicitly asks for a fix (selection, copy). */
export const EXPLICIT_FIX_OPTIONS: FixOptions = { sensitivity: 'aggressive' };

/** The outline of fixed passages (the "Outline fixed passages" setting). */
export const OUTLINE_CSS = `[${FIXED_ATTRIBUTE}] {
  outline: 1px dashed rgba(214, 120, 0, 0.6) !important;
  outline-offset: 2px !important;
}`;

/**
 * The fix stage with the site's options; where the reader asks ("Fix selection"), it runs at
 * aggressive. It learns from the page: once doubled text is confirmed on it, short blocks (and
 * blocks of the same kind as a confirmed one) are judged with that evidence (see page-evidence.ts).
 * Its automatic edits leave alone the passages the reader keeps as the page wrote them on this
 * site (`keptOriginals`, normalised texts: "Keep the original"), which teach it nothing.
 */
export function createFixDoubledTextStage(options: FixOptions, keptOriginals: readonly string[] = []): PageTextStage {
  const automatic = createFixStage(options);
  const explicit = createFixStage({ ...options, ...EXPLICIT_FIX_OPTIONS });
  const kept = keptOriginals.map(normaliseKeptText).filter((text) => text !== '');
  const withoutKept = (text: string, edits: readonly TextEdit[]) =>
    kept.length > 0 ? dropKeptEdits(text, edits, kept) : edits;
  const evidence = createPageEvidenceTracker();
  return {
    ...automatic,
    edit: (text: string, parts?: number) => withoutKept(text, automatic.edit(text, parts)),
    repairs: true,
    learned: evidence,
    editInContext(text, _parts, context) {
      const pageEvidence = evidence.evidenceFor(context, text.length);
      const fixed = fixText(text, pageEvidence === 'none' ? options : { ...options, pageEvidence });
      const edits = withoutKept(text, fixed.edits);
      evidence.learn(context, edits);
      return edits;
    },
    editRequested(text, { start, end }) {
      return explicit
        .edit(text.slice(start, end))
        .map((edit) => ({ ...edit, start: edit.start + start, end: edit.end + start }));
    },
  };
}
