/**
 * What the doubled-text fix learns from the page it runs on. A page where doubled text was
 * confirmed in some blocks is a printed edition's text: a short candidate elsewhere on it (a
 * section head `要要闻闻`, a table-of-contents entry) may be accepted with less evidence, and less
 * still in an element of the same kind as a confirmed one (another headline, another entry).
 *
 * Kept conservative, since a false fix is worse than a miss: only blocks that were fixed on their
 * own evidence teach anything; the page's evidence reaches only short blocks; and "the same kind"
 * needs a kind that means something (a class, or a heading, list or table element: every
 * unclassed `<p>` of a page is not one kind).
 */
import type { BlockContext as BlockKind } from '@/lib/dom/page-pipeline';
import type { EditEvidence, PageEvidence, TextEdit } from '@/lib/text/doubled/types';

/** Blocks up to this long get "the same kind" evidence (headlines, entries, captions). */
export const MAX_SAME_KIND_LENGTH = 64;
/** Blocks up to this long get the page's evidence (section heads, short entries). */
export const MAX_PAGE_EVIDENCE_LENGTH = 16;

/** Elements whose tag alone makes a kind: headings, list, table and caption elements. */
const KIND_TAGS: ReadonlySet<string> = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'dt',
  'dd',
  'td',
  'th',
  'caption',
  'figcaption',
  'summary',
  'legend',
]);

function kindKey({ tag, className }: BlockKind): string | undefined {
  const classes = className.trim().split(/\s+/).filter(Boolean).sort().join('.');
  if (classes === '' && !KIND_TAGS.has(tag)) return undefined;
  return `${tag}.${classes}`;
}

/** Did the edits stand on the block's own evidence (not the page's)? */
function selfEvident(edits: readonly TextEdit[]): boolean {
  return edits.every((edit) => !edit.because || !usesPageEvidence(edit.because));
}

function usesPageEvidence(because: EditEvidence): boolean {
  return because.facts.includes('page') || because.facts.includes('same-kind');
}

export interface PageEvidenceTracker {
  /** Bumped whenever what was learned changes (blocks judged before may be judged differently now). */
  readonly version: number;
  /** The evidence a block of this kind and length gets now. */
  evidenceFor(kind: BlockKind, length: number): PageEvidence;
  /** Learn from a block's edits (those it got with the evidence it was given). */
  learn(kind: BlockKind, edits: readonly TextEdit[]): void;
}

export function createPageEvidenceTracker(): PageEvidenceTracker {
  const kinds = new Set<string>();
  let confirmed = false;
  let version = 0;
  return {
    get version() {
      return version;
    },
    evidenceFor(kind, length) {
      if (!confirmed) return 'none';
      const key = kindKey(kind);
      if (key !== undefined && kinds.has(key) && length <= MAX_SAME_KIND_LENGTH) return 'same-kind';
      return length <= MAX_PAGE_EVIDENCE_LENGTH ? 'page' : 'none';
    },
    learn(kind, edits) {
      if (edits.length === 0 || !selfEvident(edits)) return;
      if (!confirmed) {
        confirmed = true;
        version++;
      }
      const key = kindKey(kind);
      if (key !== undefined && !kinds.has(key)) {
        kinds.add(key);
        version++;
      }
    },
  };
}
