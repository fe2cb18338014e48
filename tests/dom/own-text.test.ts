/** The record of the page's own text (lib/dom/own-text.ts). */
import { beforeEach, describe, expect, test } from 'vitest';
import { OwnTextStore } from '../../lib/dom/own-text';
import { collectTextBlocks } from '../../lib/dom/text-blocks';

/** What the pipeline does for one node: write `written` in place of the page's text, and remember it. */
function write(store: OwnTextStore, node: Text, written: string): void {
  const own = store.readOwn(node);
  node.data = written;
  store.remember(node, own, written);
}

describe('OwnTextStore', () => {
  beforeEach(() => {
    document.body.textContent = '';
  });

  test('reads the page’s own text of a node Qingdu wrote, and restores it exactly, whitespace and all', () => {
    document.body.innerHTML = '<p> 勇勇于于\n<b>担担\u00a0当当</b>\t作作为为 </p><p>别的</p>';
    const before = document.body.innerHTML;
    const store = new OwnTextStore();
    const [first, bold] = [
      document.querySelector('p')?.firstChild as Text,
      document.querySelector('b')?.firstChild as Text,
    ];
    write(store, first, ' 勇于\n');
    write(store, bold, '担\u00a0当');
    expect(document.body.textContent).toBe(' 勇于\n担\u00a0当\t作作为为 别的');
    expect(collectTextBlocks(document.body, { readText: store.readOwn }).map((b) => b.text)).toEqual([
      ' 勇勇于于\n担担\u00a0当当\t作作为为 ',
      '别的',
    ]);
    expect(store.restoreAll()).toBe(2);
    expect(document.body.innerHTML).toBe(before);
    expect(store.size).toBe(0);
  });

  test('writing the page’s own text back drops the record', () => {
    document.body.innerHTML = '<p>勇勇于于</p>';
    const store = new OwnTextStore();
    const node = document.querySelector('p')?.firstChild as Text;
    write(store, node, '勇于');
    write(store, node, '勇勇于于');
    expect(store.size).toBe(0);
    expect(store.isOwnWrite(node)).toBe(false);
  });

  test('a node the page rewrote is not restored over, and reads as the page’s new text', () => {
    document.body.innerHTML = '<p>勇勇于于</p><p>担担当当</p>';
    const store = new OwnTextStore();
    const [first, second] = [...document.querySelectorAll('p')].map((p) => p.firstChild as Text);
    write(store, first as Text, '勇于');
    write(store, second as Text, '担当');
    (first as Text).data = '页面的新标题';
    expect(store.isOwnWrite(first as Text)).toBe(false);
    expect(store.isOwnWrite(second as Text)).toBe(true);
    expect(collectTextBlocks(document.body, { readText: store.readOwn }).map((b) => b.text)).toEqual([
      '页面的新标题',
      '担担当当',
    ]);
    store.restoreAll();
    expect(document.body.textContent).toBe('页面的新标题担担当当');
  });

  test('a node the page keeps putting back is contested after the revert limit', () => {
    document.body.innerHTML = '<p>勇勇于于</p>';
    const store = new OwnTextStore(2);
    const node = document.querySelector('p')?.firstChild as Text;
    for (let round = 0; round < 2; round++) {
      expect(store.isContested(node)).toBe(false);
      write(store, node, '勇于');
      node.data = '勇勇于于'; // the page's script renders its text again
      store.forgetRewritten(node);
    }
    expect(store.isContested(node)).toBe(true);
  });

  test('keeps restoring exactly while it drops entries the page rewrote', () => {
    const store = new OwnTextStore();
    const nodes = Array.from({ length: 3000 }, () => document.createTextNode('勇勇于于'));
    document.body.replaceChildren(...nodes);
    for (const node of nodes.slice(0, 2000)) write(store, node, '勇于');
    // The page rewrites 1,500 of them; then Qingdu fixes 1,000 more (passing the prune threshold).
    for (const node of nodes.slice(0, 1500)) {
      node.data = '新的';
      store.forgetRewritten(node);
    }
    for (const node of nodes.slice(2000)) write(store, node, '勇于');
    expect(store.size).toBe(1500);
    expect(store.restoreAll()).toBe(1500);
    expect(nodes.filter((n) => n.data === '勇勇于于')).toHaveLength(1500);
    expect(nodes.filter((n) => n.data === '新的')).toHaveLength(1500);
    expect(store.size).toBe(0);
  });
});
