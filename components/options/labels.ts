/** Reader-facing names for the settings' values and errors, in the reader's language. */
import { i18n } from '#i18n';
import type {
  ConversionChoice,
  FieldProblem,
  ImportError,
  RegexProblem,
  ReplacementRuleError,
  SettingsRepair,
  SitePatternCheck,
  SitePatternError,
} from '@/lib/settings';

export function labelConversion(choice: ConversionChoice): string {
  switch (choice) {
    case 'off':
      return i18n.t('options.conversionChoice.off');
    case 's2t':
      return i18n.t('options.conversionChoice.s2t');
    case 's2tw':
      return i18n.t('options.conversionChoice.s2tw');
    case 's2twp':
      return i18n.t('options.conversionChoice.s2twp');
    case 's2hk':
      return i18n.t('options.conversionChoice.s2hk');
    case 't2s':
      return i18n.t('options.conversionChoice.t2s');
    case 'tw2s':
      return i18n.t('options.conversionChoice.tw2s');
    case 'tw2sp':
      return i18n.t('options.conversionChoice.tw2sp');
    case 'hk2s':
      return i18n.t('options.conversionChoice.hk2s');
  }
}

/** Why the regular expression engine refuses a pattern; `detail` names the part (or the parser's words). */
export function labelRegexProblem(problem: RegexProblem, detail: string): string {
  switch (problem) {
    case 'syntax':
      return i18n.t('options.regexError.syntax', [detail]);
    case 'backreference':
      return i18n.t('options.regexError.backreference', [detail]);
    case 'lookaround':
      return i18n.t('options.regexError.lookaround', [detail]);
    case 'unsupported':
      return i18n.t('options.regexError.unsupported', [detail]);
    case 'too-complex':
      return i18n.t('options.regexError.tooComplex', [detail]);
  }
}

export function labelPatternError(reason: SitePatternError | 'too-long' | 'too-many' | 'duplicate'): string {
  switch (reason) {
    case 'empty':
      return i18n.t('options.patternError.empty');
    case 'invalid-domain':
      return i18n.t('options.patternError.invalidDomain');
    case 'invalid-url':
      return i18n.t('options.patternError.invalidUrl');
    case 'invalid-regex':
      return i18n.t('options.patternError.invalidRegex');
    case 'too-long':
      return i18n.t('options.patternError.tooLong');
    case 'too-many':
      return i18n.t('options.patternError.tooMany');
    case 'duplicate':
      return i18n.t('options.patternError.duplicate');
  }
}

/** A refused site pattern: the engine's reason for a regular expression, else the pattern's. */
export function labelSitePatternCheck(check: Extract<SitePatternCheck, { ok: false }>): string {
  return check.regexProblem
    ? labelRegexProblem(check.regexProblem, check.detail ?? '')
    : labelPatternError(check.reason);
}

export function labelRuleError(error: ReplacementRuleError): string {
  if (error.field === 'sites') {
    if ('regexProblem' in error && error.regexProblem) {
      return `${error.detail}: ${labelRegexProblem(error.regexProblem, error.regexDetail ?? '')}`;
    }
    const message = labelPatternError(error.reason);
    return error.detail ? `${error.detail}: ${message}` : message;
  }
  if (error.field === 'replace') return i18n.t('options.ruleError.tooLong');
  switch (error.reason) {
    case 'empty':
      return i18n.t('options.ruleError.empty');
    case 'too-long':
      return i18n.t('options.ruleError.tooLong');
    default:
      return labelRegexProblem(error.reason, error.detail);
  }
}

export function labelImportError(error: ImportError): string {
  switch (error.reason) {
    case 'too-large':
      return i18n.t('options.importError.tooLarge');
    case 'not-json':
      return i18n.t('options.importError.notJson');
    case 'too-deep':
      return i18n.t('options.importError.tooDeep');
    case 'not-settings-file':
      return i18n.t('options.importError.notSettings');
    case 'newer-version':
      return i18n.t('options.importError.newerVersion');
    case 'invalid-field':
      return i18n.t('options.importError.invalidField', [error.path, labelFieldProblem(error.problem)]);
    case 'unsafe-rule':
      return i18n.t('options.importError.unsafeRule', [String(error.index + 1), labelRuleError(error.error)]);
    case 'unsafe-site-pattern':
      return i18n.t('options.importError.unsafeSitePattern', [
        String(error.index + 1),
        error.pattern,
        labelSitePatternCheck(error.error),
      ]);
  }
}

function labelFieldProblem(problem: FieldProblem): string {
  switch (problem) {
    case 'missing':
      return i18n.t('options.fieldProblem.missing');
    case 'unknown-key':
      return i18n.t('options.fieldProblem.unknownKey');
    case 'duplicate-key':
      return i18n.t('options.fieldProblem.duplicateKey');
    case 'not-a-date':
      return i18n.t('options.fieldProblem.notADate');
    case 'wrong-type':
      return i18n.t('options.fieldProblem.wrongType');
    case 'not-allowed':
      return i18n.t('options.fieldProblem.notAllowed');
    case 'too-long':
      return i18n.t('options.fieldProblem.tooLong');
    case 'too-many':
      return i18n.t('options.fieldProblem.tooMany');
    case 'invalid':
      return i18n.t('options.fieldProblem.invalid');
  }
}

export function describeRepairs(repairs: readonly SettingsRepair[]): string {
  return repairs.map((repair) => repair.path || '—').join(', ');
}
