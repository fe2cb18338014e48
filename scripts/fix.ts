/**
 * Command line tool for cleaning scraped text: repairs doubled text line by line.
 *
 *   npm run fix -- [options] [file]      (reads standard input when no file is given)
 *
 * Options:
 *   --explain              print the edits (line:start-end rule ×factor "original" → "replacement"
 *                          because the facts that decided (runs, unexplained runs, longest chain))
 *                          instead of the repaired text
 *   --jsonl                read JSON Lines: each object's `text` is fixed and the object is written
 *                          back with `fixed` (string) and `edits` (array) added
 *   --sensitivity LEVEL    conservative (default), balanced or aggressive
 *   --factors 2,3,4        which doubling factors to repair
 *   --disable RULE[,RULE]  turn rules off (doubled-cjk, doubled-latin, doubled-ligature, repeated-phrase)
 *   --no-latin             leave Latin text alone
 *   --max-line-bytes N     longest line to process (default 256 MiB); longer ones pass through
 *   --help
 *
 * Output is byte for byte the input except the repairs: line endings, a byte order mark and, in
 * JSON Lines, every byte of the record but the added fields are kept. A line that cannot be read
 * (invalid UTF-8, malformed JSON, no `text` string, longer than the limit) is reported on standard
 * error with its line number and written out unchanged; the other lines are still processed, and
 * the exit code is 1. Usage errors exit with 2. When the reader of the output goes away (`| head`),
 * the tool stops quietly with exit code 0.
 */
import { createReadStream } from 'node:fs';
import { RULE_NAMES } from '../lib/text/doubled/fix-doubled-text';
import type { DoublingFactor, FixOptions, Sensitivity, TextEdit } from '../lib/text/doubled/types';
import { createTextPipeline } from '../lib/text/pipeline';
import { setJsonFields } from './lib/jsonl-record';
import { readLines } from './lib/read-lines';

/** Far beyond any real line, well within what one string may hold. */
export const DEFAULT_MAX_LINE_BYTES = 256 * 1024 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const USAGE = `usage: npm run fix -- [--explain] [--jsonl] [--sensitivity conservative|balanced|aggressive]
                      [--factors 2,3,4] [--disable RULE[,RULE]] [--no-latin] [--max-line-bytes N] [file]
Repairs doubled text (勇勇于于担担当当 → 勇于担当) line by line; reads standard input without a file.
Rules: ${RULE_NAMES.join(', ')}`;

interface CliOptions {
  explain: boolean;
  jsonl: boolean;
  file: string | null;
  maxLineBytes: number;
  fix: FixOptions;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): CliOptions | 'help' {
  const options: CliOptions = {
    explain: false,
    jsonl: false,
    file: null,
    maxLineBytes: DEFAULT_MAX_LINE_BYTES,
    fix: {},
  };
  const disabled: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--explain') options.explain = true;
    else if (arg === '--jsonl') options.jsonl = true;
    else if (arg === '--no-latin') options.fix.latin = false;
    else if (arg === '--sensitivity') {
      const v = value();
      if (v !== 'conservative' && v !== 'balanced' && v !== 'aggressive')
        throw new UsageError(`unknown sensitivity ${v}`);
      options.fix.sensitivity = v satisfies Sensitivity;
    } else if (arg === '--factors') {
      const factors = value()
        .split(',')
        .map((f) => Number(f.trim()));
      if (factors.some((f) => f !== 2 && f !== 3 && f !== 4)) throw new UsageError('factors are 2, 3 or 4');
      options.fix.factors = factors as DoublingFactor[];
    } else if (arg === '--max-line-bytes') {
      const bytes = Number(value());
      if (!Number.isSafeInteger(bytes) || bytes < 1) throw new UsageError('--max-line-bytes takes a positive integer');
      options.maxLineBytes = bytes;
    } else if (arg === '--disable') {
      for (const rule of value().split(',')) {
        if (!(RULE_NAMES as readonly string[]).includes(rule)) throw new UsageError(`unknown rule ${rule}`);
        disabled.push(rule);
      }
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else if (options.file !== null) throw new UsageError('give at most one file');
    else options.file = arg === '-' ? null : arg;
  }
  if (disabled.length > 0) options.fix.disabledRules = disabled;
  return options;
}

