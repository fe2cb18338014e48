/**
 * Settings files: export everything as JSON, import it back. An import is all or nothing: a file
 * that is not exactly a Qingdu settings file (wrong types, unknown keys, huge strings, deep nesting,
 * an unsafe regular expression) is rejected with the reason, and nothing changes.
 */
import * as v from 'valibot';
import { migrateSettings } from './migrations';
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

export type ImportResult = { ok: true; settings: Settings } | { ok: false; error: ImportError };

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
  if (
    typeof data !== 'object' ||
    data === null ||
    Array.isArray(data) ||
    (data as Record<string, unknown>).format !== SETTINGS_FILE_FORMAT
  ) {
    return { ok: false, error: { reason: 'not-settings-file' } };
  }
  const file = data as Record<string, unknown>;
  const unknownKey = Object.keys(file).find((key) => !['format', 'version', 'exportedAt', 'settings'].includes(key));
  if (unknownKey !== undefined) {
    return { ok: false, error: { reason: 'invalid-field', path: unknownKey, problem: 'unknown-key' } };
  }
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: { reason: 'invalid-field', path: 'version', problem: 'wrong-type' } };
  }
  if (version > SETTINGS_VERSION) return { ok: false, error: { reason: 'newer-version', version } };
  let candidate: unknown = file.settings;
  if (version < SETTINGS_VERSION) {
    // An old file lacks the fields added since: migrate, fill those with defaults, but still
    // refuse anything that was present and broken.
    const { settings, repairs } = repairSettings(migrateSettings(file.settings, version, SETTINGS_VERSION));
    const [repair] = repairs;
    if (repair) {
      return { ok: false, error: { reason: 'invalid-field', path: `settings.${repair.path}`, problem: 'invalid' } };
    }
    candidate = settings;
  }
  const parsed = v.safeParse(SettingsSchema, candidate);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? '';
    return {
      ok: false,
      error: { reason: 'invalid-field', path: `settings${path ? `.${path}` : ''}`, problem: classifyIssue(issue) },
    };
  }
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
  return { ok: true, settings: parsed.output };
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
