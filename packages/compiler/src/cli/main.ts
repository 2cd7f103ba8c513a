/*
 * The `regforms` command: check, compile and list a definitions folder.
 * Exit codes: 0 success, 1 diagnostics (errors) found, 2 usage error.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Diagnostic, formatDiagnostics, hasErrors, sortDiagnostics } from '@regforms/definition';
import { compileDefinitions } from '../compile.ts';
import { readDefinitionFiles } from '../files.ts';
import { CSV_HELP, runCsv } from './csv.ts';
import { DIFF_HELP, LOCK_HELP, runDiff, runLock } from './diff.ts';

const HELP: Record<string, string> = {
  '': `regforms — compile versioned registry form definitions

Usage: regforms <command> [options]

Commands:
  check [DIR]              check every definition (DIR defaults to definitions/)
  compile [DIR] --out OUT  write OUT/catalog.json and OUT/<registry>/<type>/<version>/form.json
  catalog [DIR] --json     list programmes, registries, registration types and versions
  diff <registry>/<type>@A..B [DIR]  changes between two versions, classified major/minor/patch
  lock [DIR]               record newly published versions in DIR/published.lock.json
  csv template|validate|import|export <registry>/<type>[@version] …
                           CSV template and dictionary, validate, import, export (csv --help)

Options:
  --json    machine-readable output
  --help    help for a command

Exit codes: 0 success, 1 diagnostics found, 2 usage error.`,
  check: `Usage: regforms check [DIR] [--json]

Loads and checks every file of the definitions folder DIR (default: definitions/) and prints
each problem as file:line:col severity CODE message, with a fix. --json prints
{ "diagnostics": [...], "errors": N, "warnings": N }.`,
  compile: `Usage: regforms compile [DIR] --out OUT [--json]

Checks DIR (default: definitions/) and writes one compiled form per version to
OUT/<registry>/<type>/<version>/form.json (keys: meta, schema, uischema, i18n, csv, logic)
and the catalog to OUT/catalog.json. Versions touched by an error are not written.`,
  catalog: `Usage: regforms catalog [DIR] [--json]

Prints programme → registry → registration type → versions, marking the most recent
published version of each registration type. --json prints the catalog as JSON.`,
  diff: DIFF_HELP,
  lock: LOCK_HELP,
  csv: CSV_HELP,
};

class UsageError extends Error {}

function definitionsDir(positional: string[]): string {
  if (positional.length > 1)
    throw new UsageError(`Expected at most one folder, got: ${positional.join(' ')}`);
  const dir = resolve(positional[0] ?? 'definitions');
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`No definitions folder at ${dir}: pass the folder as an argument`);
  return dir;
}

function printDiagnostics(list: Diagnostic[], json: boolean, dir: string): void {
  if (json) return;
  if (list.length === 0) return;
  const text = formatDiagnostics(list)
    .split('\n')
    .map((l) => (/^\S+:\d+:\d+ /.test(l) ? join(dir, l).replace(`${process.cwd()}/`, '') : l))
    .join('\n');
  process.stderr.write(`${text}\n`);
}

function run(argv: string[]): number {
  const [command = '', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help' || command === '') {
    process.stdout.write(`${HELP['']}\n`);
    return command === '' ? 2 : 0;
  }
  if (!(command in HELP))
    throw new UsageError(
      `Unknown command '${command}'. Commands: ${Object.keys(HELP).filter(Boolean).join(', ')}.`,
    );
  if (command === 'csv') {
    // Import is asynchronous: the exit code is set when it ends.
    void runCsv(rest).then((code) => {
      process.exitCode = code;
    });
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP[command]}\n`);
    return 0;
  }
  const json = values.json === true;
  if (values.out !== undefined && command !== 'compile')
    throw new UsageError(`--out is an option of compile, not ${command}`);
  if (command === 'diff') return runDiff(positionals, json);
  if (command === 'lock') return runLock(positionals, json);
  const dir = definitionsDir(positionals);
  const result = compileDefinitions(readDefinitionFiles(dir));
  const diagnostics = sortDiagnostics(result.diagnostics);
  const failed = hasErrors(diagnostics);
  const summary = { errors: diagnostics.filter((d) => d.severity === 'error').length, warnings: 0 };
  summary.warnings = diagnostics.length - summary.errors;

  switch (command) {
    case 'check': {
      if (json) process.stdout.write(`${JSON.stringify({ diagnostics, ...summary }, null, 2)}\n`);
      else {
        printDiagnostics(diagnostics, json, dir);
        const versions = result.forms.length + result.skipped.length;
        process.stdout.write(
          `${failed ? 'check failed' : 'check passed'}: ${versions} version${versions === 1 ? '' : 's'} in ${result.definitions.registries.length} ${result.definitions.registries.length === 1 ? 'registry' : 'registries'}, ${summary.errors} errors, ${summary.warnings} warnings\n`,
        );
      }
      return failed ? 1 : 0;
    }
    case 'compile': {
      if (!values.out) throw new UsageError('compile needs --out OUT (the folder to write to)');
      const out = resolve(String(values.out));
      const written: string[] = [];
      for (const form of result.forms) {
        const file = join(
          out,
          form.meta.registry,
          form.meta.registrationType,
          form.meta.version,
          'form.json',
        );
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${JSON.stringify(form, null, 2)}\n`);
        written.push(file);
      }
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'catalog.json'), `${JSON.stringify(result.catalog, null, 2)}\n`);
      if (json)
        process.stdout.write(
          `${JSON.stringify({ written, skipped: result.skipped.map((v) => v.file), diagnostics, ...summary }, null, 2)}\n`,
        );
      else {
        printDiagnostics(diagnostics, json, dir);
        process.stdout.write(
          `compiled ${written.length} form${written.length === 1 ? '' : 's'} into ${out}${result.skipped.length ? `; ${result.skipped.length} skipped because of errors` : ''}\n`,
        );
      }
      return failed ? 1 : 0;
    }
    case 'catalog': {
      if (json) process.stdout.write(`${JSON.stringify(result.catalog, null, 2)}\n`);
      else {
        printDiagnostics(diagnostics, json, dir);
        for (const r of result.catalog.registries) {
          const lang = r.languages.required[0] ?? 'en';
          process.stdout.write(
            `${r.programme.title[lang]} › ${r.title[lang]} (${r.id}${r.dcd ? `, ${r.dcd}` : ''})\n`,
          );
          for (const t of r.registrationTypes) {
            process.stdout.write(`  ${t.id}: ${t.title[lang]}\n`);
            for (const v of t.versions)
              process.stdout.write(
                `    ${v.version}  ${v.status.padEnd(9)} effective ${v.effective}${v.latest ? '  ← latest' : ''}\n`,
              );
          }
        }
      }
      return failed ? 1 : 0;
    }
    default:
      throw new UsageError(`Unknown command '${command}'`);
  }
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`regforms: ${e.message}\nRun 'regforms --help' for usage.\n`);
    process.exitCode = 2;
  } else {
    // A bug in regforms itself, not bad input: say so plainly, with the detail for a report.
    process.stderr.write(
      `regforms: internal error: ${(e as Error).message}\nPlease report it with the definitions that caused it.\n`,
    );
    process.exitCode = 70;
  }
}
