/**
 * The sentinel's watch for new content (lib/features/sentinel.ts). Found by the end-to-end test
 * of a page that fills an `about:blank` frame from its own script: the sentinel there looks at
 * the empty frame at once, and the page fills it while the background's answer is on its way.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { startSentinel } from '../../lib/features/sentinel';

const DOUBLED = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
const settle = () => new Promise((resume) => setTimeout(resume, 0));

describe('the sentinel', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    document.body.replaceChildren();
  });

  test('content the page adds while its first report is answered is looked at too', async () => {
    document.body.replaceChildren();
    const reports: boolean[] = [];
    let answer: (value: { fixEnabled: boolean }) => void = () => undefined;
    ({ stop } = startSentinel(document, {
      report(candidate) {
        reports.push(candidate);
        // The first answer takes a while (a round trip to the background); later ones come at once.
        if (reports.length > 1) return Promise.resolve({ fixEnabled: true });
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
    answer({ fixEnabled: true });
    await settle();
    expect(reports).toEqual([false, true]);
  });

  test('content added after the answer is looked at, and a clean page reports once', async () => {
    document.body.replaceChildren();
    const reports: boolean[] = [];
    ({ stop } = startSentinel(document, {
      report(candidate) {
        reports.push(candidate);
        return Promise.resolve({ fixEnabled: true });
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
    let answer: (value: { fixEnabled: boolean }) => void = () => undefined;
    ({ stop } = startSentinel(document, {
      report(candidate) {
        reports.push(candidate);
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
    }));
    const p = document.createElement('p');
    p.textContent = DOUBLED;
    document.body.append(p);
    await settle();
    answer({ fixEnabled: false });
    await settle();
    expect(reports).toEqual([false]);
  });
});
