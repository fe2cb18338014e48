/**
 * The tooltip's actions through the page controller, against a background that keeps passages in
 * real settings (tests/support/passage-services.ts): Keep the original changes the page at once and
 * Undo fixes it again; Copy report puts the original, the fix and every edit's rule and evidence
 * on the clipboard; the keyboard path finds the passage at the selection, the focus or the context
 * menu; the tooltip says which evidence decided, in the reader's words.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FIXED_ATTRIBUTE, TOOLTIP_HOST_ID } from '../../lib/dom/markers';
import { createPageController, EARLY_PAGE_SETTINGS, type PageController } from '../../lib/features/page-controller';
import { FIX_REPORT_FORMAT, type FixReport } from '../../lib/features/passage-report';
import { createTestBackground, type TestBackground } from '../support/passage-services';

const HEADLINE = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const HEADLINE_FIXED = '勇于担当作为，当好党和人民的忠诚卫士';
const SUBHEAD = '确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列';
const SUBHEAD_FIXED = '确保“双招双引”工作走在全市前列';

const settle = () => new Promise((resume) => setTimeout(resume, 0));
const host = () => document.getElementById(TOOLTIP_HOST_ID);
const part = <T extends Element = HTMLElement>(selector: string) =>
  host()?.shadowRoot?.querySelector<T>(selector) ?? null;
const over = (target: Element) => target.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
const textOf = (id: string) => document.getElementById(id)?.textContent ?? '';

describe('the tooltip’s actions on a page', () => {
  let controller: PageController;
  let background: TestBackground;
  let headline: HTMLElement;

  async function idle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await settle();
      await controller.whenIdle();
    }
  }

  beforeEach(async () => {
    document.body.innerHTML = '';
    headline = document.createElement('h1');
    headline.id = 'headline';
    headline.textContent = HEADLINE;
    const subhead = document.createElement('h2');
    subhead.id = 'subhead';
    const link = document.createElement('a');
    link.href = '#story';
    link.textContent = SUBHEAD;
    subhead.append(link);
    document.body.append(headline, subhead);
    background = createTestBackground();
    controller = createPageController(document, {
      loadStageCode: async () => undefined,
      onStatus: () => undefined,
      // happy-dom's clicks are synthetic; real clicks are the e2e test's (tests/e2e/veto.e2e.ts).
      passages: { ...background.services, isTrusted: () => true },
    });
    controller.applySettings({ ...EARLY_PAGE_SETTINGS, site: { ...EARLY_PAGE_SETTINGS.site, keptOriginals: [] } });
    await idle();
    expect(textOf('headline')).toBe(HEADLINE_FIXED);
  });
  afterEach(() => {
    controller.stop();
  });

  test('the tooltip says which evidence decided, in the reader’s words', () => {
    over(headline);
    expect(part('.text')?.textContent).toBe(HEADLINE);
    const why = [...(host()?.shadowRoot?.querySelectorAll('.why li') ?? [])].map((li) => li.textContent);
    // The words are the locale's (echoed as key(numbers) here): the chain's length, runs no dictionary explains.
    expect(why).toEqual(expect.arrayContaining([expect.stringMatching(/^fixWhy\.chain\(\d+\)$/)]));
    expect(why.every((line) => line?.startsWith('fixWhy.'))).toBe(true);
  });

  test('Keep the original: the page shows the original at once; Undo fixes it again', async () => {
    over(headline);
    part<HTMLButtonElement>('.keep')?.click();
    await idle();
    expect(textOf('headline')).toBe(HEADLINE);
    expect(headline.hasAttribute(FIXED_ATTRIBUTE)).toBe(false);
    expect(textOf('subhead')).toBe(SUBHEAD_FIXED);
    expect(background.settings().keptOriginals).toEqual([{ site: 'news.example', text: HEADLINE }]);
    expect(part('[role="status"]')?.textContent).toBe('fixTooltip.kept');
    expect(controller.status().work.fixCount).toBe(1);

    part<HTMLButtonElement>('.keep')?.click();
    await idle();
    expect(textOf('headline')).toBe(HEADLINE_FIXED);
    expect(background.settings().keptOriginals).toEqual([]);
    expect(part('[role="status"]')?.textContent).toBe('fixTooltip.fixedAgain');
    expect(controller.status().work.fixCount).toBe(2);
  });

  test('when the settings cannot be saved, the reader is told and the page stays fixed', async () => {
    background.failWith = { ok: false, reason: 'not-saved' };
    over(headline);
    part<HTMLButtonElement>('.keep')?.click();
    await idle();
    expect(part('[role="status"]')?.textContent).toBe('fixTooltip.problem.notSaved');
    expect(textOf('headline')).toBe(HEADLINE_FIXED);
  });

  test('Copy report: the original, the fix and each edit with its rule and evidence, as JSON', async () => {
    over(headline);
    part<HTMLButtonElement>('.copy')?.click();
    await idle();
    expect(part('[role="status"]')?.textContent).toBe('fixTooltip.copied');
    const report = JSON.parse(await navigator.clipboard.readText()) as FixReport;
    expect(report).toEqual({
      format: FIX_REPORT_FORMAT,
      qingdu: '9.9.9',
      page: document.URL,
      settings: { sensitivity: 'conservative', factors: [2, 3, 4], latin: true },
      original: HEADLINE,
      fixed: HEADLINE_FIXED,
      edits: [
        {
          stage: 'fix',
          rule: 'doubled-cjk',
          factor: 2,
          start: 0,
          end: HEADLINE.length,
          original: HEADLINE,
          replacement: HEADLINE_FIXED,
          because: expect.objectContaining({ facts: expect.arrayContaining(['chain']) }),
        },
      ],
    });
    expect(report.edits[0]?.because?.runs).toBeGreaterThan(0);
  });

  test('a passage just kept can still be reported', async () => {
    over(headline);
    part<HTMLButtonElement>('.keep')?.click();
    await idle();
    part<HTMLButtonElement>('.copy')?.click();
    await idle();
    expect(JSON.parse(await navigator.clipboard.readText())).toMatchObject({
      original: HEADLINE,
      fixed: HEADLINE_FIXED,
    });
  });

  test('keyboard: the passage at the selection, then at the focus, gets the tooltip with focus inside', () => {
    const selection = document.getSelection();
    const range = document.createRange();
    range.setStart(headline.firstChild as Text, 2);
    range.setEnd(headline.firstChild as Text, 4);
    selection?.removeAllRanges();
    selection?.addRange(range);
    expect(controller.showPassageDetails('command')).toBe(true);
    expect(part('.text')?.textContent).toBe(HEADLINE);
    expect(host()?.shadowRoot?.activeElement).toBe(part('.keep'));
    part('.keep')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(host()).toBeNull();

    selection?.removeAllRanges();
    const link = document.querySelector('#subhead a') as HTMLAnchorElement;
    link.focus();
    expect(controller.showPassageDetails('command')).toBe(true);
    expect(part('.text')?.textContent).toBe(SUBHEAD);
    part('.keep')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(document.activeElement).toBe(link);
  });

  test('keyboard: the context menu entry acts where the menu was opened; nowhere near a passage, nothing opens', () => {
    headline.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true }));
    expect(controller.showPassageDetails('menu')).toBe(true);
    expect(part('.text')?.textContent).toBe(HEADLINE);
    part('.keep')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));

    document.body.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true }));
    expect(controller.showPassageDetails('menu')).toBe(false);
    expect(host()).toBeNull();
  });
});
