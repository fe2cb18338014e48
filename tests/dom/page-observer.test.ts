import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OWN_NODE_ATTRIBUTE } from '../../lib/dom/markers';
import { type PageChanges, PageObserver } from '../../lib/dom/page-observer';

/** Wait for the observer's microtask-batched callback. */
const settle = () => new Promise((resume) => setTimeout(resume, 0));

describe('PageObserver', () => {
  let batches: PageChanges[];
  let observer: PageObserver;
  let own: WeakSet<Text>;

  beforeEach(() => {
    document.body.replaceChildren();
    batches = [];
    own = new WeakSet();
    observer = new PageObserver(document, {
      onChanges: (changes) => batches.push(changes),
      isOwnWrite: (node) => own.has(node),
      hugeMutationThreshold: 5,
    });
    observer.start();
  });
  afterEach(() => observer.stop());

  test('reduces a batch to outermost added roots', async () => {
    const section = document.createElement('section');
    document.body.append(section);
    const p = document.createElement('p');
    section.append(p);
    p.append('新新闻闻');
    const aside = document.createElement('aside');
    document.body.append(aside);
    await settle();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.addedRoots).toEqual([section, aside]);
    expect(batches[0]?.changedTexts).toEqual([]);
    expect(batches[0]?.rescan).toBe(false);
  });

  test('reports changed text nodes, leaves out our own writes and nodes no longer in the page', async () => {
    const a = document.createTextNode('甲');
    const b = document.createTextNode('乙');
    const c = document.createTextNode('丙');
    document.body.append(a, b, c);
    await settle();
    batches.length = 0;
    a.data = '甲甲';
    b.data = '乙乙';
    own.add(b);
    c.data = '丙丙';
    c.remove();
    await settle();
    expect(batches.map((x) => x.changedTexts)).toEqual([[a]]);
  });

  test('follows a node taken out of the page (pinyin’s original) when a page script changes it', async () => {
    const held = document.createTextNode('旧的');
    document.body.append(held);
    await settle();
    held.remove();
    observer.observeDetached(held);
    await settle();
    batches.length = 0;
    held.data = '新的';
    await settle();
    expect(batches.map((x) => x.detachedTexts)).toEqual([[held]]);
  });

  test('ignores Qingdu’s own nodes and anything inside them', async () => {
    const host = document.createElement('div');
    host.setAttribute(OWN_NODE_ATTRIBUTE, '');
    document.documentElement.append(host);
    await settle();
    host.append(document.createElement('span'));
    await settle();
    expect(batches).toEqual([]);
    host.remove();
  });

  test('asks for a rescan past the huge-mutation threshold', async () => {
    for (let i = 0; i < 6; i++) document.body.append(document.createElement('p'));
    await settle();
    expect(batches).toEqual([{ rescan: true, addedRoots: [], changedTexts: [], detachedTexts: [] }]);
  });

  test('follows open shadow roots it is told about', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    observer.observeShadowRoot(shadow);
    await settle();
    batches.length = 0;
    const p = document.createElement('p');
    shadow.append(p);
    await settle();
    expect(batches.map((x) => x.addedRoots)).toEqual([[p]]);
  });

  test('flush delivers pending records now; stop drops them', async () => {
    document.body.append(document.createElement('p'));
    observer.flush();
    expect(batches).toHaveLength(1);
    document.body.append(document.createElement('p'));
    observer.stop();
    await settle();
    expect(batches).toHaveLength(1);
  });
});
