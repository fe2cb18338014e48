/**
 * Custom replacement rules: find (literal text or a regular expression) → replace, limited to
 * sites. Applied after the doubled-text fix. Pure. Applying them lives in `replacement-apply.ts`
 * (the content script's part); this module selects and checks them.
 */
import type { FixResult } from '../text/doubled/types';
import {
  applyCheckedReplacementRules,
  applyCheckedReplacementRulesAfterFix,
  type FixEngine,
  withCheckedReplacementRules,
} from '../text/replace/apply-replacement-rules';
import { checkRegex, checkRegexStatically, type RegexProblem } from './regex-guard';
import { type ReplacementRule, SETTINGS_LIMITS } from './schema';
import { checkSitePattern, matchSitePattern, parseUrl, type SitePatternError } from './site-patterns';

export { type FixEngine, REPLACEMENT_RULE_NAME } from '../text/replace/apply-replacement-rules';

/** Rules that are enabled and whose site scope matches `url` (an empty scope matches every site). */
export function selectReplacementRules(rules: readonly ReplacementRule[], url: string | URL): ReplacementRule[] {
  const parsedUrl = parseUrl(url);
  if (!parsedUrl) return [];
  return rules.filter((rule) => {
    if (!rule.enabled) return false;
    if (rule.sites.length === 0) return true;
    return rule.sites.some((site) => {
      const check = checkSitePattern(site);
      return check.ok && matchSitePattern(check.parsed, parsedUrl);
    });
  });
}

const safeCache = new Map<string, boolean>();

/** Whether a rule's pattern passes the static regex guard (literal rules always do). */
function isSafeRule(rule: ReplacementRule): boolean {
  if (!rule.isRegex) return true;
  const key = `${rule.ignoreCase ? 'i' : ''}:${rule.find}`;
  let safe = safeCache.get(key);
  if (safe === undefined) {
    safe = checkRegexStatically(rule.find, rule.ignoreCase).ok;
    if (safeCache.size > 500) safeCache.clear();
    safeCache.set(key, safe);
  }
  return safe;
}

/**
 * The rules that may run: enabled, with something to find, and (regular expressions) compiling and
 * passing the static guard. The background does this before a page's content script gets its rules.
 */
export function keepSafeReplacementRules(rules: readonly ReplacementRule[]): ReplacementRule[] {
  return rules.filter((rule) => rule.enabled && rule.find !== '' && isSafeRule(rule));
}

/**
 * Apply `rules` to `text`. A rule whose pattern does not compile (or fails the static guard) is
 * skipped; empty matches are ignored.
 */
export function applyReplacementRules(text: string, rules: readonly ReplacementRule[]): FixResult {
  return applyCheckedReplacementRules(text, keepSafeReplacementRules(rules));
}

/** `applyCheckedReplacementRulesAfterFix` (see there) on the rules that pass the guard. */
export function applyReplacementRulesAfterFix(
  input: string,
  fixed: FixResult,
  rules: readonly ReplacementRule[],
): FixResult {
  return applyCheckedReplacementRulesAfterFix(input, fixed, keepSafeReplacementRules(rules));
}

/**
 * The engine the fix feature runs on a page: the doubled-text fix, then the page's replacement
 * rules that pass the guard. A block with no doubled text is still looked at when a rule could match it.
 */
export function withReplacementRules(engine: FixEngine, rules: readonly ReplacementRule[]): FixEngine {
  return withCheckedReplacementRules(engine, keepSafeReplacementRules(rules));
}

export type ReplacementRuleField = 'find' | 'replace' | 'sites';
export type ReplacementRuleError =
  | { field: 'find'; reason: 'empty' | 'too-long' | RegexProblem; detail?: string }
  | { field: 'replace'; reason: 'too-long' }
  | { field: 'sites'; reason: SitePatternError | 'too-long' | 'too-many'; detail?: string };

/**
 * Everything wrong with a rule, field by field, including the time-budget regex test. The options
 * page and imports call this before a rule may be stored.
 */
export function checkReplacementRule(
  rule: Pick<ReplacementRule, 'find' | 'isRegex' | 'ignoreCase' | 'replace' | 'sites'>,
): ReplacementRuleError[] {
  const errors: ReplacementRuleError[] = [];
  if (rule.find === '') errors.push({ field: 'find', reason: 'empty' });
  else if (rule.find.length > SETTINGS_LIMITS.maxPatternLength) errors.push({ field: 'find', reason: 'too-long' });
  else if (rule.isRegex) {
    const check = checkRegex(rule.find, rule.ignoreCase);
    if (!check.ok) errors.push({ field: 'find', reason: check.reason, detail: check.detail });
  }
  if (rule.replace.length > SETTINGS_LIMITS.maxReplacementLength) errors.push({ field: 'replace', reason: 'too-long' });
  if (rule.sites.length > SETTINGS_LIMITS.maxRuleSites) errors.push({ field: 'sites', reason: 'too-many' });
  for (const site of rule.sites) {
    if (site.length > SETTINGS_LIMITS.maxPatternLength) {
      errors.push({ field: 'sites', reason: 'too-long', detail: site.slice(0, 40) });
      continue;
    }
    const check = checkSitePattern(site);
    if (!check.ok) errors.push({ field: 'sites', reason: check.reason, detail: site });
  }
  return errors;
}

/** A fresh id for a new rule (not security-relevant, only a stable key). */
export function createRuleId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
