/**
 * Settings files: export everything as JSON, import it back. An import is all or nothing: a file
 * that is not exactly a Qingdu settings file of its version (wrong types, missing or unknown keys,
 * a key given twice, huge strings, deep nesting, a pattern the regular expression engine refuses)
 * is rejected with the reason, and nothing changes. The one thing an accepted file may lose is an
 * override entry the settings cannot hold (`__proto__`, `constructor`, `prototype` as a word), and
 * the result names each one.
 */
import * as v from 'valibot';
import { migrateSettings, SETTINGS_FILE_SCHEMAS } from './migrations';
import { repairSettings } from './repair';
import { checkReplacementRule, type ReplacementRuleError } from './replacement-rules';
import { SETTINGS_VERSION, type Settings, SettingsSchema } from './schema';
import { checkSitePattern, type SitePatternCheck } from './site-patterns';

export const SETTINGS_FILE_FORMAT = 'qingdu-settings';
/** Far above any real settings file (limits cap one at roughly 200 KB). */
export const MAX_IMPORT_BYTES = 512 * 1024;
export const MAX_IMPORT_DEPTH = 8;

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: number;
  exportedAt: string;
  settings: Settings;
}

export type ImportError =
  | { reason: 'too-large'; bytes: number }
  | { reason: 'not-json'; detail: string }
  | { reason: 'too-deep' }
  | { reason: 'not-settings-file' }
  | { reason: 'newer-version'; version: number }
  | { reason: 'invalid-field'; path: string; problem: FieldProblem }
  | { reason: 'unsafe-rule'; index: number; error: ReplacementRuleError }
  | { reason: 'unsafe-site-pattern'; index: number; pattern: string; error: Extract<SitePatternCheck, { ok: false }> };

/** What is wrong with a field, as a code the options page words in the reader's language. */
export type FieldProblem =
  | 'missing'
  | 'unknown-key'
  | 'duplicate-key'
  | 'not-a-date'
  | 'wrong-type'
  | 'not-allowed'
  | 'too-long'
  | 'too-many'
  | 'invalid';

/** Classify a valibot issue (its own messages are English-only). */
function classifyIssue(issue: v.BaseIssue<unknown>): FieldProblem {
  if (issue.kind === 'schema') {
    if (issue.received === 'undefined') return 'missing';
    if (issue.expected === 'never') return 'unknown-key';
    if (issue.type === 'picklist') return 'not-allowed';
    return 'wrong-type';
  }
  if (issue.type === 'max_length' || issue.type === 'max_entries') {
    return typeof issue.input === 'string' ? 'too-long' : 'too-many';
  }
  return 'invalid';
}

export type ImportResult =
  /** `dropped`: dotted paths of entries left out (see the module comment); usually empty. */
  { ok: true; settings: Settings; dropped: string[] } | { ok: false; error: ImportError };

const fieldError = (path: string, problem: FieldProblem): ImportResult => ({
  ok: false,
  error: { reason: 'invalid-field', path, problem },
});

/** valibot's first issue, as a field error under `prefix`. */
function issueError(prefix: string, issues: readonly v.BaseIssue<unknown>[]): ImportResult {
  const issue = issues[0] as v.BaseIssue<unknown>;
  const path = v.getDotPath(issue) ?? '';
  return fieldError(path ? `${prefix}.${path}` : prefix, classifyIssue(issue));
}

/** What `toISOString` writes (an offset instead of Z allowed, for files edited by hand), on a real day. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function isDateTime(text: string): boolean {
  const match = ISO_DATE_TIME.exec(text);
  if (!match || Number.isNaN(Date.parse(text))) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  // Date.parse rolls 2026-02-30 over to March; a real file never says that.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The dotted path of the first key given twice in one object of `text` (valid JSON), compared
 * after unescaping (`"银行"` and `"\u94f6\u884c"` are the same key). `JSON.parse` keeps the
 * last one silently, so which value the writer meant is unknown.
 */
function findDuplicateKey(text: string): string | undefined {
  type Frame =
    | { kind: 'object'; path: string[]; keys: Set<string>; key: string | undefined; expectKey: boolean }
    | { kind: 'array'; path: string[]; index: number };
  const stack: Frame[] = [];
  const pathOfNextValue = (): string[] => {
    const top = stack.at(-1);
    if (!top) return [];
    return [...top.path, top.kind === 'object' ? (top.key as string) : String(top.index)];
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(start, i)) as string;
        if (top.keys.has(key)) return [...top.path, key].join('.');
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      continue;
    }
    if (ch === '{')
      stack.push({ kind: 'object', path: pathOfNextValue(), keys: new Set(), key: undefined, expectKey: true });
    else if (ch === '[') stack.push({ kind: 'array', path: pathOfNextValue(), index: 0 });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index++;
    }
    i++;
  }
  return undefined;
}

