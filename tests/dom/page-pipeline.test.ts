/**
 * The page pipeline with the real stages: fix doubled text, replacement rules, conversion and
 * pinyin, alone and together, switched in every order, over a page that keeps changing.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FIXED_ATTRIBUTE, OWN_NODE_ATTRIBUTE } from '../../lib/dom/markers';
import { CONTAINER_REWRITE_LIMIT, PagePipeline, type PipelineStatus } from '../../lib/dom/page-pipeline';
import { RUBY_CLASS } from '../../lib/dom/ruby';
import { createConversionStage } from '../../lib/features/conversion';
import { createFixDoubledTextStage, OUTLINE_CSS } from '../../lib/features/fix-doubled-text';
import { createPinyinStage, PINYIN_FORM_ATTRIBUTES } from '../../lib/features/pinyin';
import { createReplacementRulesStage } from '../../lib/features/replacement-rules';
import { type Converter, createConverter } from '../../lib/text/convert/converter';

const HEADLINE = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const HEADLINE_FIXED = '勇于担当作为，当好党和人民的忠诚卫士';

/** Page markup for the tests (written here, never taken from a page). */
const PAGE = `
<nav><ul><li><a href="#a1" title="要闻">${HEADLINE}</a></li><li><a href="#a2">01 要闻</a></li></ul></nav>
<article>
  <h1 id="h1"><span>确确保保““双双</span><b>招招双双引引””</b>工工作作走走在在全全市市前前列列</h1>
  <p id="body">会议强调，要立足重点产业，牢牢把握“十强”产业，紧盯500强项目。大家高高兴兴，常常研究研究。</p>
  <p id="split">他的<b>头</b>发和银<i>行</i>的U<b>盘</b></p>
  <pre id="pre">新新新新项项项项目目目目</pre>
  <textarea id="ta">勇勇于于担担当当</textarea>
  <div id="ce" contenteditable="true">马马马马蹄蹄蹄蹄疾疾疾疾</div>
  <p id="japanese" lang="ja">広島の発表</p>
</article>`;

const settle = () => new Promise((resume) => setTimeout(resume, 0));
const text = (id: string) => document.getElementById(id)?.textContent ?? '';

let s2twp: Converter;
beforeAll(() => {
  s2twp = createConverter('s2twp');
});

const fixStage = () => createFixDoubledTextStage({ sensitivity: 'conservative' });
const pinyinStage = () => ({
  ...createPinyinStage({ style: 'tone-marks', toneColors: 'off' }),
  // happy-dom has no layout: annotate everywhere at once.
  nearViewportOnly: false,
});

