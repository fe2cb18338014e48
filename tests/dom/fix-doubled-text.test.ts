import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FEATURE_STATE_ATTRIBUTES, FIXED_ATTRIBUTE, OWN_NODE_ATTRIBUTE, TOOLTIP_HOST_ID } from '../../lib/dom/markers';
import {
  type FixDoubledText,
  type FixDoubledTextOptions,
  type FixStatus,
  startFixDoubledText,
} from '../../lib/features/fix-doubled-text';
import { fixText, mightContainDoubledText } from '../../lib/text/doubled/fix-doubled-text';

const engine = { fixText, mightContainDoubledText };
const HEADLINE = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const HEADLINE_FIXED = '勇于担当作为，当好党和人民的忠诚卫士';

/** Page markup for the tests (written here, never taken from a page). */
const PAGE = `
<nav><ul><li><a href="#a1">${HEADLINE}</a></li><li><a href="#a2">01 要闻</a></li></ul></nav>
<article>
  <h1 id="h1"><span>确确保保““双双</span><b>招招双双引引””</b>工工作作走走在在全全市市前前列列</h1>
  <p id="body">会议强调，要立足重点产业，牢牢把握“十强”产业，紧盯500强项目。大家高高兴兴，常常研究研究。</p>
  <pre id="pre">新新新新项项项项目目目目</pre>
  <textarea id="ta">勇勇于于担担当当</textarea>
  <div id="ce" contenteditable="true">马马马马蹄蹄蹄蹄疾疾疾疾</div>
</article>`;

const settle = () => new Promise((resume) => setTimeout(resume, 0));

