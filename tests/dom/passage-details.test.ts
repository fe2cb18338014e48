/**
 * What the page pipeline keeps for each marked passage, for the tooltip and "Copy report"
 * (`describePassage`): the passage as the page wrote it, as the repairs left it, and each repair
 * edit with its stage, its place in the passage and its evidence.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FIXED_ATTRIBUTE } from '../../lib/dom/markers';
import { PagePipeline } from '../../lib/dom/page-pipeline';
import { createFixDoubledTextStage, OUTLINE_CSS } from '../../lib/features/fix-doubled-text';
import { createReplacementRulesStage } from '../../lib/features/replacement-rules';

const SUBHEAD = '确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列';
const SUBHEAD_FIXED = '确保“双招双引”工作走在全市前列';

const settle = () => new Promise((resume) => setTimeout(resume, 0));

describe('PagePipeline.describePassage', () => {
  let pipeline: PagePipeline;

  async function idle(): Promise<void> {
    await settle();
    await pipeline.whenIdle();
  }

  beforeEach(() => {
    document.body.innerHTML = '';
    pipeline = new PagePipeline(document, { passageCss: OUTLINE_CSS });
    pipeline.start();
  });
  afterEach(() => pipeline.stop());

  test('describePassage: the passage as the page wrote it, as repaired, and each edit with its evidence', async () => {
    const p = document.createElement('p');
    const lead = document.createElement('b');
    lead.textContent = '人人民民网网讯讯';
    p.append(lead, ' 近日，记者从市里获悉，新华社报道了这件事。');
    document.body.append(p);
    pipeline.setTextStage('fix', createFixDoubledTextStage({}));
    pipeline.setTextStage(
      'replace',
      createReplacementRulesStage([
        { enabled: true, find: '新华社', replace: '新华通讯社', isRegex: false, ignoreCase: false },
      ]),
    );
    await idle();
    expect(p.textContent).toBe('人民网讯 近日，记者从市里获悉，新华通讯社报道了这件事。');
    // The lead-in's <b> and the replaced word's text node share the paragraph: one outer passage.
    const marked = pipeline.markedPassages();
    expect(marked).toEqual([p]);
    expect(pipeline.describePassage(document.body)).toBeUndefined();
    const [part, ...more] = pipeline.describePassage(p) ?? [];
    expect(more).toEqual([]);
    expect(part?.original).toBe('人人民民网网讯讯 近日，记者从市里获悉，新华社报道了这件事。');
    expect(part?.repaired).toBe('人民网讯 近日，记者从市里获悉，新华通讯社报道了这件事。');
    expect(part?.edits.map(({ stage, start, end, edit }) => ({ stage, start, end, rule: edit.rule }))).toEqual([
      { stage: 'fix', start: 0, end: 8, rule: 'doubled-cjk' },
      { stage: 'replace', start: 20, end: 23, rule: 'replacement' },
    ]);
    expect(part?.edits[0]?.edit.because?.facts.length).toBeGreaterThan(0);
  });

  test('an inline passage is described by its own part of the block only', async () => {
    const p = document.createElement('p');
    const title = document.createElement('b');
    title.textContent = SUBHEAD;
    p.append('头条：', title, '。');
    document.body.append(p);
    pipeline.setTextStage('fix', createFixDoubledTextStage({}));
    await idle();
    expect(pipeline.markedPassages()).toEqual([title]);
    expect(pipeline.describePassage(title)).toEqual([
      expect.objectContaining({ original: SUBHEAD, repaired: SUBHEAD_FIXED }),
    ]);
    expect(pipeline.describePassage(title)?.[0]?.edits[0]).toMatchObject({ start: 0, end: SUBHEAD.length });
  });

  test('passages from two blocks in one element are two parts; once the page replaces them, no passage is left', async () => {
    const div = document.createElement('div');
    const br = document.createElement('br');
    div.append(SUBHEAD, br, '本本报报讯讯记记者者');
    document.body.append(div);
    pipeline.setTextStage('fix', createFixDoubledTextStage({ sensitivity: 'aggressive' }));
    await idle();
    const parts = pipeline.describePassage(div) ?? [];
    expect(parts.map((part) => part.original)).toEqual([SUBHEAD, '本本报报讯讯记记者者']);
    expect(parts.map((part) => part.repaired)).toEqual([SUBHEAD_FIXED, '本报讯记者']);
    div.replaceChildren('干净的文字');
    await idle();
    expect(pipeline.describePassage(div)).toBeUndefined();
    // Found here: the element kept its outline and was still counted as a fixed passage.
    expect(div.hasAttribute(FIXED_ATTRIBUTE)).toBe(false);
    expect(pipeline.status().fixCount).toBe(0);
  });

  test('only marked passages hold anything: a clean page keeps nothing', async () => {
    document.body.innerHTML = '<p>大家高高兴兴，常常研究研究。</p>';
    pipeline.setTextStage('fix', createFixDoubledTextStage({}));
    await idle();
    expect(pipeline.markedPassages()).toEqual([]);
    expect(pipeline.describePassage(document.querySelector('p') as Element)).toBeUndefined();
  });
});
