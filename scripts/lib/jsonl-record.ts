/**
 * Adding fields to one JSON Lines record without touching anything else in it: the record's own
 * bytes (number spellings such as `1.0` or `12345678901234567890`, `\u00e9` escapes, spacing, key
 * order) are kept exactly; only the added members are new. Re-serialising a parsed record would
 * rewrite them.
 */

/** Where each top-level member of a JSON object text is: from its key to the end of its value. */
interface MemberSpan {
  key: string;
  start: number;
  end: number;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * The top-level members of `text`, which must be a JSON object that `JSON.parse` accepted (so the
 * scan only needs to track strings and nesting, not validate). Also returns where the closing
 * brace is.
 */
function findTopLevelMembers(text: string): { members: MemberSpan[]; close: number } {
  const members: MemberSpan[] = [];
  let depth = 0;
  let i = 0;
  let current: { key: string; start: number } | undefined;
  let lastValueEnd = -1;
  let close = -1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') {
      const start = i;
      i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      if (depth === 1 && current === undefined) {
        current = { key: JSON.parse(text.slice(start, i)) as string, start };
      } else {
        lastValueEnd = i;
      }
      continue;
    }
    if (ch === '{' || ch === '[') {
      depth++;
      i++;
      continue;
    }
    if (ch === '}' || ch === ']') {
      depth--;
      i++;
      if (depth === 0) {
        if (current) members.push({ ...current, end: lastValueEnd });
        close = i - 1;
        break;
      }
      lastValueEnd = i;
      continue;
    }
    if (depth === 1 && ch === ',') {
      if (current) members.push({ ...current, end: lastValueEnd });
      current = undefined;
      i++;
      continue;
    }
    if (!WHITESPACE.has(ch) && ch !== ':') lastValueEnd = i + 1;
    i++;
  }
  return { members, close };
}

/**
 * `text` (one JSON object, already checked with `JSON.parse`) with `fields` set: members of the
 * same names are removed (a record that went through the tool before gets fresh values, once),
 * the new ones are appended after the last member. Everything else is left byte for byte.
 */
export function setJsonFields(text: string, fields: Record<string, unknown>): string {
  const { members, close } = findTopLevelMembers(text);
  const added = Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join(',');
  const first = members[0];
  const last = members.at(-1);
  if (!first || !last) return `${text.slice(0, close)}${added}${text.slice(close)}`;
  // Each kept member keeps the separator that preceded it (except the first one kept).
  let body = '';
  members.forEach((member, index) => {
    if (Object.hasOwn(fields, member.key)) return;
    const previous = members[index - 1];
    if (body !== '' && previous) body += text.slice(previous.end, member.start);
    body += text.slice(member.start, member.end);
  });
  if (body !== '' && added !== '') body += ',';
  return `${text.slice(0, first.start)}${body}${added}${text.slice(last.end)}`;
}