describe('startFixDoubledText', () => {
  let controller: AbortController;
  let statuses: FixStatus[];
  let original: string;

  function start(options: Partial<FixDoubledTextOptions> = {}): FixDoubledText {
    return startFixDoubledText(document, {
      signal: controller.signal,
      engine,
      onStatus: (status) => statuses.push(status),
      ...options,
    });
  }

  beforeEach(() => {
    controller = new AbortController();
    statuses = [];
    document.head.replaceChildren();
    document.body.innerHTML = PAGE;
    original = document.documentElement.outerHTML;
  });
  afterEach(() => controller.abort());

  test('fixes doubled blocks, across inline elements, and leaves everything else alone', async () => {
    const feature = start();
    expect(document.documentElement.getAttribute(FEATURE_STATE_ATTRIBUTES.fix)).toBe('working');
    await feature.whenIdle();
    expect(document.documentElement.getAttribute(FEATURE_STATE_ATTRIBUTES.fix)).toBe('idle');
    expect(document.querySelector('a')?.textContent).toBe(HEADLINE_FIXED);
    const h1 = document.getElementById('h1') as HTMLElement;
    expect(h1.textContent).toBe('确保“双招双引”工作走在全市前列');
    // Elements stay; each text node keeps its own share.
    expect(h1.querySelector('span')?.textContent).toBe('确保“双');
    expect(h1.querySelector('b')?.textContent).toBe('招双引”');
    expect(document.getElementById('body')?.textContent).toContain(
      '牢牢把握“十强”产业，紧盯500强项目。大家高高兴兴，常常研究研究。',
    );
    expect(document.getElementById('pre')?.textContent).toBe('新新新新项项项项目目目目');
    expect((document.getElementById('ta') as HTMLTextAreaElement).value).toBe('勇勇于于担担当当');
    expect(document.getElementById('ce')?.textContent).toBe('马马马马蹄蹄蹄蹄疾疾疾疾');
    expect(feature.status()).toEqual({ count: 2, showingOriginal: false, working: false });
    expect(statuses.at(-1)).toEqual({ count: 2, showingOriginal: false, working: false });
    expect([...document.querySelectorAll(`[${FIXED_ATTRIBUTE}]`)].map((e) => e.localName)).toEqual(['a', 'h1']);
  });

  test('"Show original" restores the page byte for byte; "Fix again" fixes it again', async () => {
    const feature = start();
    await feature.whenIdle();
    const fixed = document.body.innerHTML;
    expect(feature.showOriginal()).toEqual({ count: 0, showingOriginal: true, working: false });
    expect(document.documentElement.outerHTML).toBe(original);
    // While the original shows, new doubled text is left alone too.
    const p = document.createElement('p');
    p.textContent = '新新新新项项项项目目目目';
    document.body.append(p);
    await settle();
    await feature.whenIdle();
    expect(p.textContent).toBe('新新新新项项项项目目目目');
    p.remove();
    feature.fixAgain();
    await feature.whenIdle();
    expect(document.body.innerHTML).toBe(fixed);
    expect(feature.status().count).toBe(2);
  });

  test('stopping (abort) restores the page exactly and removes every trace', async () => {
    const feature = start();
    await feature.whenIdle();
    document.getElementById('h1')?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    expect(document.getElementById(TOOLTIP_HOST_ID)).not.toBeNull();
    expect(document.querySelectorAll(`style[${OWN_NODE_ATTRIBUTE}]`)).toHaveLength(1);
    controller.abort();
    expect(document.documentElement.outerHTML).toBe(original);
  });

  test('fixing is idempotent: a second pass writes nothing', async () => {
    const feature = start();
    await feature.whenIdle();
    const fixed = document.documentElement.outerHTML;
    const writes: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        // The feature's progress marker on <html> is expected to go working → idle.
        if (r.attributeName !== FEATURE_STATE_ATTRIBUTES.fix) writes.push(`${r.type} ${r.attributeName ?? ''}`);
      }
    });
    observer.observe(document, { subtree: true, characterData: true, childList: true, attributes: true });
    feature.fixAgain();
    await feature.whenIdle();
    await settle();
    observer.disconnect();
    expect(writes).toEqual([]);
    expect(document.documentElement.outerHTML).toBe(fixed);
  });

  test('blocks the page adds later are fixed; text the page rewrites is judged afresh', async () => {
    const feature = start();
    await feature.whenIdle();
    const late = document.createElement('p');
    late.append('线线上上推推荐荐', document.createElement('b'));
    (late.lastChild as Element).textContent = '活活动动';
    document.querySelector('article')?.append(late);
    await settle();
    await feature.whenIdle();
    expect(late.textContent).toBe('线上推荐活动');
    expect(feature.status().count).toBe(3);

    // The page rewrites a fixed node with new text of its own: it is not restored over.
    const link = document.querySelector('a')?.firstChild as Text;
    link.data = '今天的新标题';
    await settle();
    await feature.whenIdle();
    expect(link.data).toBe('今天的新标题');
    expect(document.querySelector('a')?.hasAttribute(FIXED_ATTRIBUTE)).toBe(false);
    expect(feature.status().count).toBe(2);
    feature.showOriginal();
    expect(link.data).toBe('今天的新标题');
    expect(late.textContent).toBe('线线上上推推荐荐活活动动');
  });

  test('a script that keeps putting the doubled text back wins after a few rounds (no fight)', async () => {
    const feature = start();
    await feature.whenIdle();
    const node = document.querySelector('a')?.firstChild as Text;
    let rounds = 0;
    for (let i = 0; i < 10; i++) {
      if (node.data === HEADLINE) break;
      node.data = HEADLINE; // the page "re-renders" its text
      rounds++;
      await settle();
      await feature.whenIdle();
    }
    expect(node.data).toBe(HEADLINE);
    expect(rounds).toBeLessThanOrEqual(4);
  });

  test('the outline style sheet is optional; marks and hover originals stay', async () => {
    const feature = start({ outline: false, originalLabel: '原文' });
    await feature.whenIdle();
    expect(document.querySelectorAll(`style[${OWN_NODE_ATTRIBUTE}]`)).toHaveLength(0);
    const link = document.querySelector('a') as HTMLElement;
    link.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    const tip = document.getElementById(TOOLTIP_HOST_ID)?.shadowRoot;
    expect(tip?.querySelector('.label')?.textContent).toBe('原文');
    expect(tip?.querySelector('.text')?.textContent).toBe(HEADLINE);
    expect(document.getElementById(TOOLTIP_HOST_ID)?.hasAttribute('data-open')).toBe(true);
    expect(document.activeElement).toBe(document.body);
  });

  test('fixRange fixes a selection the automatic pass left alone, and keeps it fixed', async () => {
    const lead = document.createElement('p');
    // Two doubled characters are too little for the automatic pass (an AABB word reads the same).
    lead.textContent = '新新闻闻 25日，济宁高新区召开“双招双引”工作调度推进会，高新区党工委书记刘章箭出席会议并讲话。';
    document.body.append(lead);
    const feature = start();
    await feature.whenIdle();
    expect(lead.textContent?.startsWith('新新闻闻')).toBe(true);
    const range = document.createRange();
    range.setStart(lead.firstChild as Text, 0);
    range.setEnd(lead.firstChild as Text, 4);
    expect(feature.fixRange(range)).toBe(1);
    expect(lead.textContent?.startsWith('新闻 25日')).toBe(true);
    // A later change elsewhere in the page does not undo the reader's fix.
    lead.append(document.createElement('span'));
    await settle();
    await feature.whenIdle();
    expect(lead.textContent?.startsWith('新闻 25日')).toBe(true);
    feature.showOriginal();
    expect(lead.textContent?.startsWith('新新闻闻 25日')).toBe(true);
  });

  test('open shadow roots are fixed and followed', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const h2 = document.createElement('h2');
    h2.textContent = '黄黄屯屯街街道道创创城城攻攻坚坚';
    shadow.append(h2);
    const feature = start();
    await feature.whenIdle();
    expect(h2.textContent).toBe('黄屯街道创城攻坚');
    expect(shadow.querySelectorAll(`style[${OWN_NODE_ATTRIBUTE}]`)).toHaveLength(1);
    const later = document.createElement('p');
    later.textContent = '让让社社区区更更美美';
    shadow.append(later);
    await settle();
    await feature.whenIdle();
    expect(later.textContent).toBe('让社区更美');
  });
});

describe('startFixDoubledText on a page that changes a lot at once', () => {
  test('past the huge-mutation threshold the page is walked again and everything is fixed', async () => {
    document.body.replaceChildren();
    const controller = new AbortController();
    const feature = startFixDoubledText(document, { signal: controller.signal, engine });
    await feature.whenIdle();
    // 1,500 separate insertions in one task: one batch of records past the threshold.
    for (let i = 0; i < 1500; i++) {
      const p = document.createElement('p');
      p.textContent = i % 2 ? '新新新新项项项项目目目目' : '会议强调要立足重点产业';
      document.body.append(p);
    }
    await settle();
    await feature.whenIdle();
    const texts = new Set([...document.querySelectorAll('p')].map((p) => p.textContent));
    expect(texts).toEqual(new Set(['新项目', '会议强调要立足重点产业']));
    expect(feature.status().count).toBe(750);
    controller.abort();
    expect(new Set([...document.querySelectorAll('p')].map((p) => p.textContent))).toEqual(
      new Set(['新新新新项项项项目目目目', '会议强调要立足重点产业']),
    );
  });
});
