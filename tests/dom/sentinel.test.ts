/** The sentinel (lib/features/sentinel.ts): the only script every page gets. */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  findCandidateSnippets,
  findPieceEnd,
  lookAt,
  SENTINEL_MAX_SNIPPETS,
  type SentinelAnswer,
  type SentinelFindings,
  scanInPieces,
  startSentinel,
} from '../../lib/features/sentinel';
import { getWorldState } from '../../lib/isolated-world';
import { scanDoubledRuns } from '../../lib/text/doubled/prefilter';

const settle = () => new Promise((resume) => setTimeout(resume, 0));
const CLEAN = '<p>会议强调，要立足重点产业，紧盯五百强项目。</p>';

describe('finding what may be doubled', () => {
  test('clusters of doubled runs, with text around them; clean text gives nothing', () => {
    expect(findCandidateSnippets('会议强调，要立足重点产业，紧盯五百强项目。')).toEqual({
      candidates: [],
      truncated: false,
    });
    const text = `${'会议强调'.repeat(20)}勇勇于于担担当当作作为为${'紧盯五百强项目'.repeat(20)}`;
    const { candidates } = findCandidateSnippets(text);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toContain('勇勇于于担担当当作作为为');
    expect((candidates[0] as string).length).toBeLessThan(140);
  });

  test('clusters close together come as one stretch; too many are said, not sent', () => {
    const near = findCandidateSnippets('勇勇于于担担当当，新新新新项项项项目目目目');
    expect(near.candidates).toHaveLength(1);
    const many = Array.from({ length: SENTINEL_MAX_SNIPPETS + 1 }, () => `${'字'.repeat(100)}勇勇于于担担`).join('');
    const found = findCandidateSnippets(many);
    expect(found.candidates).toHaveLength(SENTINEL_MAX_SNIPPETS);
    expect(found.truncated).toBe(true);
  });

  test('reads a page’s text in one go, split over inline elements or not, and says how long it took', () => {
    document.body.innerHTML = `${CLEAN}<h1><b>勇勇于于</b><span>担担当当</span>作作为为</h1>`;
    const found = lookAt(document.body);
    expect(found.candidates).toHaveLength(1);
    expect(found.candidates[0]).toContain('勇勇于于担担当当作作为为');
    expect(found.timings?.read).toBeGreaterThanOrEqual(0);
    expect(found.timings?.scan).toBeGreaterThanOrEqual(0);
  });
});

describe('the sentinel', () => {
  let reports: SentinelFindings[];
  let answer: SentinelAnswer;
  let sentinel: { stop(): void } | undefined;

  function start() {
    sentinel = startSentinel(document, {
      report: async (findings) => {
        reports.push(findings);
        return answer;
      },
    });
  }
  const candidatesOf = (findings: SentinelFindings | undefined) => findings?.candidates;

  beforeEach(() => {
    reports = [];
    answer = { fixEnabled: true, pipeline: false };
    document.body.innerHTML = CLEAN;
  });
  afterEach(() => {
    sentinel?.stop();
    Reflect.deleteProperty(globalThis, '__qingdu');
  });

  test('a clean page: one report, then it watches new content and reports what may be doubled', async () => {
    start();
    await settle();
    expect(reports.map(candidatesOf)).toEqual([[]]);
    const p = document.createElement('p');
    p.textContent = '别的新闻';
    document.body.append(p);
    await settle();
    expect(reports).toHaveLength(1);
    // The background loads the pipeline for this one: the sentinel's job is done.
    answer = { fixEnabled: true, pipeline: true };
    (p.firstChild as Text).data = '新新新新项项项项目目目目';
    await settle();
    expect(candidatesOf(reports.at(-1))).toEqual(['新新新新项项项项目目目目']);
    document.body.append(Object.assign(document.createElement('p'), { textContent: '马马马马蹄蹄蹄蹄疾疾疾疾' }));
    await settle();
    expect(reports).toHaveLength(2);
  });

  test('where the background finds nothing to fix, it keeps watching', async () => {
    document.body.insertAdjacentHTML('beforeend', '<p>大家高高兴兴，常常见面。</p>');
    start();
    await settle();
    expect(candidatesOf(reports[0])).toHaveLength(1);
    document.body.append(Object.assign(document.createElement('h1'), { textContent: '新新新新项项项项目目目目' }));
    await settle();
    expect(reports).toHaveLength(2);
  });

  test('the settings the background answers with are kept for the pipeline', async () => {
    document.body.insertAdjacentHTML('beforeend', '<h1>勇勇于于担担当当作作为为</h1>');
    const settings = { site: {}, readingAids: {} } as SentinelAnswer['settings'];
    answer = { fixEnabled: true, pipeline: true, settings };
    start();
    await settle();
    expect(getWorldState().settings).toBe(settings);
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

describe('a long text scanned in pieces', () => {
  const scanWhole = (text: string) => {
    const clusters: number[] = [];
    scanDoubledRuns(text, clusters, 2);
    return clusters;
  };

  test('finds exactly the clusters the whole text holds, wherever the pieces end (property)', async () => {
    // Doubled and single Han, Latin words doubled or not, digits, punctuation, line breaks.
    const unit = fc.constantFrom(
      '勇勇',
      '于于',
      '新新新新',
      '担',
      '当',
      '作为',
      '，',
      '。',
      '\n',
      ' ',
      'TThhee',
      'committee',
      '2011',
      'ddeefifinnee',
      '𠮷𠮷',
      '常常',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(unit, { maxLength: 120 }),
        fc.integer({ min: 1, max: 40 }),
        async (units, pieceChars) => {
          const text = units.join('');
          let pauses = 0;
          const clusters = await scanInPieces(
            text,
            async () => {
              pauses++;
            },
            pieceChars,
          );
          expect(clusters).toEqual(scanWhole(text));
          expect(pauses).toBeLessThanOrEqual(Math.ceil(text.length / pieceChars));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a piece ends after a line break or a single Han character, or not at all', () => {
    expect(findPieceEnd('勇勇于于\n担担当当', 1)).toBe(5);
    expect(findPieceEnd('勇勇于于担担当当作', 1)).toBe(9);
    expect(findPieceEnd('勇勇于于担担当当作作', 1)).toBe(10);
    expect(findPieceEnd('勇勇于于，当好', 1)).toBe(6);
  });
});
