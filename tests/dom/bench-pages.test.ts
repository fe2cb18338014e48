import { expect, test } from 'vitest';
import { generatePage } from '../../scripts/bench/page-generator';

test('a generated page parses into exactly the text nodes and headlines the generator counted', () => {
  const page = generatePage({ textBytes: 50_000, garbled: true, seed: 11 });
  const doc = new DOMParser().parseFromString(page.html, 'text/html');
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.nodeValue ?? '');
  expect(texts).toHaveLength(page.textNodes);
  expect(texts.filter((t) => t.trim() !== '')).toEqual(page.texts);
  expect([...doc.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(page.headlines.map((h) => h.shown));
  expect(doc.documentElement.lang).toBe('zh-CN');
});
