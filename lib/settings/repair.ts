/**
 * Field-by-field repair of stored settings. Whatever is in storage (an old shape, a partial
 * object, wrong types, a string of broken JSON), every field that is valid is kept and only the
 * broken ones fall back to their defaults; the result always passes the schema. Each repair is
 * reported so the options page can tell the reader.
 */
import * as v from 'valibot';
import { DEFAULT_SETTINGS, type Settings, SettingsSchema } from './schema';

export interface SettingsRepair {
  /** Dotted path of the field, `''` for the whole value. */
  path: string;
  /** `invalid`: replaced by its default; `dropped`: a list item or entry removed; `truncated`: list cut to its limit. */
  reason: 'invalid' | 'dropped' | 'truncated';
}

export interface RepairResult {
  settings: Settings;
  repairs: SettingsRepair[];
}

interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  item?: SchemaNode;
  key?: SchemaNode;
  value?: SchemaNode;
  pipe?: readonly { type: string; requirement?: unknown }[];
}

export function repairSettings(raw: unknown): RepairResult {
  const repairs: SettingsRepair[] = [];
  if (raw === undefined || raw === null) return { settings: structuredClone(DEFAULT_SETTINGS), repairs };
  let value = raw;
  if (typeof value === 'string') {
    // Someone (an old build, a sync conflict, a hand edit) stored the settings as a JSON string.
    try {
      value = JSON.parse(value);
    } catch {
      repairs.push({ path: '', reason: 'invalid' });
      return { settings: structuredClone(DEFAULT_SETTINGS), repairs };
    }
  }
  const settings = repairNode(SettingsSchema as unknown as SchemaNode, value, DEFAULT_SETTINGS, '', repairs);
  // The walk only keeps values that passed their own schema, so this holds; checked anyway so a
  // schema change that breaks the walk fails loudly in tests rather than storing bad data.
  const check = v.safeParse(SettingsSchema, settings);
  if (!check.success) {
    return { settings: structuredClone(DEFAULT_SETTINGS), repairs: [{ path: '', reason: 'invalid' }] };
  }
  return { settings: check.output, repairs };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

function requirementOf(node: SchemaNode, actionType: string): number {
  const action = node.pipe?.find((step) => step.type === actionType);
  return typeof action?.requirement === 'number' ? action.requirement : Number.POSITIVE_INFINITY;
}

function parses(node: SchemaNode, value: unknown): { ok: true; value: unknown } | { ok: false } {
  const result = v.safeParse(node as unknown as v.GenericSchema, value);
  return result.success ? { ok: true, value: result.output } : { ok: false };
}

// biome-ignore lint/suspicious/noExplicitAny: the walk mirrors an arbitrary schema; the result is checked above.
function repairNode(node: SchemaNode, raw: unknown, fallback: any, path: string, repairs: SettingsRepair[]): any {
  if (raw === undefined) return structuredClone(fallback); // a field added since: not a problem
  const invalid = () => {
    repairs.push({ path, reason: 'invalid' });
    return structuredClone(fallback);
  };
  if (node.entries && (node.type === 'object' || node.type === 'strict_object' || node.type === 'loose_object')) {
    if (!isPlainObject(raw)) return invalid();
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node.entries)) {
      out[key] = repairNode(
        child,
        Object.hasOwn(raw, key) ? raw[key] : undefined,
        fallback?.[key],
        joinPath(path, key),
        repairs,
      );
    }
    const whole = parses(node, out);
    return whole.ok ? whole.value : invalid();
  }
  if (node.type === 'array' && node.item) {
    if (!Array.isArray(raw)) return invalid();
    const max = requirementOf(node, 'max_length');
    const items: unknown[] = [];
    raw.forEach((item, index) => {
      const parsed = parses(node.item as SchemaNode, item);
      if (parsed.ok) items.push(parsed.value);
      else repairs.push({ path: joinPath(path, index), reason: 'dropped' });
    });
    if (items.length > max) {
      items.length = max;
      repairs.push({ path, reason: 'truncated' });
    }
    const whole = parses(node, items);
    return whole.ok ? whole.value : invalid();
  }
  if (node.type === 'record' && node.key && node.value) {
    if (!isPlainObject(raw)) return invalid();
    const max = requirementOf(node, 'max_entries');
    const out: Record<string, unknown> = {};
    let count = 0;
    for (const [key, item] of Object.entries(raw)) {
      const parsedKey = parses(node.key, key);
      const parsedValue = parses(node.value, item);
      if (!parsedKey.ok || !parsedValue.ok) {
        repairs.push({ path: joinPath(path, key), reason: 'dropped' });
        continue;
      }
      if (count >= max) {
        repairs.push({ path, reason: 'truncated' });
        break;
      }
      // defineProperty: a `__proto__` key from a JSON file must stay a plain entry.
      Object.defineProperty(out, parsedKey.value as string, {
        value: parsedValue.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      count += 1;
    }
    const whole = parses(node, out);
    if (!whole.ok) return invalid();
    // The schema leaves out keys it cannot keep safely (`__proto__`, `constructor`, `prototype`):
    // say so rather than lose them silently.
    for (const key of Object.keys(out)) {
      if (!Object.hasOwn(whole.value as object, key)) repairs.push({ path: joinPath(path, key), reason: 'dropped' });
    }
    return whole.value;
  }
  const leaf = parses(node, raw);
  return leaf.ok ? leaf.value : invalid();
}
