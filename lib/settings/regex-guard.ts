/**
 * Which regular expressions the reader may write (replacement rules, `/…/` site patterns). Not a
 * guard that guesses from samples: every reader pattern runs on a linear-time engine
 * (`lib/text/replace/reader-regex.ts`), so none can hang a page or the background. This says, for
 * the options page and imports, whether the engine takes a pattern and, if not, why.
 */
import { compileReaderRegex, type ReaderRegex, type ReaderRegexProblem } from '../text/replace/reader-regex';

export { compileReaderRegex, type ReaderRegex } from '../text/replace/reader-regex';

/** Why a pattern cannot run; each has a message in the reader's language. */
export type RegexProblem = ReaderRegexProblem;
export type RegexCheck = { ok: true; regex: ReaderRegex } | { ok: false; reason: RegexProblem; detail: string };

/** Check a reader-written pattern (JavaScript syntax with the `u` flag; `i` on request). */
export function checkRegex(source: string, ignoreCase = false): RegexCheck {
  const check = compileReaderRegex(source, ignoreCase);
  return check.ok ? check : { ok: false, reason: check.problem, detail: check.detail };
}
