/* `regforms diff` and `regforms lock`: the version-safety commands. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileDefinitions, formatLock, readLock, updateLock, versionKey } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { hasErrors } from '@regforms/definition';
import { diffVersions, formatDiff } from '@regforms/diff';
import { LOCK_FILE } from '@regforms/runtime';
import type { Command } from 'commander';
import { count, definitionsFolder, printDiagnostics, printJson, say, tell } from '../output.ts';
import { findType, findVersion, parseRangeSpec } from '../resolve.ts';

/** Codes the lock itself resolves or reports: they do not stop a version from being locked. */
const LOCK_CODES = new Set(['PUBLISHED_CHANGED', 'PUBLISHED_NOT_LOCKED', 'PUBLISHED_RECOMPILED']);

export function versionCommands(program: Command, done: (code: number) => void): void {
  program
    .command('diff')
    .summary('changes between two versions, classified major/minor/patch')
    .description(
      `Compares version A with version B of a registration type, e.g. regforms diff angio/hospitalisation@1.0.0..1.1.0. Prints every change grouped by class — major (breaking: existing drafts or records may become invalid), minor (compatible), patch (wording and layout) — and the bump the changes need. --json prints { registry, registrationType, from, to, bump, changes: [{ kind, fieldId, technicalName, repeat, property, before, after, class, reason }] }. Exit 0 whatever the changes are.`,
    )
    .argument('<range>', '<registry>/<type>@A..B, e.g. angio/hospitalisation@1.0.0..1.1.0')
    .argument('[DIR]', 'the definitions folder', 'definitions')
    .option('--json', 'print the diff as JSON')
    .action((specText: string, dirArg: string, options: { json?: boolean }) => {
      const spec = parseRangeSpec(specText);
      const dir = definitionsFolder(dirArg);
      const result = compileDefinitions(readDefinitionFiles(dir));
      const { type } = findType(result, spec, dir);
      const a = findVersion(type, spec.registry, spec.from);
      const b = findVersion(type, spec.registry, spec.to);
      // A version touched by an error has a partial model: its diff would mislead.
      const files = new Set([...a.sources, ...b.sources]);
      const errors = result.diagnostics.filter((d) => d.severity === 'error' && files.has(d.file));
      if (hasErrors(errors)) {
        printDiagnostics(errors, dir);
        tell(`regforms: fix these errors first: ${versionKey(a)} or ${versionKey(b)} does not check.\n`);
        return done(1);
      }
      const diff = diffVersions(a, b);
      if (options.json) printJson(diff);
      else say(`${formatDiff(diff)}\n`);
      done(0);
    });

  program
    .command('lock')
    .summary(`record newly published versions in DIR/${LOCK_FILE}`)
    .description(
      `Records in DIR/${LOCK_FILE} every published version not yet in it: its content hash, its compiled form hash and the sha256 of each file it is built from. From then on 'regforms check' reports an error when a published version changes. An existing entry is never overwritten: a changed published version is refused (exit 1); publish a new version instead. Entries whose definition is unchanged but whose compiled form hash changed (a compiler change) are refreshed.`,
    )
    .argument('[DIR]', 'the definitions folder', 'definitions')
    .option('--json', 'print { added, refreshed, refused, notLocked }')
    .action((dirArg: string, options: { json?: boolean }) => {
      const dir = definitionsFolder(dirArg);
      const files = readDefinitionFiles(dir);
      const result = compileDefinitions(files);
      const existing = readLock(files);
      if (existing.diagnostics.length) {
        printDiagnostics(existing.diagnostics, dir);
        return done(1);
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
      if (options.json)
        printJson({ added: update.added, refreshed: update.refreshed, refused: update.refused, notLocked });
      else {
        printDiagnostics(errors, dir);
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
          `${LOCK_FILE}: ${update.added.length} added, ${update.refreshed.length} refreshed, ${update.refused.length} refused, ${count(total, 'published version')} locked`,
        );
        say(`${lines.join('\n')}\n`);
      }
      done(update.refused.length || errors.length ? 1 : 0);
    });
}