// ignoreBOM: a byte order mark is removed by hand from the first line only, and written back.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function describeEdit(line: number, e: TextEdit): string {
  const edit = `${line}:${e.start}-${e.end} ${e.rule} ×${e.factor} ${JSON.stringify(e.original)} → ${JSON.stringify(e.replacement)}`;
  if (e.because === undefined) return edit;
  const { facts, runs, unexplained, chain } = e.because;
  return `${edit} because ${facts.join(', ')} (runs ${runs}, unexplained ${unexplained}, chain ${chain})`;
}

async function main(): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`fix: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The text pipeline pages run (the doubled-text fix; no replacement rules on the command line).
  const pipeline = createTextPipeline({ fix: options.fix });
  const repair = (text: string): { text: string; edits: TextEdit[] } => {
    const composed = pipeline.run(text);
    return { text: composed.text, edits: composed.steps.flatMap((step) => step.edits) };
  };
  const input: AsyncIterable<Buffer> = options.file === null ? process.stdin : createReadStream(options.file);
  // Writes to a pipe or file are synchronous on POSIX, so output never piles up in memory; a
  // reader that went away (`| head`) ends the run quietly: it has everything it asked for.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const out: (string | Buffer)[] = [];
  const flush = () => {
    for (const part of out) process.stdout.write(part);
    out.length = 0;
  };
  let lineNumber = 0;
  let failed = 0;
  let fixedLines = 0;
  let editCount = 0;
  const fail = (message: string) => {
    failed++;
    process.stderr.write(`fix: line ${lineNumber}: ${message}\n`);
  };
  const unchanged = options.explain ? '' : '; line written unchanged';
  try {
    for await (const event of readLines(input, options.maxLineBytes)) {
      if (event.kind === 'long') {
        // Too long to hold: passed through as it streams in.
        if (event.first) {
          lineNumber++;
          fail(`longer than ${options.maxLineBytes} bytes (--max-line-bytes)${unchanged}`);
        }
        if (!options.explain) {
          out.push(event.bytes);
          if (event.newline) out.push('\n');
          flush();
        }
        continue;
      }
      lineNumber++;
      let bytes = event.bytes;
      if (lineNumber === 1 && bytes.subarray(0, 3).equals(UTF8_BOM)) {
        if (!options.explain) out.push(UTF8_BOM);
        bytes = bytes.subarray(3);
      }
      // Keep Windows line endings as they were.
      const cr = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d;
      const body = cr ? bytes.subarray(0, bytes.length - 1) : bytes;
      const eol = (cr ? '\r' : '') + (event.newline ? '\n' : '');
      const original = () => {
        out.push(bytes);
        if (event.newline) out.push('\n');
      };
      let text: string;
      try {
        text = decoder.decode(body);
      } catch {
        fail(`invalid UTF-8${unchanged}`);
        if (!options.explain) original();
        continue;
      }
      if (options.jsonl) {
        if (text.trim() === '') {
          original();
          continue;
        }
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch (error) {
          fail(`malformed JSON (${(error as Error).message})${unchanged}`);
          original();
          continue;
        }
        if (record === null || typeof record !== 'object' || Array.isArray(record)) {
          fail(`not a JSON object${unchanged}`);
          original();
          continue;
        }
        const value = (record as Record<string, unknown>).text;
        if (typeof value !== 'string') {
          fail(`no "text" string${unchanged}`);
          original();
          continue;
        }
        const result = repair(value);
        if (result.edits.length > 0) fixedLines++;
        editCount += result.edits.length;
        out.push(setJsonFields(text, { fixed: result.text, edits: result.edits }) + eol);
      } else {
        const result = repair(text);
        if (result.edits.length > 0) fixedLines++;
        editCount += result.edits.length;
        if (options.explain) for (const e of result.edits) out.push(`${describeEdit(lineNumber, e)}\n`);
        else if (result.edits.length === 0) original();
        else out.push(result.text + eol);
      }
      if (out.length >= 1024) flush();
    }
  } catch (error) {
    flush();
    process.stderr.write(`fix: cannot read ${options.file ?? 'standard input'}: ${(error as Error).message}\n`);
    return 2;
  }
  flush();
  if (options.explain || failed > 0) {
    process.stderr.write(
      `fix: ${lineNumber} lines, ${fixedLines} fixed, ${editCount} edits${failed > 0 ? `, ${failed} could not be read` : ''}\n`,
    );
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fix: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
