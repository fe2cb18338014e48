/**
 * Natural modern Chinese for the everyday-word check (scripts/lib/everyday-words.ts), from sources
 * the repository ships or installs, each read whole, never picked by the words it holds:
 *
 * - `cpp-test` / `cpp-dev`: the sentences of the CPP benchmark (Chinese Wikipedia, Apache-2.0,
 *   tests/data/g2pm). Only which character CPP labels is skewed towards rare readings; the text
 *   itself is natural. The test split is where the pinyin data is learned and tuned
 *   (scripts/derive-pinyin-data.ts); the dev split, less the sentences that also occur in the
 *   test split, is held out.
 * - `typescript`: TypeScript's compiler messages in Simplified and Traditional Chinese
 *   (node_modules/typescript/lib/zh-cn, zh-tw; Apache-2.0): modern technical prose written by
 *   translators, never tuned on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadCppSplit } from './cpp-benchmark';

const require = createRequire(import.meta.url);

export const NATURAL_TEXT_SOURCES = ['cpp-test', 'cpp-dev', 'typescript'] as const;
export type NaturalTextSource = (typeof NATURAL_TEXT_SOURCES)[number];
/** What the pinyin data may be tuned on; everything else is held out. */
export const TUNING_SOURCES: readonly NaturalTextSource[] = ['cpp-test'];
export const HELD_OUT_SOURCES: readonly NaturalTextSource[] = ['cpp-dev', 'typescript'];

function unique(sentences: Iterable<string>, exclude: ReadonlySet<string> = new Set()): string[] {
  return [...new Set(sentences)].filter((s) => !exclude.has(s));
}

function loadTypeScriptMessages(): string[] {
  const messages: string[] = [];
  for (const locale of ['zh-cn', 'zh-tw']) {
    const path = require.resolve(`typescript/lib/${locale}/diagnosticMessages.generated.json`);
    messages.push(...Object.values(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>));
  }
  return unique(messages);
}

/** The sentences of one source, in a fixed order. */
export function loadNaturalSentences(source: NaturalTextSource): string[] {
  if (source === 'typescript') return loadTypeScriptMessages();
  const test = unique(loadCppSplit('test').map((s) => s.text));
  if (source === 'cpp-test') return test;
  return unique(
    loadCppSplit('dev').map((s) => s.text),
    new Set(test),
  );
}
