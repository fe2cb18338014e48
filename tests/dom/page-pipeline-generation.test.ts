/**
 * The pipeline's generation bookkeeping (lib/dom/page-pipeline.ts), which tests and the popup
 * wait on. Found end to end: on a site remembered for doubled text the pipeline starts fixing
 * with early settings as the page is parsed, and the real settings arrive while it is still
 * walking a big page; the pass then finished without ever marking the new generation done, so
 * the tab reported "not working" and "generation 1 of 2" forever.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { PagePipeline } from '../../lib/dom/page-pipeline';
import { createFixDoubledTextStage } from '../../lib/features/fix-doubled-text';

const DOUBLED = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const FIXED = '勇于担当作为，当好党和人民的忠诚卫士';

describe('PagePipeline generations', () => {
  let pipeline: PagePipeline | undefined;
  afterEach(() => {
    pipeline?.stop();
    document.body.replaceChildren();
  });

  test('a stage switched while the pass is still walking the page is done by the end of that pass', async () => {
    for (let i = 0; i < 20; i++) {
      const p = document.createElement('p');
      p.textContent = DOUBLED;
      document.body.append(p);
    }
    // A slice of no time: the pass yields to the page after every block it walks.
    pipeline = new PagePipeline(document, { sliceMs: 0 });
    pipeline.setTextStage('fix', createFixDoubledTextStage({ sensitivity: 'conservative' }));
    pipeline.start();
    // The pass is walking the page now (it yielded after the first block): the settings change.
    expect(pipeline.status()).toMatchObject({ working: true, progress: { done: 0 } });
    pipeline.setTextStage('fix', createFixDoubledTextStage({ sensitivity: 'balanced' }));
    await pipeline.whenIdle();
    const status = pipeline.status();
    expect(status.working).toBe(false);
    expect(status.doneGeneration).toBe(status.generation);
    expect([...document.querySelectorAll('p')].every((p) => p.textContent === FIXED)).toBe(true);
  });
});
