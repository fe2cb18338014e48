/**
 * What Qingdu can say about one fixed passage: the evidence that decided (for the tooltip, in the
 * reader's words), the text to keep when the reader keeps the original, and the report "Copy
 * report" puts on the clipboard (the original, the fix and every edit with its rule and evidence,
 * ready to paste into a bug report). Pure: the page pipeline describes the passage
 * (`PagePipeline.describePassage`), this module turns that into data.
 */
import type { PassageDescription, RepairEdit } from '@/lib/dom/page-pipeline';
import type { EditEvidence, EvidenceFact, FixOptions, TextEdit } from '@/lib/text/doubled/types';
import { normaliseKeptText } from '@/lib/text/kept-originals';

/** A fact that decided an edit, or `replacement`: one of the reader's replacement rules made it. */
export type PassageFact = EvidenceFact | 'replacement';

/** One fact behind a passage's edits, with the numbers of the first edit that names it. */
export interface PassageEvidence {
  fact: PassageFact;
  evidence: EditEvidence;
}

const NO_NUMBERS: EditEvidence = { runs: 0, unexplained: 0, chain: 0, facts: [] };

/** The distinct facts behind a passage's edits, in the order the edits give them (strongest first in each). */
export function summariseEvidence(parts: readonly PassageDescription[]): PassageEvidence[] {
  const found = new Map<PassageFact, EditEvidence>();
  for (const { edits } of parts) {
    for (const { stage, edit } of edits) {
      if (stage !== 'fix') {
        if (!found.has('replacement')) found.set('replacement', NO_NUMBERS);
        continue;
      }
      for (const fact of edit.because?.facts ?? []) if (!found.has(fact)) found.set(fact, edit.because ?? NO_NUMBERS);
    }
  }
  return [...found].map(([fact, evidence]) => ({ fact, evidence }));
}

/** Why a passage's text cannot be kept. */
export type KeepTextProblem = 'nothing-to-keep' | 'too-long';

/**
 * Why Keep the original did not work: the passage's text (`KeepTextProblem`), too many passages
 * kept already, a frame with no web address (no site to keep it on), or the settings could not be
 * saved.
 */
export type KeepProblem = KeepTextProblem | 'too-many' | 'no-site' | 'not-saved';

/**
 * The texts that keep a passage as the page wrote it: for each part the fix changed, its own text
 * (normalised), or when that is longer than `maxLength` the stretch its fix edits cover.
 */
export function findTextsToKeep(
  parts: readonly PassageDescription[],
  maxLength: number,
): { ok: true; texts: string[] } | { ok: false; problem: KeepTextProblem } {
  const texts: string[] = [];
  for (const { original, edits } of parts) {
    const fixes = edits.filter((repair) => repair.stage === 'fix');
    if (fixes.length === 0) continue;
    let text = normaliseKeptText(original);
    if (text.length > maxLength) {
      const start = Math.min(...fixes.map((repair) => repair.start));
      const end = Math.max(...fixes.map((repair) => repair.end));
      text = normaliseKeptText(original.slice(start, end));
    }
    if (text.length > maxLength) return { ok: false, problem: 'too-long' };
    if (text !== '' && !texts.includes(text)) texts.push(text);
  }
  return texts.length > 0 ? { ok: true, texts } : { ok: false, problem: 'nothing-to-keep' };
}

export const FIX_REPORT_FORMAT = 'qingdu-fix-report';

/** One edit in a report, with the stage that made it: offsets into the report's `original`. */
export interface FixReportEdit extends TextEdit {
  stage: RepairEdit['stage'];
}

/** What "Copy report" puts on the clipboard, as JSON. */
export interface FixReport {
  format: typeof FIX_REPORT_FORMAT;
  /** The extension's version. */
  qingdu: string;
  /** The page's address. */
  page: string;
  /** The detection settings the fix ran with there. */
  settings: Required<Pick<FixOptions, 'sensitivity' | 'factors' | 'latin'>> &
    Omit<FixOptions, 'sensitivity' | 'factors' | 'latin'>;
  /** The passage as the page wrote it (parts from several blocks joined by a line break). */
  original: string;
  /** The passage as Qingdu repaired it (before any conversion). */
  fixed: string;
  edits: FixReportEdit[];
}

export interface FixReportContext {
  version: string;
  page: string;
  fixOptions: FixOptions;
}

export function buildFixReport(parts: readonly PassageDescription[], context: FixReportContext): FixReport {
  const { sensitivity = 'conservative', factors = [2, 3, 4], latin = true, ...rest } = context.fixOptions;
  const edits: FixReportEdit[] = [];
  let offset = 0;
  for (const part of parts) {
    for (const { stage, edit, start, end } of part.edits) {
      edits.push({
        stage,
        rule: edit.rule,
        factor: edit.factor,
        start: start + offset,
        end: end + offset,
        original: edit.original,
        replacement: edit.replacement,
        ...(edit.because && { because: edit.because }),
      });
    }
    offset += part.original.length + 1;
  }
  return {
    format: FIX_REPORT_FORMAT,
    qingdu: context.version,
    page: context.page,
    settings: { sensitivity, factors: [...factors], latin, ...rest },
    original: parts.map((part) => part.original).join('\n'),
    fixed: parts.map((part) => part.repaired).join('\n'),
    edits,
  };
}
