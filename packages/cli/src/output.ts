/* What every command shares: the definitions folder argument and the one diagnostics printer. */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Diagnostic, formatDiagnostics, sortDiagnostics } from '@regforms/definition';
import { FileStore, FileStoreError } from '@regforms/registrations/file-store';
import { escapeHidden } from '@regforms/runtime';
import { UsageError } from './usage.ts';

/** The definitions folder named on the command line (default `definitions/`), or a usage error. */
export function definitionsFolder(arg: string | undefined, how = 'pass the folder as an argument'): string {
  const dir = resolve(arg ?? 'definitions');
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`No definitions folder at ${dir}: ${how}`);
  return dir;
}

/**
 * Diagnostics on standard error as `file:line:col severity CODE message` and a fix, each file
 * named from the working directory so a terminal or an editor can open it.
 */
export function printDiagnostics(list: readonly Diagnostic[], dir: string): void {
  if (list.length === 0) return;
  const text = formatDiagnostics(sortDiagnostics(list))
    .split('\n')
    .map((l) => (/^\S+:\d+:\d+ /.test(l) ? join(dir, l).replace(`${process.cwd()}/`, '') : l))
    .join('\n');
  tell(`${text}\n`);
}

/*
 * Text for a person, on standard output (say) or standard error (tell): whatever it quotes from
 * a file (labels, names, cells) may hold ESC sequences or bidi overrides, shown escaped
 * (escapeHidden) rather than obeyed by the terminal. Data (CSV, JSON, a token) is written as
 * it is.
 */
export function say(text: string): void {
  process.stdout.write(escapeHidden(text));
}
export function tell(text: string): void {
  process.stderr.write(escapeHidden(text));
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** "1 version", "3 versions". */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A command's result to `--out FILE`, else to standard output, as it is (data, not text). */
export function output(text: string, out: string | undefined): void {
  if (out) writeFileSync(resolve(out), text);
  else process.stdout.write(text);
}

/** The registrations file named by `--store`, or a usage error saying what is wrong with it. */
export function openStore(path: string): FileStore {
  try {
    return new FileStore(resolve(path));
  } catch (e) {
    if (e instanceof FileStoreError) throw new UsageError(e.message);
    throw e;
  }
}
