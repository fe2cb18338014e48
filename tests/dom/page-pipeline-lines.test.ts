/**
 * Joining the lines a print column broke, inside the page pipeline: the joined lines are one
 * block for every stage (a word or a doubled headline cut by the column is read whole), the white
 * space of the page's markup at each joint is left out of the joined text, new wrapped content is
 * joined as it arrives, the count is there for the popup whether or not lines are joined, and
 * switching it off (or stopping) gives back the page exactly, node for node.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { isHiddenLineBreak } from '../../lib/dom/line-join';
import { OWN_NODE_ATTRIBUTE } from '../../lib/dom/markers';
import { PagePipeline } from '../../lib/dom/page-pipeline';
import { RUBY_CLASS } from '../../lib/dom/ruby';
import { createConversionStage } from '../../lib/features/conversion';
import { createFixDoubledTextStage, OUTLINE_CSS } from '../../lib/features/fix-doubled-text';
import { createPinyinStage } from '../../lib/features/pinyin';
import { type Converter, createConverter } from '../../lib/text/convert/converter';
import { readVisibleLines } from '../support/visible-lines';

/** Page markup for the tests (written here, never taken from a page). Lines as the sample page has them. */
const PAGE = `
<article>
  <h1 id="headline">确保“双招双引”<br>工作走在全市前列</h1>
  <div id="column">
    <p>会议要求，要抓好在手在谈项目，</p>
    <p>多方面排解堵点卡点，想方设法抓落</p>
    <p>实、抓建设。要抓好项目调度跟进，做</p>
    <p>到“储备一批、在谈一批、签约一批、开</p>
    <p>工一批”。</p>
    <p>会议指出，各级各部门要充分认</p>
    <p>识“双招双引”工作的重大意义，树立</p>
    <p>“双招双引”首位意识，切实增强责任</p>
    <p>感紧迫感，工作更多向招商引资、招</p>
    <p>才引智倾斜，确保抓出成果。</p>
  </div>
  <p id="side">作为今年高新区的双百工程<br>
项目之一，位于济宁高新区的华东<br>
新型墙体材料项目，目前施工顺利<br>
推进中，预计明年4月份可建成投<br>
产。杨家河科技创业园紧盯项目建<br>
设，加快推进项目落地。</p>
  <p id="poem">床前明月光，<br>疑是地上霜。<br>举头望明月，<br>低头思故乡。</p>
</article>`;

const JOINED_FIRST =
  '会议要求，要抓好在手在谈项目，多方面排解堵点卡点，想方设法抓落实、抓建设。要抓好项目调度跟进，做到“储备一批、在谈一批、签约一批、开工一批”。';
const JOINED_SIDE =
  '作为今年高新区的双百工程项目之一，位于济宁高新区的华东新型墙体材料项目，目前施工顺利推进中，预计明年4月份可建成投产。杨家河科技创业园紧盯项目建设，加快推进项目落地。';

const settle = () => new Promise((resume) => setTimeout(resume, 0));

/** Every node under `root`, in order, so identity can be compared after undo. */
function allNodes(root: Node): Node[] {
  const nodes: Node[] = [];
  const walk = (node: Node) => {
    nodes.push(node);
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
  };
  walk(root);
  return nodes;
}

let s2twp: Converter;
beforeAll(() => {
  s2twp = createConverter('s2twp');
});

