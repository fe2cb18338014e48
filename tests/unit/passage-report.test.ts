/**
 * What Qingdu says about a fixed passage (lib/features/passage-report.ts, passage-words.ts): the
 * evidence, the text Keep the original stores, the report Copy report writes, and the words of
 * each in every locale.
 */
import { resolve } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { describe, expect, test } from 'vitest';
import type { PassageDescription, RepairEdit } from '../../lib/dom/page-pipeline';
import {
  buildFixReport,
  FIX_REPORT_FORMAT,
  findTextsToKeep,
  type KeepProblem,
  type PassageFact,
  summariseEvidence,
} from '../../lib/features/passage-report';
import { createPassageWords, type MessageKey } from '../../lib/features/passage-words';
import { fixText } from '../../lib/text/doubled/fix-doubled-text';
import type { EvidenceFact } from '../../lib/text/doubled/types';

const HEADLINE = '勇勇于于担担当当作作为为';

/** A passage described as the pipeline does, from the real engine's edits. */
function describeFixed(original: string): PassageDescription {
  const { text, edits } = fixText(original, { sensitivity: 'aggressive' });
  return {
    original,
    repaired: text,
    edits: edits.map((edit) => ({ stage: 'fix', edit, start: edit.start, end: edit.end })),
  };
}

const replacement = (start: number, end: number, original: string, replacement: string): RepairEdit => ({
  stage: 'replace',
  edit: { rule: 'replacement', factor: 1, start, end, original, replacement },
  start,
  end,
});

describe('summariseEvidence', () => {
  test('each fact once, in the order the edits give them, with the numbers of the first edit naming it', () => {
    const part = describeFixed(HEADLINE);
    const first = part.edits[0]?.edit.because;
    expect(first).toBeDefined();
    const evidence = summariseEvidence([part, { ...part, edits: [...part.edits, replacement(0, 1, 'a', 'b')] }]);
    expect(evidence.map((e) => e.fact)).toEqual([...(first?.facts ?? []), 'replacement']);
    expect(evidence[0]?.evidence).toBe(first);
  });
});

describe('findTextsToKeep', () => {
  test('the passage’s own text, normalised', () => {
    expect(findTextsToKeep([describeFixed(`  ${HEADLINE}\n`)], 500)).toEqual({ ok: true, texts: [HEADLINE] });
  });

  test('a passage longer than the limit is kept by the stretch its fix edits cover', () => {
    const original = `${HEADLINE}。${'这是一段很长的干净正文。'.repeat(10)}`;
    const part = describeFixed(original);
    expect(part.edits.length).toBeGreaterThan(0);
    expect(findTextsToKeep([part], 40)).toEqual({ ok: true, texts: [HEADLINE] });
    expect(findTextsToKeep([part], 5)).toEqual({ ok: false, problem: 'too-long' });
  });

  test('a passage only replacement rules changed has nothing to keep; parts are kept each once', () => {
    expect(
      findTextsToKeep(
        [{ original: '新华社', repaired: '新华通讯社', edits: [replacement(0, 3, '新华社', '新华通讯社')] }],
        500,
      ),
    ).toEqual({
      ok: false,
      problem: 'nothing-to-keep',
    });
    const part = describeFixed(HEADLINE);
    expect(findTextsToKeep([part, part], 500)).toEqual({ ok: true, texts: [HEADLINE] });
  });
});

describe('buildFixReport', () => {
  test('original, fix, settings and every edit with offsets into the original; parts joined by a line break', () => {
    const first = describeFixed(HEADLINE);
    const second: PassageDescription = {
      original: '新华社电',
      repaired: '新华通讯社电',
      edits: [replacement(0, 3, '新华社', '新华通讯社')],
    };
    const report = buildFixReport([first, second], {
      version: '1.2.3',
      page: 'https://paper.example/a.html',
      fixOptions: { sensitivity: 'balanced', factors: [2, 4], disabledRules: ['repeated-phrase'] },
    });
    expect(report).toEqual({
      format: FIX_REPORT_FORMAT,
      qingdu: '1.2.3',
      page: 'https://paper.example/a.html',
      settings: { sensitivity: 'balanced', factors: [2, 4], latin: true, disabledRules: ['repeated-phrase'] },
      original: `${HEADLINE}\n新华社电`,
      fixed: '勇于担当作为\n新华通讯社电',
      edits: [
        {
          stage: 'fix',
          rule: 'doubled-cjk',
          factor: 2,
          start: 0,
          end: HEADLINE.length,
          original: HEADLINE,
          replacement: '勇于担当作为',
          because: first.edits[0]?.edit.because,
        },
        {
          stage: 'replace',
          rule: 'replacement',
          factor: 1,
          start: HEADLINE.length + 1,
          end: HEADLINE.length + 4,
          original: '新华社',
          replacement: '新华通讯社',
        },
      ],
    });
    // Plain data: it survives JSON as it is.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('the tooltip’s words', () => {
  const ALL_FACTS: PassageFact[] = [
    'chain',
    'unexplained',
    'punctuation',
    'whole-block',
    'lead-in',
    'enclosed',
    'same-block',
    'page',
    'same-kind',
    'latin-words',
    'repeated-phrase',
    'replacement',
  ] satisfies (EvidenceFact | 'replacement')[];
  const ALL_PROBLEMS: KeepProblem[] = ['nothing-to-keep', 'too-long', 'too-many', 'no-site', 'not-saved'];

  test.each(['en', 'zh_CN', 'zh_TW'])(
    'every fact and every problem has its words in %s, numbers filled in',
    async (locale) => {
      const messages = await parseMessagesFile(resolve(import.meta.dirname, `../../locales/${locale}.yml`));
      const byKey = new Map(messages.map((message) => [message.key.join('.'), message]));
      const translate = (key: MessageKey, substitutions: string[] = []) => {
        const message = byKey.get(key);
        if (!message || message.type === 'plural') throw new Error(`no message ${key} in ${locale}`);
        return message.message.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? `$${n}`);
      };
      const words = createPassageWords(translate);
      for (const value of Object.values(words.text)) expect(value.trim()).not.toBe('');
      const evidence = { runs: 9, unexplained: 7, chain: 8, facts: [] };
      const said = ALL_FACTS.map((fact) => words.describeEvidence({ fact, evidence }));
      expect(new Set(said).size).toBe(ALL_FACTS.length);
      for (const line of said) expect(line).not.toMatch(/\$\d/);
      expect(said[0]).toContain('8');
      expect(said[1]).toMatch(/7.*9|9.*7/);
      for (const problem of ALL_PROBLEMS) expect(words.describeProblem(problem).trim()).not.toBe('');
    },
  );
});
