/** The page evidence tracker: who teaches it, what evidence each block gets, when it says it learned. */
import { describe, expect, test } from 'vitest';
import {
  createPageEvidenceTracker,
  MAX_PAGE_EVIDENCE_LENGTH,
  MAX_SAME_KIND_LENGTH,
} from '../../../lib/features/page-evidence';
import { fixText } from '../../../lib/text/doubled/fix-doubled-text';

const HEADLINE = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const toc = { tag: 'li', className: 'toc entry' };

describe('page evidence', () => {
  test('none until a block is fixed on its own evidence; then the page’s for short blocks, the kind’s for its kind', () => {
    const tracker = createPageEvidenceTracker();
    expect(tracker.evidenceFor(toc, 4)).toBe('none');
    tracker.learn(toc, fixText(HEADLINE).edits);
    expect(tracker.version).toBe(2);
    // Class order does not matter.
    expect(tracker.evidenceFor({ tag: 'li', className: 'entry  toc' }, MAX_SAME_KIND_LENGTH)).toBe('same-kind');
    expect(tracker.evidenceFor(toc, MAX_SAME_KIND_LENGTH + 1)).toBe('none');
    expect(tracker.evidenceFor({ tag: 'p', className: '' }, MAX_PAGE_EVIDENCE_LENGTH)).toBe('page');
    expect(tracker.evidenceFor({ tag: 'p', className: '' }, MAX_PAGE_EVIDENCE_LENGTH + 1)).toBe('none');
  });

  test('blocks fixed only thanks to the page teach nothing; nor do blocks left alone', () => {
    const tracker = createPageEvidenceTracker();
    tracker.learn({ tag: 'h2', className: '' }, fixText(HEADLINE).edits);
    const version = tracker.version;
    const helped = fixText('电电源源', { pageEvidence: 'page' }).edits;
    expect(helped).not.toEqual([]);
    tracker.learn({ tag: 'td', className: '' }, helped);
    tracker.learn({ tag: 'th', className: '' }, []);
    expect(tracker.version).toBe(version);
    expect(tracker.evidenceFor({ tag: 'td', className: '' }, 20)).toBe('none');
    // A heading tag is a kind without a class; an unclassed <p> is not.
    expect(tracker.evidenceFor({ tag: 'h2', className: '' }, 20)).toBe('same-kind');
    tracker.learn({ tag: 'p', className: '' }, fixText(HEADLINE).edits);
    expect(tracker.evidenceFor({ tag: 'p', className: '' }, 20)).toBe('none');
  });
});