describe('PagePipeline', () => {
  let pipeline: PagePipeline;
  let statuses: PipelineStatus[];
  let original: string;

  function start(passageCss = OUTLINE_CSS): PagePipeline {
    pipeline = new PagePipeline(document, { onStatus: (status) => statuses.push(status), passageCss });
    pipeline.start();
    return pipeline;
  }
  async function idle(): Promise<void> {
    await settle();
    await pipeline.whenIdle();
  }

  beforeEach(() => {
    statuses = [];
    document.head.replaceChildren();
    document.documentElement.setAttribute('lang', 'zh-CN');
    document.body.innerHTML = PAGE;
    original = document.documentElement.outerHTML;
  });
  afterEach(() => pipeline?.stop());

  test('fixes doubled blocks, across inline elements, and leaves everything else alone', async () => {
    start().setTextStage('fix', fixStage());
    expect(pipeline.status().working).toBe(true);
    await idle();
    expect(document.querySelector('a')?.textContent).toBe(HEADLINE_FIXED);
    const h1 = document.getElementById('h1') as HTMLElement;
    expect(h1.textContent).toBe('确保“双招双引”工作走在全市前列');
    // Elements stay; each text node keeps its own share.
    expect(h1.querySelector('span')?.textContent).toBe('确保“双');
    expect(h1.querySelector('b')?.textContent).toBe('招双引”');
    expect(text('body')).toContain('牢牢把握“十强”产业，紧盯500强项目。大家高高兴兴，常常研究研究。');
    expect(text('pre')).toBe('新新新新项项项项目目目目');
    expect((document.getElementById('ta') as HTMLTextAreaElement).value).toBe('勇勇于于担担当当');
    expect(text('ce')).toBe('马马马马蹄蹄蹄蹄疾疾疾疾');
    const status = pipeline.status();
    expect(status).toMatchObject({ fixCount: 2, working: false, showingOriginal: false, stages: ['fix'] });
    expect(status.doneGeneration).toBe(status.generation);
    expect(statuses.at(-1)).toMatchObject({ fixCount: 2, working: false });
    expect([...document.querySelectorAll(`[${FIXED_ATTRIBUTE}]`)].map((e) => e.localName)).toEqual(['a', 'h1']);
    expect(document.querySelectorAll(`style[${OWN_NODE_ATTRIBUTE}]`)).toHaveLength(1);
  });

  test('stop puts the page back exactly, whatever ran', async () => {
    start();
    pipeline.setTextStage('fix', fixStage());
    pipeline.setTextStage('convert', createConversionStage(s2twp));
    pipeline.setAnnotationStage(pinyinStage());
    await idle();
    expect(document.querySelectorAll(`ruby.${RUBY_CLASS}`).length).toBeGreaterThan(10);
    pipeline.stop();
    expect(document.documentElement.outerHTML).toBe(original);
  });

  test('Show original with conversion on shows the page’s own text, converted; fix again repairs it', async () => {
    start();
    pipeline.setTextStage('fix', fixStage());
    pipeline.setTextStage('convert', createConversionStage(s2twp));
    await idle();
    expect(document.querySelector('a')?.textContent).toBe('勇於擔當作為，當好黨和人民的忠誠衛士');
    expect(pipeline.status().fixCount).toBe(2);
    pipeline.setShowOriginal(true);
    await idle();
    expect(document.querySelector('a')?.textContent).toBe(s2twp.convertText(HEADLINE));
    expect(pipeline.status()).toMatchObject({ fixCount: 0, showingOriginal: true });
    pipeline.setShowOriginal(false);
    await idle();
    expect(document.querySelector('a')?.textContent).toBe('勇於擔當作為，當好黨和人民的忠誠衛士');
    expect(pipeline.status().fixCount).toBe(2);
    // Conversion off: the repaired page's own text, in Simplified again.
    pipeline.setTextStage('convert', undefined);
    await idle();
    expect(document.querySelector('a')?.textContent).toBe(HEADLINE_FIXED);
    expect(pipeline.status().fixCount).toBe(2);
    pipeline.setTextStage('fix', undefined);
    await idle();
    expect(document.documentElement.outerHTML).toBe(original);
  });

  test('conversion maps whole blocks onto their nodes; attributes, lang and Japanese scopes', async () => {
    start().setTextStage('convert', createConversionStage(s2twp));
    await idle();
    const split = document.getElementById('split') as HTMLElement;
    expect(split.textContent).toBe('他的頭髮和銀行的隨身碟');
    // 头|发 → 頭|髮 stays split; U|盘 → 隨身碟 goes whole to the node holding most of it (ties: the first).
    expect([...split.childNodes].map((n) => n.textContent)).toEqual(['他的', '頭', '髮和銀', '行', '的隨身碟', '']);
    expect(document.querySelector('a')?.getAttribute('title')).toBe('要聞');
    expect(document.documentElement.getAttribute('lang')).toBe('zh-Hant-TW');
    expect(text('japanese')).toBe('広島の発表');
    pipeline.setTextStage('convert', undefined);
    await idle();
    expect(document.documentElement.outerHTML).toBe(original);
  });

  test('pinyin reads the converted text; switching pinyin or conversion off in either order undoes exactly', async () => {
    for (const order of [
      ['pinyin', 'convert'],
      ['convert', 'pinyin'],
    ] as const) {
      document.body.innerHTML = PAGE;
      const page = document.documentElement.outerHTML;
      start();
      pipeline.setTextStage('convert', createConversionStage(s2twp));
      pipeline.setAnnotationStage(pinyinStage());
      await idle();
      const ruby = document.querySelector(`#split ruby.${RUBY_CLASS}`);
      expect(ruby?.firstChild?.textContent).toBe('他');
      expect(document.getElementById('split')?.textContent).toBe('他的頭髮和銀行的隨身碟');
      const readings = [...document.querySelectorAll('#split rt')].map((rt) =>
        rt.getAttribute(PINYIN_FORM_ATTRIBUTES['tone-marks']),
      );
      // 髮 (hair), not 發 (fā): pinyin read the converted text.
      expect(readings.slice(0, 3)).toEqual(['tā', 'de', 'tóu']);
      expect(readings[3]).toMatch(/^fa|^fà/);
      for (const stage of order) {
        if (stage === 'pinyin') pipeline.setAnnotationStage(undefined);
        else pipeline.setTextStage('convert', undefined);
        await idle();
      }
      expect(document.documentElement.outerHTML).toBe(page);
      pipeline.stop();
    }
  });

  test('a display-only change of pinyin swaps the stylesheet and writes nothing else', async () => {
    start().setAnnotationStage(pinyinStage());
    await idle();
    const writes: string[] = [];
    const watch = new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target as Element;
        if (target.localName !== 'style' && target.parentElement?.localName !== 'style') writes.push(record.type);
      }
    });
    watch.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    pipeline.setAnnotationStage({
      ...createPinyinStage({ style: 'zhuyin', toneColors: 'standard' }),
      nearViewportOnly: false,
    });
    await idle();
    watch.disconnect();
    expect(writes).toEqual([]);
    expect(document.querySelector('style')?.textContent).toContain(PINYIN_FORM_ATTRIBUTES.zhuyin);
  });

  test('replacement rules run after the fix, are counted as repairs, and Show original undoes both', async () => {
    start();
    pipeline.setTextStage('fix', fixStage());
    pipeline.setTextStage(
      'replace',
      createReplacementRulesStage([
        { enabled: true, find: '担当', replace: '擔當', isRegex: false, ignoreCase: false },
        { enabled: true, find: '要(闻)', replace: '要·$1', isRegex: true, ignoreCase: false },
      ]),
    );
    await idle();
    expect(document.querySelector('a')?.textContent).toBe('勇于擔當作为，当好党和人民的忠诚卫士');
    expect(document.querySelectorAll('a')[1]?.textContent).toBe('01 要·闻');
    expect(pipeline.status().fixCount).toBe(3);
    pipeline.setShowOriginal(true);
    await idle();
    expect(document.documentElement.outerHTML).toBe(original);
  });

  test('fixing is idempotent: a second pass writes nothing', async () => {
    start().setTextStage('fix', fixStage());
    await idle();
    const fixed = document.documentElement.outerHTML;
    const writes: string[] = [];
    const watch = new MutationObserver((records) => {
      for (const record of records) writes.push(`${record.type} ${record.attributeName ?? ''}`);
    });
    watch.observe(document, { subtree: true, characterData: true, childList: true, attributes: true });
    pipeline.setTextStage('fix', fixStage());
    await idle();
    watch.disconnect();
    expect(writes).toEqual([]);
    expect(document.documentElement.outerHTML).toBe(fixed);
  });

  test('blocks the page adds later are fixed; text the page rewrites is judged afresh', async () => {
    start().setTextStage('fix', fixStage());
    await idle();
    const late = document.createElement('p');
    late.append('线线上上推推荐荐', document.createElement('b'));
    (late.lastChild as Element).textContent = '活活动动';
    document.querySelector('article')?.append(late);
    await idle();
    expect(late.textContent).toBe('线上推荐活动');
    expect(pipeline.status().fixCount).toBe(3);

    // The page rewrites a fixed node with new text of its own: it is not restored over.
    const link = document.querySelector('a')?.firstChild as Text;
    link.data = '今天的新标题';
    await idle();
    expect(link.data).toBe('今天的新标题');
    expect(document.querySelector('a')?.hasAttribute(FIXED_ATTRIBUTE)).toBe(false);
    expect(pipeline.status().fixCount).toBe(2);
    pipeline.setShowOriginal(true);
    await idle();
    expect(link.data).toBe('今天的新标题');
    expect(late.textContent).toBe('线线上上推推荐荐活活动动');
  });

  test('a page script updating a node pinyin took out is followed: the new text is read afresh', async () => {
    const paragraph = document.getElementById('body') as HTMLElement;
    const node = paragraph.firstChild as Text;
    start().setAnnotationStage(pinyinStage());
    await idle();
    expect(node.isConnected).toBe(false);
    node.data = '银行';
    await idle();
    expect(paragraph.textContent).toBe('银行');
    expect(
      [...paragraph.querySelectorAll('rt')].map((rt) => rt.getAttribute(PINYIN_FORM_ATTRIBUTES['tone-marks'])),
    ).toEqual(['yín', 'háng']);
    pipeline.setAnnotationStage(undefined);
    await idle();
    expect(paragraph.firstChild).toBe(node);
    expect(paragraph.innerHTML).toBe('银行');
  });

  test('a script that keeps putting the doubled text back wins after a few rounds (no fight)', async () => {
    start().setTextStage('fix', fixStage());
    await idle();
    const node = document.querySelector('a')?.firstChild as Text;
    let rounds = 0;
    for (let i = 0; i < 10; i++) {
      if (node.data === HEADLINE) break;
      node.data = HEADLINE; // the page "re-renders" its text
      rounds++;
      await idle();
    }
    expect(node.data).toBe(HEADLINE);
    expect(rounds).toBeLessThanOrEqual(4);
  });

  test('a long run of blocks with nothing to do is walked in slices too', async () => {
    document.body.replaceChildren();
    for (let i = 0; i < 50; i++) {
      const p = document.createElement('p');
      p.textContent = `这是一个干净的段落，第${i}段。`;
      document.body.append(p);
    }
    let looked = 0;
    const fix = fixStage();
    // A slice of no time: the walk must give the page the thread back after every block.
    pipeline = new PagePipeline(document, { sliceMs: 0 });
    pipeline.setTextStage('fix', {
      ...fix,
      mightChange: (blockText) => {
        looked++;
        return fix.mightChange(blockText);
      },
    });
    pipeline.start();
    expect(looked).toBeLessThanOrEqual(2);
    await pipeline.whenIdle();
    expect(looked).toBeGreaterThan(50);
  });

  test('a walk a stage change makes moot stops at the next pause', async () => {
    document.body.replaceChildren();
    for (let i = 0; i < 50; i++) {
      const p = document.createElement('p');
      p.textContent = `这是一个干净的段落，第${i}段。`;
      document.body.append(p);
    }
    const counted = () => {
      const fix = fixStage();
      const stage = {
        ...fix,
        looked: 0,
        mightChange: (blockText: string) => {
          stage.looked++;
          return fix.mightChange(blockText);
        },
      };
      return stage;
    };
    pipeline = new PagePipeline(document, { sliceMs: 0 });
    pipeline.setTextStage('fix', counted());
    pipeline.start();
    // The first pass is walking the page (it paused after its first block): the stage changes.
    const next = counted();
    pipeline.setTextStage('fix', next);
    await pipeline.whenIdle();
    // The page walked once for the new stage, not the rest of the old walk and then again.
    expect(next.looked).toBeLessThanOrEqual(52);
  });

  test('a container the page re-renders after every write is left to the page', async () => {
    start().setTextStage('fix', fixStage());
    await idle();
    const h1 = document.getElementById('h1') as HTMLElement;
    let writes = 0;
    for (let i = 0; i < CONTAINER_REWRITE_LIMIT + 3; i++) {
      h1.replaceChildren(`新新新新项项项项目目目目${i}`);
      await idle();
      if (h1.textContent === `新项目${i}`) writes++;
    }
    expect(writes).toBe(CONTAINER_REWRITE_LIMIT);
  });

  test('text the page keeps rewriting in a container left to it costs no pass and no status report', async () => {
    start().setTextStage('fix', fixStage());
    await idle();
    const h1 = document.getElementById('h1') as HTMLElement;
    for (let i = 0; i < CONTAINER_REWRITE_LIMIT + 1; i++) {
      h1.replaceChildren(`新新新新项项项项目目目目${i}`);
      await idle();
    }
    const reported = statuses.length;
    for (let i = 0; i < 20; i++) {
      h1.replaceChildren(`新新新新项项项项目目目目${i}`);
      await idle();
      (h1.firstChild as Text).data = `马马马马蹄蹄蹄蹄疾疾疾疾${i}`;
      await idle();
    }
    expect(h1.textContent).toBe('马马马马蹄蹄蹄蹄疾疾疾疾19');
    expect(statuses.length).toBe(reported);
    // Elsewhere the page is still followed.
    const added = document.createElement('p');
    added.textContent = '新新新新项项项项目目目目';
    document.body.append(added);
    await idle();
    expect(added.textContent).toBe('新项目');
  });

  test('fixRange fixes a selection the automatic pass left alone, and keeps it fixed', async () => {
    const lead = document.createElement('p');
    lead.textContent = '新新闻闻 25日，济宁高新区召开“双招双引”工作调度推进会，高新区党工委书记刘章箭出席会议并讲话。';
    document.body.append(lead);
    start().setTextStage('fix', fixStage());
    await idle();
    expect(lead.textContent?.startsWith('新新闻闻')).toBe(true);
    const range = document.createRange();
    range.setStart(lead.firstChild as Text, 0);
    range.setEnd(lead.firstChild as Text, 4);
    expect(pipeline.fixRange(range)).toBe(1);
    expect(lead.textContent?.startsWith('新闻 25日')).toBe(true);
    // A later change elsewhere in the page does not undo the reader's fix.
    lead.append(document.createElement('span'));
    await idle();
    expect(lead.textContent?.startsWith('新闻 25日')).toBe(true);
    pipeline.setShowOriginal(true);
    await idle();
    expect(lead.textContent?.startsWith('新新闻闻 25日')).toBe(true);
  });

  test('open shadow roots are fixed and followed, with their own outline sheet', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const h2 = document.createElement('h2');
    h2.textContent = '黄黄屯屯街街道道创创城城攻攻坚坚';
    shadow.append(h2);
    start().setTextStage('fix', fixStage());
    await idle();
    expect(h2.textContent).toBe('黄屯街道创城攻坚');
    expect(shadow.querySelectorAll(`style[${OWN_NODE_ATTRIBUTE}]`)).toHaveLength(1);
    const later = document.createElement('p');
    later.textContent = '让让社社区区更更美美';
    shadow.append(later);
    await idle();
    expect(later.textContent).toBe('让社区更美');
  });

  test('past the huge-mutation threshold the page is walked again and everything is fixed', async () => {
    document.body.replaceChildren();
    start().setTextStage('fix', fixStage());
    await idle();
    // 1,500 separate insertions in one task: one batch of records past the threshold.
    for (let i = 0; i < 1500; i++) {
      const p = document.createElement('p');
      p.textContent = i % 2 ? '新新新新项项项项目目目目' : '会议强调要立足重点产业';
      document.body.append(p);
    }
    await idle();
    const texts = new Set([...document.querySelectorAll('p')].map((p) => p.textContent));
    expect(texts).toEqual(new Set(['新项目', '会议强调要立足重点产业']));
    expect(pipeline.status().fixCount).toBe(750);
    pipeline.stop();
    expect(new Set([...document.querySelectorAll('p')].map((p) => p.textContent))).toEqual(
      new Set(['新新新新项项项项目目目目', '会议强调要立足重点产业']),
    );
  });

  test('reports progress and a generation for every change; idle when all of it is done', async () => {
    start().setTextStage('fix', fixStage());
    await idle();
    const first = pipeline.status();
    pipeline.setTextStage('convert', createConversionStage(s2twp));
    expect(pipeline.status().generation).toBe(first.generation + 1);
    expect(pipeline.status().working).toBe(true);
    await idle();
    const last = pipeline.status();
    expect(last).toMatchObject({ working: false, doneGeneration: last.generation, stages: ['fix', 'convert'] });
    expect(statuses.some((status) => status.working && status.progress.total > 0)).toBe(true);
  });
});
