import { describe, expect, test } from 'vitest';
import { markDocumentReady, READY_ATTRIBUTE, READY_VALUE } from '../../lib/dom/markers';

describe('markDocumentReady', () => {
  test('marks <html> and nothing else', () => {
    document.body.textContent = '勇勇于于担担当当';
    markDocumentReady(document);
    expect(document.documentElement.getAttribute(READY_ATTRIBUTE)).toBe(READY_VALUE);
    expect(document.body.textContent).toBe('勇勇于于担担当当');
  });
});
