/**
 * Ordered upgrade steps for stored settings, keyed by the version they produce (WXT storage's
 * `migrations` format). Each step takes whatever is stored (it may be corrupt: steps never throw)
 * and returns the next shape; `repairSettings` then fixes field by field what a step could not.
 *
 * Versions:
 * - v1, the first release's flat shape:
 *   `{ enabled, sensitivity, outline, latin, sites: [{ pattern, enabled, pinyin, conversion }],
 *      pinyinStyle, conversionVariant }`
 * - v2, grouped by what the options page shows: `siteDefaults` (with `enabled` renamed `fix`),
 *   `siteRules` (renamed from `sites`, each rule's `enabled` renamed `fix`), `detection`, `pinyin`,
 *   `conversion`, `replacementRules`.
 * - v3: `joinLines` (join the lines a print column broke) in `siteDefaults` and every site rule,
 *   off where the reader has not said otherwise; `keptOriginals` (passages the reader keeps as
 *   the page wrote them), empty.
 */
import * as v from 'valibot';
import { CONVERSION_VARIANT_IDS, PINYIN_STYLES } from '../text/reading-aid-options';
import { CONVERSION_CHOICES, SENSITIVITIES, SettingsSchema } from './schema';

type Loose = Record<string, unknown>;

/**
 * The exact shape of each old version, for settings files: an import of an old file must be a
 * complete settings object of its version (every field, no unknown ones) before it is migrated, so
 * a file with no settings, `null` or `{}` is refused instead of turning into the defaults. Values
 * the current schema checks more closely (site patterns) are checked again after migration.
 */
export const SETTINGS_FILE_SCHEMAS: Record<number, v.GenericSchema> = {
  1: v.strictObject({
    enabled: v.boolean(),
    sensitivity: v.picklist(SENSITIVITIES),
    outline: v.boolean(),
    latin: v.boolean(),
    sites: v.array(
      v.strictObject({
        pattern: v.string(),
        enabled: v.boolean(),
        pinyin: v.boolean(),
        conversion: v.picklist(CONVERSION_CHOICES),
      }),
    ),
    pinyinStyle: v.picklist(PINYIN_STYLES),
    conversionVariant: v.picklist(CONVERSION_VARIANT_IDS),
  }),
  // v2 is v3 without `joinLines` and `keptOriginals`.
  2: v.strictObject({
    ...v.omit(SettingsSchema, ['keptOriginals']).entries,
    siteDefaults: v.strictObject({
      fix: v.boolean(),
      pinyin: v.boolean(),
      conversion: v.picklist(CONVERSION_CHOICES),
    }),
    siteRules: v.array(
      v.strictObject({
        pattern: v.string(),
        fix: v.boolean(),
        pinyin: v.boolean(),
        conversion: v.picklist(CONVERSION_CHOICES),
      }),
    ),
  }),
};

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** v1 → v2: group the flat fields and rename `enabled` → `fix`, `sites` → `siteRules`. */
export function migrateV1ToV2(stored: unknown): unknown {
  if (!isObject(stored)) return stored;
  const { enabled, sensitivity, outline, latin, sites, pinyinStyle, conversionVariant, ...rest } = stored;
  // A value that already has v2 fields (written by a newer build, then downgraded) keeps them.
  if ('siteDefaults' in rest || 'siteRules' in rest) return stored;
  return {
    siteDefaults: { fix: enabled, pinyin: false, conversion: 'off' },
    siteRules: Array.isArray(sites)
      ? sites.map((site) =>
          isObject(site)
            ? { pattern: site.pattern, fix: site.enabled, pinyin: site.pinyin, conversion: site.conversion }
            : site,
        )
      : sites,
    detection: { sensitivity, latin, outline },
    pinyin: { style: pinyinStyle },
    conversion: { variant: conversionVariant },
  };
}

/**
 * v2 → v3: every site's values gain `joinLines`, off, and no passage is kept yet (values already
 * there, written by a newer build then downgraded, are kept).
 */
export function migrateV2ToV3(stored: unknown): unknown {
  if (!isObject(stored)) return stored;
  const withJoinLines = (values: unknown) =>
    isObject(values) && !('joinLines' in values) ? { ...values, joinLines: false } : values;
  return {
    ...stored,
    siteDefaults: withJoinLines(stored.siteDefaults),
    siteRules: Array.isArray(stored.siteRules) ? stored.siteRules.map(withJoinLines) : stored.siteRules,
    keptOriginals: 'keptOriginals' in stored ? stored.keptOriginals : [],
  };
}

/** Target version → step. */
export const SETTINGS_MIGRATIONS: Record<number, (stored: unknown) => unknown> = {
  2: migrateV1ToV2,
  3: migrateV2ToV3,
};

/** Run every step from `fromVersion` up to `toVersion` (used for imported files). */
export function migrateSettings(stored: unknown, fromVersion: number, toVersion: number): unknown {
  let value = stored;
  for (let version = fromVersion + 1; version <= toVersion; version++) {
    const step = SETTINGS_MIGRATIONS[version];
    if (step) value = step(value);
  }
  return value;
}
