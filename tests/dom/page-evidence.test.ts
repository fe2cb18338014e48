/**
 * The page's own evidence, in the pipeline with the real fix stage: once doubled text is confirmed
 * on a page, short blocks (and blocks of the same kind as a confirmed one) are judged with it,
 * including blocks the pass had already left alone; legitimate repetition in longer or unrelated
 * blocks stays untouched, and a page with no confirmed doubled text changes nothing.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { PagePipeline } from '../../lib/dom/page-pipeline';
import { createFixDoubledTextStage } from '../../lib/features/fix-doubled-text';

const settle = () => new Promise((resume) => setTimeout(resume, 0));
const text = (id: string) => document.getElementById(id)?.textContent;

/** Markup written here (never page text). The short entries come before the headline that confirms. */
const PAGE = `
<ul>
  <li class="toc" id="toc1">要要闻闻</li>
  <li class="toc" id="toc2">新新闻闻</li>
  <li class="toc" id="toc3">勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士</li>
</ul>
<h2 class="section" id="head">评评论论</h2>
<p id="wish">祝你平平安安健健康康快快乐乐幸幸福福</p>
<p id="body">会议强调，大家高高兴兴，常常研究研究，看看想想。</p>
<p id="short">担担当当</p>`;

describe('the fix stage learns from the page', () => {
  let pipeline: PagePipeline;
  afterEach(() => pipeline?.stop());

  async function run(markup: string): Promise<void> {
    document.body.innerHTML = markup;
    pipeline = new PagePipeline(document);
    pipeline.setTextStage('fix', createFixDoubledTextStage({ sensitivity: 'conservative' }));
    pipeline.start();
    await settle();
    await pipeline.whenIdle();
  }

  test('short entries of the same kind as a confirmed one, and short blocks, are fixed on a page with doubled text', async () => {
    await run(PAGE);
    expect(text('toc3')).toBe('勇于担当作为，当好党和人民的忠诚卫士');
    // Same kind (li.toc) as the confirmed entry, judged again after it was confirmed.
    expect(text('toc1')).toBe('要闻');
    expect(text('toc2')).toBe('新闻');
    // Short blocks anywhere on the page.
    expect(text('head')).toBe('评论');
    expect(text('short')).toBe('担当');
    // Longer blocks of another kind keep their real repetition.
    expect(text('wish')).toBe('祝你平平安安健健康康快快乐乐幸幸福福');
    expect(text('body')).toBe('会议强调，大家高高兴兴，常常研究研究，看看想想。');
  });

  test('a short block left alone is fixed once content the page adds later confirms it', async () => {
    // Found by the pipeline property: the page was confirmed in a later pass than the one that
    // left the block alone, which was not judged again.
    await run('<p id="head">新新闻闻</p><p id="body">会议强调，大家高高兴兴，常常研究研究。</p>');
    expect(text('head')).toBe('新新闻闻');
    const added = document.createElement('h2');
    added.id = 'added';
    added.textContent = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
    document.body.append(added);
    await settle();
    await pipeline.whenIdle();
    expect(text('added')).toBe('勇于担当作为，当好党和人民的忠诚卫士');
    expect(text('head')).toBe('新闻');
    expect(text('body')).toBe('会议强调，大家高高兴兴，常常研究研究。');
  });

  test('a page without doubled text confirmed changes nothing, short blocks included', async () => {
    await run(PAGE.replace(/<li class="toc" id="toc3">.*?<\/li>/, '<li class="toc" id="toc3">今日要闻</li>'));
    for (const id of ['toc1', 'toc2', 'head', 'short', 'wish', 'body']) {
      expect(text(id), id).toBe(new DOMParser().parseFromString(PAGE, 'text/html').getElementById(id)?.textContent);
    }
  });

  test('unclassed paragraphs are not one kind: a long candidate in one is not taken on another’s evidence', async () => {
    await run(
      '<p id="confirmed">勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士</p><p id="drama">烦烦恼恼，哭哭啼啼，想杀我儿也怨怨哀哀。</p>',
    );
    expect(text('confirmed')).toBe('勇于担当作为，当好党和人民的忠诚卫士');
    expect(text('drama')).toBe('烦烦恼恼，哭哭啼啼，想杀我儿也怨怨哀哀。');
  });
});
