/**
 * Custom replacement rules: find (literal text or a regular expression) → replace, limited to
 * sites. Applied after the doubled-text fix. Pure. Applying them lives in
 * `lib/text/replace/apply-replacement-rules.ts` (the page's part); this module selects and checks
 * them. Every pattern runs on the linear-time engine; a rule the engine refuses (one written for
 * an older Qingdu, say with a backreference) stays stored but inactive, and the options page shows
 * why (`checkReplacementRule`).
 */
import { checkRegex, type RegexProblem } from './regex-guard';
import { type ReplacementRule, SETTINGS_LIMITS } from './schema';
import { checkSitePattern, matchSitePattern, parseUrl, type SitePatternError } from './site-patterns';

export { REPLACEMENT_RULE_NAME } from '../text/replace/apply-replacement-rules';

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

/** Whether the engine takes a rule's pattern (literal rules always run). */
function isActiveRule(rule: ReplacementRule): boolean {
  return !rule.isRegex || checkRegex(rule.find, rule.ignoreCase).ok;
}

/**
 * The rules that may run: enabled, with something to find, and (regular expressions) taken by the
 * engine. The background does this before a page gets its rules.
 */
export function keepSafeReplacementRules(rules: readonly ReplacementRule[]): ReplacementRule[] {
  return rules.filter((rule) => rule.enabled && rule.find !== '' && isActiveRule(rule));
}

export type ReplacementRuleField = 'find' | 'replace' | 'sites';
export type ReplacementRuleError =
  | { field: 'find'; reason: 'empty' | 'too-long' }
  | { field: 'find'; reason: RegexProblem; detail: string }
  | { field: 'replace'; reason: 'too-long' }
  | { field: 'sites'; reason: 'too-long' | 'too-many'; detail?: string }
  | { field: 'sites'; reason: SitePatternError; detail: string; regexProblem?: RegexProblem; regexDetail?: string };

/**
 * Everything wrong with a rule, field by field, the engine's verdict on its pattern included. The
 * options page and imports call this before a rule may be stored, and the options page shows it
 * beside each stored rule (a rule with errors is inactive).
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
    if (!check.ok) {
      errors.push(
        check.regexProblem
          ? {
              field: 'sites',
              reason: check.reason,
              detail: site,
              regexProblem: check.regexProblem,
              regexDetail: check.detail ?? '',
            }
          : { field: 'sites', reason: check.reason, detail: site },
      );
    }
  }
  return errors;
}

/** A fresh id for a new rule (not security-relevant, only a stable key). */
export function createRuleId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
