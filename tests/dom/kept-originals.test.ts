/**
 * The reader's veto in the page pipeline: the fix stage leaves kept originals as the page wrote
 * them (matched on the page's own text, whatever its whitespace), while the rest of the page is
 * fixed; dropping the exception fixes the passage again.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FIXED_ATTRIBUTE } from '../../lib/dom/markers';
import { PagePipeline } from '../../lib/dom/page-pipeline';
import { createFixDoubledTextStage, OUTLINE_CSS } from '../../lib/features/fix-doubled-text';
import { normaliseKeptText } from '../../lib/text/kept-originals';

const HEADLINE = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const HEADLINE_FIXED = '勇于担当作为，当好党和人民的忠诚卫士';
const SUBHEAD = '确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列';
const SUBHEAD_FIXED = '确保“双招双引”工作走在全市前列';

const settle = () => new Promise((resume) => setTimeout(resume, 0));
const textOf = (id: string) => document.getElementById(id)?.textContent ?? '';

describe('kept originals in the page pipeline', () => {
  let pipeline: PagePipeline;

  async function idle(): Promise<void> {
    await settle();
    await pipeline.whenIdle();
  }

  beforeEach(() => {
    document.body.innerHTML = '';
    const h1 = document.createElement('h1');
    h1.id = 'headline';
    // The page's own whitespace: indentation and a line break inside the headline.
    h1.textContent = `\n    ${HEADLINE.slice(0, 12)}\n    ${HEADLINE.slice(12)}\n  `;
    const h2 = document.createElement('h2');
    h2.id = 'subhead';
    h2.textContent = SUBHEAD;
    document.body.append(h1, h2);
    pipeline = new PagePipeline(document, { passageCss: OUTLINE_CSS });
    pipeline.start();
  });
  afterEach(() => pipeline.stop());

  test('a kept passage stays as the page wrote it, the rest is fixed, and dropping it fixes it again', async () => {
    // What "Keep the original" stores: the passage's own text, normalised.
    const kept = normaliseKeptText(textOf('headline'));
    pipeline.setTextStage('fix', createFixDoubledTextStage({}, [kept]));
    await idle();
    expect(textOf('headline')).toBe(`\n    ${HEADLINE.slice(0, 12)}\n    ${HEADLINE.slice(12)}\n  `);
    expect(textOf('subhead')).toBe(SUBHEAD_FIXED);
    expect(document.getElementById('headline')?.hasAttribute(FIXED_ATTRIBUTE)).toBe(false);
    expect(pipeline.status().fixCount).toBe(1);

    // Undo: the stage without the exception.
    pipeline.setTextStage('fix', createFixDoubledTextStage({}, []));
    await idle();
    expect(textOf('headline').replace(/\s/g, '')).toBe(HEADLINE_FIXED);
    expect(pipeline.status().fixCount).toBe(2);
  });

  test('the text as the page wrote it with other whitespace still matches; another text does not', async () => {
    pipeline.setTextStage(
      'fix',
      createFixDoubledTextStage({}, [`${HEADLINE.slice(0, 12)}\u3000${HEADLINE.slice(12)}`]),
    );
    await idle();
    expect(textOf('headline')).toContain(HEADLINE.slice(0, 12));
    pipeline.setTextStage('fix', createFixDoubledTextStage({}, [HEADLINE_FIXED]));
    await idle();
    expect(textOf('headline').replace(/\s/g, '')).toBe(HEADLINE_FIXED);
  });
});
