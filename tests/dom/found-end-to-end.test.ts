/**
 * Cases found by the end-to-end tests (tests/e2e/), each kept here too, where it is quick to run
 * and to read: the page pipeline, the sentinel and the passage tooltip.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { FIXED_ATTRIBUTE, OWN_NODE_ATTRIBUTE, TOOLTIP_HOST_ID } from '../../lib/dom/markers';
import { PagePipeline } from '../../lib/dom/page-pipeline';
import { createFixDoubledTextStage, OUTLINE_CSS } from '../../lib/features/fix-doubled-text';
import { DEFAULT_TOOLTIP_HIDE_DELAY_MS, installPassageTooltip } from '../../lib/features/passage-tooltip';
import { type SentinelAnswer, startSentinel } from '../../lib/features/sentinel';

const DOUBLED = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const FIXED = '勇于担当作为，当好党和人民的忠诚卫士';
const settle = () => new Promise((resume) => setTimeout(resume, 0));

describe('PagePipeline, cases found end to end', () => {
  let pipeline: PagePipeline | undefined;
  afterEach(() => {
    pipeline?.stop();
    document.body.replaceChildren();
  });

  /**
   * On a site remembered for doubled text the pipeline starts fixing with early settings as the
   * page is parsed, and the real settings arrive while it is still walking a big page: the pass
   * finished without marking the new generation done, and the tab reported "not working" and
   * "generation 1 of 2" forever (tests/e2e/hostile-pages.e2e.ts, the deep page).
   */
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

  /**
   * With "Show original" on no passage is marked, and the outline's style sheet goes too: a page
   * must not see Qingdu where it shows nothing (tests/e2e/stages-undo.e2e.ts compares the head).
   */
  test('the outline style sheet is there only while some passage is marked', async () => {
    const p = document.createElement('p');
    p.textContent = DOUBLED;
    document.body.append(p);
    const ownSheets = () => document.querySelectorAll(`style[${OWN_NODE_ATTRIBUTE}]`).length;
    pipeline = new PagePipeline(document, { passageCss: OUTLINE_CSS });
    pipeline.setTextStage('fix', createFixDoubledTextStage({ sensitivity: 'conservative' }));
    pipeline.start();
    await pipeline.whenIdle();
    expect(p.hasAttribute(FIXED_ATTRIBUTE)).toBe(true);
    expect(ownSheets()).toBe(1);
    pipeline.setShowOriginal(true);
    await pipeline.whenIdle();
    expect(p.textContent).toBe(DOUBLED);
    expect(p.hasAttribute(FIXED_ATTRIBUTE)).toBe(false);
    expect(ownSheets()).toBe(0);
    pipeline.setShowOriginal(false);
    await pipeline.whenIdle();
    expect(p.textContent).toBe(FIXED);
    expect(ownSheets()).toBe(1);
  });
});

/**
 * The sentinel's watch for new content (lib/features/sentinel.ts): it looked at an `about:blank`
 * frame at once, empty, and the parent filled the frame while the background's answer was on its
 * way (tests/e2e/fix-doubled-text.e2e.ts, the about:blank frame of the article).
 */
describe('the sentinel', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    document.body.replaceChildren();
  });

  test('content the page adds while its first report is answered is looked at too', async () => {
    document.body.replaceChildren();
    const reports: boolean[] = [];
    let answer: (value: SentinelAnswer) => void = () => undefined;
    ({ stop } = startSentinel(document, {
      report(findings) {
        reports.push(findings.candidates.length > 0);
        // The first answer takes a while (a round trip to the background); later ones come at once.
        if (reports.length > 1) return Promise.resolve({ fixEnabled: true, pipeline: false });
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
    }));
    expect(reports).toEqual([false]);
    const p = document.createElement('p');
    p.textContent = DOUBLED;
    document.body.append(p);
    await settle();
    answer({ fixEnabled: true, pipeline: false });
    await settle();
    expect(reports).toEqual([false, true]);
  });

  test('content added after the answer is looked at, and a clean page reports once', async () => {
    document.body.replaceChildren();
    const reports: boolean[] = [];
    ({ stop } = startSentinel(document, {
      report(findings) {
        reports.push(findings.candidates.length > 0);
        return Promise.resolve({ fixEnabled: true, pipeline: false });
      },
    }));
    await settle();
    const clean = document.createElement('p');
    clean.textContent = '这是一个干净的段落。';
    document.body.append(clean);
    await settle();
    expect(reports).toEqual([false]);
    const p = document.createElement('p');
    p.textContent = DOUBLED;
    document.body.append(p);
    await settle();
    expect(reports).toEqual([false, true]);
  });

  test('where fixing is off, nothing more is reported', async () => {
    document.body.replaceChildren();
    const reports: boolean[] = [];
    let answer: (value: SentinelAnswer) => void = () => undefined;
    ({ stop } = startSentinel(document, {
      report(findings) {
        reports.push(findings.candidates.length > 0);
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
    }));
    const p = document.createElement('p');
    p.textContent = DOUBLED;
    document.body.append(p);
    await settle();
    answer({ fixEnabled: false, pipeline: false });
    await settle();
    expect(reports).toEqual([false]);
  });
});

/**
 * The tooltip's host is in the page only while it shows an original: with "Show original" on, or
 * once the pointer has left, a page must not see Qingdu (tests/e2e/stages-undo.e2e.ts compares
 * the whole page with its own markup).
 */
describe('the passage tooltip', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.replaceChildren();
  });

  test('its host comes with the hover over a fixed passage and goes when the pointer leaves', () => {
    vi.useFakeTimers();
    const passage = document.createElement('p');
    passage.setAttribute(FIXED_ATTRIBUTE, '');
    passage.textContent = FIXED;
    const other = document.createElement('p');
    other.textContent = '这是一个干净的段落。';
    document.body.append(passage, other);
    const controller = new AbortController();
    installPassageTooltip(document, {
      signal: controller.signal,
      text: {
        title: 'About this fix',
        original: 'Original',
        why: 'Why',
        keep: 'Keep the original',
        undo: 'Undo',
        copy: 'Copy report',
        kept: 'Kept',
        fixedAgain: 'Fixed again',
        copied: 'Copied',
        copyFailed: 'Not copied',
      },
      describe: (element) => (element === passage ? { original: DOUBLED, why: [], canKeep: true } : undefined),
      keep: async () => ({ ok: false, message: 'no' }),
      copyReport: async () => false,
    });
    const host = () => document.getElementById(TOOLTIP_HOST_ID);
    expect(host()).toBeNull();
    passage.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    expect(host()?.shadowRoot?.querySelector('.text')?.textContent).toBe(DOUBLED);
    other.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    // After a moment's grace (the pointer may be on its way to the tooltip's buttons).
    vi.advanceTimersByTime(DEFAULT_TOOLTIP_HIDE_DELAY_MS);
    expect(host()).toBeNull();
    passage.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    expect(host()).not.toBeNull();
    controller.abort();
    expect(host()).toBeNull();
  });
});