/** Keys of `input` (at any depth) that are not in `output`: what parsing left out. */
function findDroppedEntries(input: unknown, output: unknown, path: string, dropped: string[]): void {
  if (Array.isArray(input) && Array.isArray(output)) {
    input.forEach((item, index) => {
      findDroppedEntries(item, output[index], `${path}.${index}`, dropped);
    });
  } else if (isPlainObject(input) && isPlainObject(output)) {
    for (const key of Object.keys(input)) {
      if (Object.hasOwn(output, key)) findDroppedEntries(input[key], output[key], `${path}.${key}`, dropped);
      else dropped.push(`${path}.${key}`);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function exportSettings(settings: Settings, now = new Date()): string {
  const file: SettingsFile = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_VERSION,
    exportedAt: now.toISOString(),
    settings,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parse and fully validate a settings file's text. */
export function importSettings(text: string): ImportResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) return { ok: false, error: { reason: 'too-large', bytes } };
  let data: unknown;
  try {
    // Editors on Windows often save with a byte order mark, which JSON.parse refuses.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // Includes a RangeError from absurd nesting.
    return { ok: false, error: { reason: 'not-json', detail: error instanceof Error ? error.message : String(error) } };
  }
  if (depthExceeds(data, MAX_IMPORT_DEPTH)) return { ok: false, error: { reason: 'too-deep' } };
  if (!isPlainObject(data) || data.format !== SETTINGS_FILE_FORMAT) {
    return { ok: false, error: { reason: 'not-settings-file' } };
  }
  const file = data;
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) return fieldError(duplicate, 'duplicate-key');
  const unknownKey = Object.keys(file).find((key) => !['format', 'version', 'exportedAt', 'settings'].includes(key));
  if (unknownKey !== undefined) return fieldError(unknownKey, 'unknown-key');
  const version = file.version;
  if (!Object.hasOwn(file, 'version')) return fieldError('version', 'missing');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fieldError('version', 'wrong-type');
  }
  if (version > SETTINGS_VERSION) return { ok: false, error: { reason: 'newer-version', version } };
  if (!Object.hasOwn(file, 'exportedAt')) return fieldError('exportedAt', 'missing');
  if (typeof file.exportedAt !== 'string') return fieldError('exportedAt', 'wrong-type');
  if (!isDateTime(file.exportedAt)) return fieldError('exportedAt', 'not-a-date');
  // Every version's settings are a complete object of that version: never missing, null or `{}`.
  if (!Object.hasOwn(file, 'settings')) return fieldError('settings', 'missing');
  if (!isPlainObject(file.settings)) return fieldError('settings', 'wrong-type');
  let candidate: unknown = file.settings;
  if (version < SETTINGS_VERSION) {
    const oldShape = SETTINGS_FILE_SCHEMAS[version];
    if (!oldShape) return fieldError('version', 'not-allowed');
    const old = v.safeParse(oldShape, file.settings);
    if (!old.success) return issueError('settings', old.issues);
    // Migrate, and give the fields added since their defaults; a repair here means the migration
    // could not carry a value over, which a complete old file never causes.
    const { settings, repairs } = repairSettings(migrateSettings(old.output, version, SETTINGS_VERSION));
    const [repair] = repairs;
    if (repair) return fieldError(`settings.${repair.path}`, 'invalid');
    candidate = settings;
  }
  const parsed = v.safeParse(SettingsSchema, candidate);
  if (!parsed.success) return issueError('settings', parsed.issues);
  // The schema keeps patterns the regex engine refuses (stored rules from an older Qingdu stay,
  // inactive); an import takes only rules that run.
  for (const [index, rule] of parsed.output.siteRules.entries()) {
    const check = checkSitePattern(rule.pattern);
    if (!check.ok)
      return { ok: false, error: { reason: 'unsafe-site-pattern', index, pattern: rule.pattern, error: check } };
  }
  for (const [index, rule] of parsed.output.replacementRules.entries()) {
    const [error] = checkReplacementRule(rule);
    if (error) return { ok: false, error: { reason: 'unsafe-rule', index, error } };
  }
  const dropped: string[] = [];
  findDroppedEntries(candidate, parsed.output, 'settings', dropped);
  return { ok: true, settings: parsed.output, dropped };
}

/**
 * The options page's import: check the file, and save it only when it is accepted, so a refused
 * file never touches the reader's stored settings. `save` is the store's (or the page's) save.
 */
export async function importSettingsInto<Saved>(
  text: string,
  save: (settings: Settings) => Promise<Saved>,
): Promise<{ result: ImportResult; saved?: Saved }> {
  const result = importSettings(text);
  if (!result.ok) return { result };
  return { result, saved: await save(result.settings) };
}

/** Iterative, so a hostile file cannot overflow the stack here. */
function depthExceeds(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}
