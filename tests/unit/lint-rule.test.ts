/**
 * Proves the Biome plugin `lint/qingdu-security.grit` still fires, so the ban on HTML
 * sinks and code-from-strings cannot silently stop working (a Biome upgrade that changes GritQL
 * node names would otherwise turn the rule into a no-op and `npm run lint` would stay green).
 *
 * Each sample is linted with the repository's real biome.json and rule file, copied into a
 * scratch directory so the samples never sit inside the repository.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIOME = join(ROOT, 'node_modules/.bin/biome');

/** One statement per line; every line must be reported by the plugin. */
const FORBIDDEN_TS = [
  "el.innerHTML = '<b>x</b>';",
  "el.outerHTML = 'y';",
  'const html = el.innerHTML;',
  "el?.insertAdjacentHTML('beforeend', 'z');",
  "document.write('a');",
  "window.document.write('a');",
  "doc.write('a');",
  "document.writeln('a');",
  "eval('1+1');",
  "window.eval('2');",
  "globalThis['eval']('3');",
  "const f1 = new Function('return 1');",
  "const f2 = Function('return 2');",
  "const f3 = new window.Function('return 3');",
  "setTimeout('alert(1)', 10);",
  'setInterval(`alert(1)`, 10);',
  "window.setTimeout('x' + 1, 1);",
  "setTimeout('x');",
  "frame.srcdoc = '<p>';",
  "frame.setAttribute('srcdoc', '<p>');",
  "el['innerHTML'] = 'q';",
  'el[`outerHTML`] = `q`;',
  "const fragment = document.createRange().createContextualFragment('<p>');",
  "el.setHTMLUnsafe('<p>');",
  'const { innerHTML } = el;',
  'const { outerHTML: outer } = el;',
  "el.setAttribute('onclick', 'alert(1)');",
  "const script = document.createElement('script');",
  "const parsed = new DOMParser().parseFromString('<p>', 'text/html');",
  "window.addEventListener('message', onPageMessage);",
  'window.onmessage = onPageMessage;',
  'chrome.runtime.onMessageExternal.addListener(onPageMessage);',
  'browser.runtime.onConnectExternal.addListener(onPageMessage);',
];

const FORBIDDEN_TSX = [
  "export const A = () => <div dangerouslySetInnerHTML={{ __html: 'x' }} />;",
  'export const B = () => <iframe srcdoc="<p>" title="x" />;',
];

/** Code that looks close but is fine; none of it may be reported. */
const ALLOWED_TS = [
  "el.textContent = 'x';",
  'setTimeout(() => 1, 10);',
  'setInterval(callback, 10);',
  "const note = 'innerHTML is never used here';",
  'evaluate();',
  "stream.write('x');",
  "el.setAttribute('data-qingdu', 'ready');",
  "el.append(document.createTextNode('x'));",
  "const span = document.createElement('span');",
  'const fn: () => void = () => {};',
  "window.addEventListener('pagehide', stop);",
  "onMessage('ping', reply);",
  'chrome.runtime.onMessage.addListener(reply);',
];

interface Diagnostic {
  file: string;
  line: number;
  title: string;
}

let dir: string;

function lint(relativePath: string, lines: string[]): Diagnostic[] {
  const path = join(dir, relativePath);
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, `${lines.join('\n')}\n`);
  let output: string;
  try {
    output = execFileSync(BIOME, ['lint', '--reporter=github', '--max-diagnostics=none', relativePath], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  return [...output.matchAll(/^::\w+ title=([^,]+),file=([^,]+),line=(\d+)/gm)].map((m) => ({
    title: m[1] ?? '',
    file: m[2] ?? '',
    line: Number(m[3]),
  }));
}

function pluginLines(diagnostics: Diagnostic[]): number[] {
  return [...new Set(diagnostics.filter((d) => d.title === 'plugin').map((d) => d.line))].sort((a, b) => a - b);
}

const allLines = (lines: string[]) => lines.map((_, i) => i + 1);

describe('the lint rule against HTML sinks and code from strings', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qingdu-lint-'));
    cpSync(join(ROOT, 'biome.json'), join(dir, 'biome.json'));
    cpSync(join(ROOT, 'lint'), join(dir, 'lint'), { recursive: true });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test.each(['lib/sample.ts', 'entrypoints/content/sample.ts', 'components/sample.ts'])(
    'fires on every forbidden line in %s',
    (path) => {
      expect(pluginLines(lint(path, FORBIDDEN_TS))).toEqual(allLines(FORBIDDEN_TS));
    },
  );

  test('fires on JSX HTML sinks in components', () => {
    expect(pluginLines(lint('components/sample.tsx', FORBIDDEN_TSX))).toEqual(allLines(FORBIDDEN_TSX));
  });

  test('stays quiet on safe look-alikes', () => {
    expect(pluginLines(lint('lib/allowed.ts', ALLOWED_TS))).toEqual([]);
  });

  test('makes biome exit non-zero, so `npm run lint` and CI fail', () => {
    writeFileSync(join(dir, 'lib/one.ts'), "document.body.innerHTML = '<b>x</b>';\n");
    expect(() => execFileSync(BIOME, ['lint', 'lib/one.ts'], { cwd: dir, stdio: 'pipe' })).toThrow();
  });

  test('only applies to shipped code, not to tests and scripts', () => {
    expect(pluginLines(lint('tests/dom/sample.ts', FORBIDDEN_TS))).toEqual([]);
  });
});
