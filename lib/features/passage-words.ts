/**
 * The tooltip's words in the reader's language: its labels, the evidence behind a fix and why Keep
 * the original did not work. `translate` is the extension's message lookup (the page pipeline's
 * entrypoint passes `browser.i18n.getMessage`); the keys are checked against locales/*.yml.
 */
import type { GeneratedI18nStructure } from '#i18n';
import type { KeepProblem, PassageEvidence, PassageFact } from './passage-report';
import type { PassageTooltipText } from './passage-tooltip';

export type MessageKey = keyof GeneratedI18nStructure;
export type Translate = (key: MessageKey, substitutions?: string[]) => string;

/** Each fact's message, and the numbers it takes. */
const FACT_MESSAGES: Record<
  PassageFact,
  { key: MessageKey; numbers?: (evidence: PassageEvidence['evidence']) => number[] }
> = {
  chain: { key: 'fixWhy.chain', numbers: (e) => [e.chain] },
  unexplained: { key: 'fixWhy.unexplained', numbers: (e) => [e.unexplained, e.runs] },
  punctuation: { key: 'fixWhy.punctuation' },
  'whole-block': { key: 'fixWhy.wholeBlock' },
  'lead-in': { key: 'fixWhy.leadIn' },
  enclosed: { key: 'fixWhy.enclosed' },
  'same-block': { key: 'fixWhy.sameBlock' },
  page: { key: 'fixWhy.page' },
  'same-kind': { key: 'fixWhy.sameKind' },
  'latin-words': { key: 'fixWhy.latinWords' },
  'repeated-phrase': { key: 'fixWhy.repeatedPhrase' },
  replacement: { key: 'fixWhy.replacement' },
};

const PROBLEM_MESSAGES: Record<KeepProblem, MessageKey> = {
  'nothing-to-keep': 'fixTooltip.problem.nothingToKeep',
  'too-long': 'fixTooltip.problem.tooLong',
  'too-many': 'fixTooltip.problem.tooMany',
  'no-site': 'fixTooltip.problem.noSite',
  'not-saved': 'fixTooltip.problem.notSaved',
};

export function createPassageWords(translate: Translate) {
  const text: PassageTooltipText = {
    title: translate('fixTooltip.title'),
    original: translate('fixOriginalLabel'),
    why: translate('fixTooltip.why'),
    keep: translate('fixTooltip.keep'),
    undo: translate('fixTooltip.undo'),
    copy: translate('fixTooltip.copy'),
    kept: translate('fixTooltip.kept'),
    fixedAgain: translate('fixTooltip.fixedAgain'),
    copied: translate('fixTooltip.copied'),
    copyFailed: translate('fixTooltip.copyFailed'),
  };
  return {
    text,
    describeEvidence({ fact, evidence }: PassageEvidence): string {
      const { key, numbers } = FACT_MESSAGES[fact];
      return translate(key, numbers?.(evidence).map(String));
    },
    describeProblem(problem: KeepProblem): string {
      return translate(PROBLEM_MESSAGES[problem]);
    },
  };
}
