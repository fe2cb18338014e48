/** The sentinel (lib/features/sentinel.ts): the only script every page gets. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  findCandidates,
  SENTINEL_MAX_CANDIDATES,
  type SentinelFindings,
  startSentinel,
} from '../../lib/features/sentinel';
import { getWorldState } from '../../lib/isolated-world';

const settle = () => new Promise((resume) => setTimeout(resume, 0));
const CLEAN = '<p>会议强调，要立足重点产业，紧盯五百强项目。</p><textarea>勇勇于于担担当当作作为为</textarea>';

describe('the sentinel', () => {
  let reports: SentinelFindings[];
  let answer: { fixEnabled: boolean; pipeline: boolean };
  let sentinel: { stop(): void } | undefined;

  function start() {
    sentinel = startSentinel(document, {
      report: async (findings) => {
        reports.push(findings);
        return answer;
      },
    });
  }

  beforeEach(() => {
    reports = [];
    answer = { fixEnabled: true, pipeline: false };
    document.body.innerHTML = CLEAN;
  });
  afterEach(() => {
    sentinel?.stop();
    Reflect.deleteProperty(globalThis, '__qingdu');
  });

  test('finds doubled text split over inline elements, and nothing in skipped or clean text', () => {
    expect(findCandidates([document])).toEqual({ candidates: [], truncated: false });
    document.body.insertAdjacentHTML('beforeend', '<h1><b>勇勇于于</b><span>担担当当</span>作作为为</h1>');
    expect(findCandidates([document])).toEqual({ candidates: ['勇勇于于担担当当作作为为'], truncated: false });
  });

  test('sends at most a few candidates; more is said, not sent', () => {
    for (let i = 0; i <= SENTINEL_MAX_CANDIDATES; i++) {
      document.body.insertAdjacentHTML('beforeend', '<h2>新新新新项项项项目目目目</h2>');
    }
    const found = findCandidates([document]);
    expect(found.candidates).toHaveLength(SENTINEL_MAX_CANDIDATES);
    expect(found.truncated).toBe(true);
  });

  test('a clean page: one report, then it watches new content and reports what may be doubled', async () => {
    start();
    await settle();
    expect(reports).toEqual([{ candidates: [], truncated: false }]);
    const p = document.createElement('p');
    p.textContent = '别的新闻';
    document.body.append(p);
    await settle();
    expect(reports).toHaveLength(1);
    // The background loads the pipeline for this one: the sentinel's job is done.
    answer = { fixEnabled: true, pipeline: true };
    p.textContent = '新新新新项项项项目目目目';
    await settle();
    expect(reports.at(-1)).toEqual({ candidates: ['新新新新项项项项目目目目'], truncated: false });
    document.body.append(Object.assign(document.createElement('p'), { textContent: '马马马马蹄蹄蹄蹄疾疾疾疾' }));
    await settle();
    expect(reports).toHaveLength(2);
  });

  test('where the background finds nothing to fix, it keeps watching', async () => {
    document.body.insertAdjacentHTML('beforeend', '<p>大家高高兴兴，常常见面。</p>');
    start();
    await settle();
    expect(reports).toEqual([{ candidates: ['大家高高兴兴，常常见面。'], truncated: false }]);
    document.body.append(Object.assign(document.createElement('h1'), { textContent: '新新新新项项项项目目目目' }));
    await settle();
    expect(reports).toHaveLength(2);
  });

  test('where fixing is off it stops watching', async () => {
    answer = { fixEnabled: false, pipeline: false };
    start();
    await settle();
    document.body.append(Object.assign(document.createElement('p'), { textContent: '新新新新项项项项目目目目' }));
    await settle();
    expect(reports).toHaveLength(1);
  });

  test('where the page pipeline already runs (a remembered site) it does nothing', async () => {
    getWorldState().pipeline = { stop() {} };
    start();
    await settle();
    expect(reports).toEqual([]);
  });
});
