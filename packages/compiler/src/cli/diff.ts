/*
 * `regforms diff` and `regforms lock`: the version-safety commands. Each returns the exit
 * code (0 done, 1 diagnostics or a refused lock entry, 2 usage error) and writes its own output.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  compareVersions,
  type Diagnostic,
  didYouMean,
  formatDiagnostics,
  hasErrors,
  sortDiagnostics,
} from '@regforms/definition';
import { diffVersions, formatDiff } from '@regforms/diff';
import { compileDefinitions } from '../compile.ts';
import { readDefinitionFiles } from '../files.ts';
import { formatLock, LOCK_FILE, readLock, updateLock, versionKey } from '../versions.ts';

export const DIFF_HELP = `Usage: regforms diff <registry>/<type>@A..B [DIR] [--json]

Compares version A with version B of a registration type of the definitions folder DIR
(default: definitions/), e.g. regforms diff angio/hospitalisation@1.0.0..1.1.0. Prints every
change grouped by class — major (breaking: existing drafts or records may become invalid),
minor (compatible), patch (wording and layout) — and the bump the changes need. --json prints
{ registry, registrationType, from, to, bump, changes: [{ kind, fieldId, technicalName,
repeat, property, before, after, class, reason }] }. Exit 0 whatever the changes are.`;

export const LOCK_HELP = `Usage: regforms lock [DIR] [--json]

Records in DIR/${LOCK_FILE} (DIR defaults to definitions/) every published version not yet
in it: its content hash, its compiled form hash and the sha256 of each file it is built from.
From then on 'regforms check' reports an error when a published version changes. An existing
entry is never overwritten: a changed published version is refused (exit 1); publish a new
version instead. Entries whose definition is unchanged but whose compiled form hash changed
(a compiler change) are refreshed.`;

const fail = (message: string, command: string): number => {
  process.stderr.write(`regforms: ${message}\nRun 'regforms ${command} --help' for usage.\n`);
  return 2;
};

function folder(arg: string | undefined): string | { error: string } {
  const dir = resolve(arg ?? 'definitions');
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    return { error: `No definitions folder at ${dir}: pass the folder as an argument` };
  return dir;
}

function printDiagnostics(list: readonly Diagnostic[], dir: string): void {
  if (list.length === 0) return;
  const text = formatDiagnostics(list)
    .split('\n')
    .map((l) => (/^\S+:\d+:\d+ /.test(l) ? join(dir, l).replace(`${process.cwd()}/`, '') : l))
    .join('\n');
  process.stderr.write(`${text}\n`);
}

const SPEC = /^([^/@\s]+)\/([^/@\s]+)@([^.\s][^\s]*?)\.\.([^\s]+)$/;

/** `regforms diff <registry>/<type>@A..B [DIR] [--json]`. */
export function runDiff(positionals: string[], json: boolean): number {
  const [spec, dirArg, ...extra] = positionals;
  if (!spec)
    return fail('diff needs <registry>/<type>@A..B, e.g. angio/hospitalisation@1.0.0..1.1.0', 'diff');
  if (extra.length)
    return fail(`Expected at most a version range and a folder, got: ${positionals.join(' ')}`, 'diff');
  const m = SPEC.exec(spec);
  if (!m)
    return fail(`'${spec}' is not <registry>/<type>@A..B (e.g. angio/hospitalisation@1.0.0..1.1.0)`, 'diff');
  const [, registryId, typeId, from, to] = m as unknown as [string, string, string, string, string];
  const dir = folder(dirArg);
  if (typeof dir !== 'string') return fail(dir.error, 'diff');
  const result = compileDefinitions(readDefinitionFiles(dir));
  const registries = result.definitions.registries;
  const registry = registries.find((r) => r.id === registryId);
  const hint = (word: string, all: string[]) => {
    const s = didYouMean(word, all);
    return s ? ` Did you mean '${s}'?` : ` Known: ${all.join(', ')}.`;
  };
  if (!registry)
    return fail(
      `No registry '${registryId}' in ${dir}.${hint(
        registryId,
        registries.map((r) => r.id),
      )}`,
      'diff',
    );
  const type = registry.registrationTypes.find((t) => t.id === typeId);
  if (!type)
    return fail(
      `No registration type '${typeId}' in ${registryId}.${hint(
        typeId,
        registry.registrationTypes.map((t) => t.id),
      )}`,
      'diff',
    );
  // Versions differ by a digit or two, so every one is listed rather than a guess.
  const known = [...type.versions]
    .sort((x, y) => compareVersions(x.version, y.version))
    .map((v) => `${v.version}${v.status === 'draft' ? ' (draft)' : ''}`);
  const pick = (v: string) => type.versions.find((x) => x.version === v);
  for (const v of [from, to])
    if (!pick(v))
      return fail(`${registryId}/${typeId} has no version ${v}. Versions: ${known.join(', ')}.`, 'diff');
  const a = pick(from)!;
  const b = pick(to)!;
  // A version touched by an error has a partial model: its diff would mislead.
  const files = new Set([...a.sources, ...b.sources]);
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && files.has(d.file));
  if (hasErrors(errors)) {
    printDiagnostics(sortDiagnostics(errors), dir);
    process.stderr.write(
      `regforms: fix these errors first: ${versionKey(a)} or ${versionKey(b)} does not check.\n`,
    );
    return 1;
  }
  const diff = diffVersions(a, b);
  process.stdout.write(json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatDiff(diff)}\n`);
  return 0;
}

/** Codes the lock itself resolves or reports: they do not stop a version from being locked. */
const LOCK_CODES = new Set(['PUBLISHED_CHANGED', 'PUBLISHED_NOT_LOCKED', 'PUBLISHED_RECOMPILED']);

/** `regforms lock [DIR] [--json]`. */
export function runLock(positionals: string[], json: boolean): number {
  if (positionals.length > 1)
    return fail(`Expected at most one folder, got: ${positionals.join(' ')}`, 'lock');
  const dir = folder(positionals[0]);
  if (typeof dir !== 'string') return fail(dir.error, 'lock');
  const files = readDefinitionFiles(dir);
  const result = compileDefinitions(files);
  const existing = readLock(files);
  if (existing.diagnostics.length) {
    printDiagnostics(existing.diagnostics, dir);
    return 1;
  }
  // Never lock a version that does not check: it would be immutable with its mistakes.
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && !LOCK_CODES.has(d.code));
  const broken = new Set(errors.map((d) => d.file));
  const blocked = new Set<string>();
  for (const r of result.definitions.registries)
    for (const t of r.registrationTypes)
      for (const v of t.versions)
        if (v.status === 'published' && v.sources.some((f) => broken.has(f))) blocked.add(versionKey(v));
  const forms = result.forms.filter((f) => !blocked.has(versionKey(f.meta)));
  const update = updateLock(result.definitions, forms, files, existing.lock);
  if (update.added.length || update.refreshed.length)
    writeFileSync(join(dir, LOCK_FILE), formatLock(update.lock));
  const notLocked = [...blocked].filter((k) => !(k in update.lock.versions));
  if (json)
    process.stdout.write(
      `${JSON.stringify({ added: update.added, refreshed: update.refreshed, refused: update.refused, notLocked }, null, 2)}\n`,
    );
  else {
    if (errors.length) printDiagnostics(sortDiagnostics(errors), dir);
    const lines: string[] = [];
    for (const k of update.added) lines.push(`locked ${k}`);
    for (const k of update.refreshed)
      lines.push(`refreshed ${k} (same definition; new compiled form or file bytes)`);
    for (const r of update.refused)
      lines.push(
        `refused ${r.key}: it was published and locked, and ${r.files.join(', ') || 'its content'} changed since; restore it and publish a new version instead`,
      );
    const total = Object.keys(update.lock.versions).length;
    lines.push(
      `${LOCK_FILE}: ${update.added.length} added, ${update.refreshed.length} refreshed, ${update.refused.length} refused, ${total} published version${total === 1 ? '' : 's'} locked`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return update.refused.length || errors.length ? 1 : 0;
}