describe('PagePipeline: joining the lines a print column broke', () => {
  let pipeline: PagePipeline;
  let original: string;
  let originalNodes: Node[];

  async function start(join: boolean): Promise<PagePipeline> {
    pipeline = new PagePipeline(document, { passageCss: OUTLINE_CSS });
    pipeline.setLineJoin(join);
    pipeline.start();
    await idle();
    return pipeline;
  }
  async function idle(): Promise<void> {
    await settle();
    await pipeline.whenIdle();
  }
  function expectOriginalPage(): void {
    expect(document.documentElement.outerHTML).toBe(original);
    const nodes = allNodes(document.documentElement);
    expect(nodes.length).toBe(originalNodes.length);
    for (const [i, node] of nodes.entries()) expect(node).toBe(originalNodes[i]);
  }

  beforeEach(() => {
    document.head.replaceChildren();
    document.documentElement.setAttribute('lang', 'zh-CN');
    document.body.innerHTML = PAGE;
    original = document.documentElement.outerHTML;
    originalNodes = allNodes(document.documentElement);
  });
  afterEach(() => pipeline?.stop());

  test('off (the default), it only counts the broken paragraphs and changes nothing', async () => {
    await start(false);
    expect(pipeline.status()).toMatchObject({ lineRuns: 3, joiningLines: false });
    expectOriginalPage();
  });

  test('on, each broken paragraph reads as one, without the white space of the markup; headlines and poems stay', async () => {
    await start(true);
    expect(pipeline.status()).toMatchObject({ lineRuns: 3, joiningLines: true });
    const paragraphs = readVisibleLines(document.querySelector('article') as Element);
    expect(paragraphs).toContain(JOINED_FIRST);
    expect(paragraphs).toContain(
      '会议指出，各级各部门要充分认识“双招双引”工作的重大意义，树立“双招双引”首位意识，切实增强责任感紧迫感，工作更多向招商引资、招才引智倾斜，确保抓出成果。',
    );
    expect(paragraphs).toContain(JOINED_SIDE);
    // The white space after each <br> of the side column is left out of the joined text.
    expect(document.getElementById('side')?.textContent).toBe(JOINED_SIDE);
    expect(paragraphs).toContain('确保“双招双引”');
    expect(paragraphs).toContain('工作走在全市前列');
    expect(paragraphs).toEqual(
      expect.arrayContaining(['床前明月光，', '疑是地上霜。', '举头望明月，', '低头思故乡。']),
    );
    expect(document.querySelectorAll(`#headline [${OWN_NODE_ATTRIBUTE}], #poem [${OWN_NODE_ATTRIBUTE}]`)).toHaveLength(
      0,
    );
  });

  test('off again, the page is back node for node; on and off in any order keeps it so', async () => {
    await start(true);
    pipeline.setLineJoin(false);
    await idle();
    expectOriginalPage();
    expect(pipeline.status()).toMatchObject({ lineRuns: 3, joiningLines: false });
    pipeline.setLineJoin(true);
    pipeline.setLineJoin(false);
    pipeline.setLineJoin(true);
    await idle();
    expect(document.getElementById('side')?.textContent).toBe(JOINED_SIDE);
    pipeline.stop();
    expectOriginalPage();
  });

  test('conversion reads a word the column cut as one word (建|设 in one paragraph)', async () => {
    // s2twp converts phrases: a phrase cut across two blocks is converted only when it is whole.
    document.body.innerHTML =
      '<div id="column"><p>我们把资料存在移动</p><p>硬盘和U盘里，再用软</p><p>件打开，然后开始工作。</p></div>';
    original = document.documentElement.outerHTML;
    originalNodes = allNodes(document.documentElement);
    await start(false);
    pipeline.setTextStage('convert', createConversionStage(s2twp));
    await idle();
    // Line by line, 移动|硬盘 and 软|件 are cut: each half is converted alone.
    const separately = document.getElementById('column')?.textContent ?? '';
    expect(separately).not.toContain('行動硬碟');
    expect(separately).not.toContain('軟體');
    pipeline.setLineJoin(true);
    await idle();
    const joined = document.getElementById('column')?.textContent ?? '';
    expect(joined).toContain('行動硬碟');
    expect(joined).toContain('軟體');
    pipeline.setTextStage('convert', undefined);
    pipeline.setLineJoin(false);
    await idle();
    expectOriginalPage();
  });

  test('Fix selection on a joined paragraph fixes what the reader selected, and off gives the page back', async () => {
    const side = document.getElementById('side') as HTMLElement;
    // The third line gains a doubled word that the automatic pass leaves alone (two runs).
    const third = side.childNodes[4] as Text;
    third.data = third.data.replace('目前施工顺利', '目目前前施工');
    original = document.documentElement.outerHTML;
    originalNodes = allNodes(document.documentElement);
    await start(true);
    pipeline.setTextStage('fix', createFixDoubledTextStage({ sensitivity: 'conservative' }));
    await idle();
    expect(side.textContent).toContain('华东新型墙体材料项目，目目前前施工推进中');
    const at = third.data.indexOf('目目前前');
    const range = document.createRange();
    range.setStart(third, at);
    range.setEnd(third, at + 4);
    expect(pipeline.fixRange(range)).toBe(1);
    expect(side.textContent).toBe(JOINED_SIDE.replace('目前施工顺利', '目前施工'));
    pipeline.setTextStage('fix', undefined);
    pipeline.setLineJoin(false);
    await idle();
    expectOriginalPage();
  });

  test('the doubled-text fix reads a doubled paragraph the column cut as one block', async () => {
    document.body.innerHTML =
      '<div id="column"><p>勇勇于于担担当当作作为为，，当当好好党党</p><p>和和人人民民的的忠忠诚诚卫卫士士，，做做</p><p>好好新新时时代代的的答答卷卷人人。。</p></div>';
    original = document.documentElement.outerHTML;
    originalNodes = allNodes(document.documentElement);
    await start(true);
    pipeline.setTextStage('fix', createFixDoubledTextStage({ sensitivity: 'conservative' }));
    await idle();
    expect(document.getElementById('column')?.textContent).toBe(
      '勇于担当作为，当好党和人民的忠诚卫士，做好新时代的答卷人。',
    );
    pipeline.setLineJoin(false);
    await idle();
    // Apart again, each line is fixed on its own.
    expect(document.getElementById('column')?.textContent).toBe(
      '勇于担当作为，当好党和人民的忠诚卫士，做好新时代的答卷人。',
    );
    pipeline.setTextStage('fix', undefined);
    await idle();
    expectOriginalPage();
  });

  test('pinyin over joined lines, switched in any order, and everything off gives the page back', async () => {
    await start(false);
    pipeline.setAnnotationStage({
      ...createPinyinStage({ style: 'tone-marks', toneColors: 'off' }),
      nearViewportOnly: false,
    });
    await idle();
    expect(document.querySelectorAll(`#side ruby.${RUBY_CLASS}`).length).toBeGreaterThan(0);
    // Joining lines under annotations: the pinyin's stand-ins are looked through.
    pipeline.setLineJoin(true);
    await idle();
    expect(pipeline.status().lineRuns).toBe(3);
    expect([...(document.getElementById('side')?.querySelectorAll('br') ?? [])].every(isHiddenLineBreak)).toBe(true);
    // The text under the readings is the joined paragraph.
    const side = document.getElementById('side')?.cloneNode(true) as HTMLElement;
    for (const rt of side.querySelectorAll('rt')) rt.remove();
    expect(side.textContent).toBe(JOINED_SIDE);
    pipeline.setAnnotationStage(undefined);
    await idle();
    expect(document.getElementById('side')?.textContent).toBe(JOINED_SIDE);
    pipeline.setLineJoin(false);
    await idle();
    expectOriginalPage();
  });

  test('wrapped content the page adds later is joined as it arrives, and counted', async () => {
    await start(true);
    const added = document.createElement('div');
    added.id = 'added';
    for (const line of ['会议强调，要突出重点、创新举', '措，聚焦招商引资重点，紧盯目标、精', '准施策。']) {
      const p = document.createElement('p');
      p.textContent = line;
      added.append(p);
    }
    document.body.append(added);
    await idle();
    expect(readVisibleLines(added)).toEqual(['会议强调，要突出重点、创新举措，聚焦招商引资重点，紧盯目标、精准施策。']);
    expect(pipeline.status().lineRuns).toBe(4);
    pipeline.stop();
    added.remove();
    expectOriginalPage();
  });

  test('the page rewriting a joined line: its new text is the page’s, the rest stays joined', async () => {
    await start(true);
    const side = document.getElementById('side') as HTMLElement;
    const first = side.firstChild as Text;
    first.data = '这是页面自己写的新文字，';
    await idle();
    expect(side.textContent?.startsWith('这是页面自己写的新文字，')).toBe(true);
    pipeline.stop();
    expect(first.data).toBe('这是页面自己写的新文字，');
    expect(document.querySelector(`[${OWN_NODE_ATTRIBUTE}]`)).toBeNull();
  });
});
