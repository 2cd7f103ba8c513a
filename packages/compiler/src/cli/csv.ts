/*
 * `regforms csv …`: template and dictionary, validate, import and export of CSV files for one
 * version of a registration type. The Node-only parts (files, the JSON store, progress on a
 * terminal) live here; everything else is @regforms/csv, which a browser page calls as well.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  dictionaryCsv,
  dictionaryHtml,
  dictionaryMarkdown,
  exportRegistrations,
  formatReportJson,
  formatReportText,
  hasRejections,
  importCsv,
  templateCsv,
} from '@regforms/csv';
import { rowThreads } from '@regforms/csv/threads';
import { didYouMean, formatDiagnostics, latestVersion } from '@regforms/definition';
import { MemoryStore, type RegistrationStore } from '@regforms/registrations';
import { FileStore, FileStoreError } from '@regforms/registrations/file-store';
import type { CompiledForm } from '@regforms/runtime';
import { compileDefinitions } from '../compile.ts';
import { readDefinitionFiles } from '../files.ts';

export const CSV_HELP = `Usage: regforms csv <command> <registry>/<type>[@version] [options]

CSV files of registrations, one row per registration (HD4DP v2 conventions: header of
technical names, separator ;, UTF-8, dates dd/mm/yyyy, codes joined by |, STATUS=draft keeps
a row Open). The version defaults to the most recent published one.

Commands:
  template <registry>/<type>[@version] [--dictionary md|csv|html] [--lang fr] [--out FILE]
      the header line to fill; with --dictionary, the dictionary of the columns (labels and
      its own words in --lang; type, format, codes, when required) instead
  validate <registry>/<type>[@version] FILE [--store STORE.json] [--json] [--lang fr]
      what an import would do, row by row; writes nothing (--store: check replacements
      against the registrations already there)
  import <registry>/<type>[@version] FILE --store STORE.json [--json] [--lang fr]
      valid rows are sent (registration code), STATUS=draft rows saved as Open, rows with
      the business key of an existing registration replace it; invalid rows are rejected
  export <registry>/<type>[@version] --store STORE.json [--out FILE]
      the registrations of that version as CSV (the newest per business key, drafts with
      STATUS=draft); importing the export gives the same registrations

Options:
  --definitions DIR  the definitions folder (default: definitions/)
  --lang L           language of labels, messages, hints and the words of the report and
                     of the dictionary (default: the form's first language)
  --json             the report as JSON: { form, lang, dryRun, file, issues, rows, totals }
  --out FILE         write to FILE instead of standard output
  --progress         rows checked so far on standard error, every 200 rows (always on a
                     terminal; this forces it in a pipe or a log)
  --threads N        check the rows of a file over 512 KB on N threads (default 0: on the
                     main thread); the report is the same. A thread costs ~1 s of CPU to
                     start (code, the form's validator): worth it for large files on many cores

Exit codes: 0 done, 1 a row was rejected or the file cannot be read, 2 usage error.`;

class CsvUsageError extends Error {}

const SPEC = /^([^/@\s]+)\/([^/@\s]+)(?:@(\S+))?$/;

/** The compiled form named by `<registry>/<type>[@version]`, or a usage error saying why not. */
function resolveForm(spec: string | undefined, dir: string): CompiledForm {
  if (!spec)
    throw new CsvUsageError('Name the form: <registry>/<type>[@version], e.g. angio/hospitalisation');
  const m = SPEC.exec(spec);
  if (!m)
    throw new CsvUsageError(
      `'${spec}' is not <registry>/<type>[@version] (e.g. angio/hospitalisation@1.1.0)`,
    );
  const [, registryId, typeId, wanted] = m as unknown as [string, string, string, string | undefined];
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CsvUsageError(`No definitions folder at ${dir}: pass --definitions DIR`);
  // Only the registry's own files and the shared ones: a registry compiles in a fraction of
  // the time of the whole folder. The whole folder is read only to suggest a registry name.
  const files = readDefinitionFiles(dir);
  const own = files.filter((f) => f.path.startsWith('_shared/') || f.path.startsWith(`${registryId}/`));
  let result = compileDefinitions(own);
  if (!result.definitions.registries.some((r) => r.id === registryId)) result = compileDefinitions(files);
  const known = (word: string, all: string[]) => {
    const s = didYouMean(word, all);
    return s ? ` Did you mean '${s}'?` : ` Known: ${all.join(', ')}.`;
  };
  const registry = result.definitions.registries.find((r) => r.id === registryId);
  if (!registry)
    throw new CsvUsageError(
      `No registry '${registryId}'.${known(
        registryId,
        result.definitions.registries.map((r) => r.id),
      )}`,
    );
  const type = registry.registrationTypes.find((t) => t.id === typeId);
  if (!type)
    throw new CsvUsageError(
      `No registration type '${typeId}' in ${registryId}.${known(
        typeId,
        registry.registrationTypes.map((t) => t.id),
      )}`,
    );
  const version = wanted ?? latestVersion(type)?.version;
  if (!version)
    throw new CsvUsageError(`${registryId}/${typeId} has no published version: name a draft with @version`);
  if (!type.versions.some((v) => v.version === version))
    throw new CsvUsageError(
      `${registryId}/${typeId} has no version ${version}. Versions: ${type.versions.map((v) => v.version).join(', ')}`,
    );
  const form = result.forms.find(
    (f) => f.meta.registry === registryId && f.meta.registrationType === typeId && f.meta.version === version,
  );
  if (!form) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    throw new CsvUsageError(
      `${registryId}/${typeId}@${version} does not compile; fix its definition first:\n${formatDiagnostics(errors)}`,
    );
  }
  return form;
}

function output(text: string, out: string | undefined): void {
  if (out) writeFileSync(resolve(out), text);
  else process.stdout.write(text);
}

function readInput(file: string | undefined): { bytes: Uint8Array; name: string } {
  if (!file) throw new CsvUsageError('Name the CSV file to read');
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new CsvUsageError(`No file ${file}`);
  return { bytes: readFileSync(path), name: basename(file) };
}

function openStore(path: string | undefined, command: string): FileStore {
  if (!path) throw new CsvUsageError(`csv ${command} needs --store STORE.json (the registrations file)`);
  try {
    return new FileStore(resolve(path));
  } catch (e) {
    if (e instanceof FileStoreError) throw new CsvUsageError(e.message);
    throw e;
  }
}

/**
 * Progress on stderr, on a terminal (or with --progress): a pipe or a log gets the report and
 * nothing else unless asked. On a terminal the line is rewritten in place.
 */
function progress(forced: boolean): ((p: { rows: number; totalRows: number }) => void) | undefined {
  const tty = process.stderr.isTTY === true;
  if (!tty && !forced) return undefined;
  return ({ rows, totalRows }) => {
    const line = `${rows}/${totalRows} rows checked`;
    process.stderr.write(tty ? `\r${line}${rows === totalRows ? '\n' : ''}` : `${line}\n`);
  };
}

async function run(args: string[]): Promise<number> {
  const [command = '', ...rest] = args;
  if (command === '' || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${CSV_HELP}\n`);
    return command === '' ? 2 : 0;
  }
  if (!['template', 'validate', 'import', 'export'].includes(command))
    throw new CsvUsageError(
      `Unknown csv command '${command}'.${didYouMean(command, ['template', 'validate', 'import', 'export']) ? ` Did you mean '${didYouMean(command, ['template', 'validate', 'import', 'export'])}'?` : ''} Commands: template, validate, import, export.`,
    );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        lang: { type: 'string' },
        out: { type: 'string' },
        store: { type: 'string' },
        definitions: { type: 'string' },
        dictionary: { type: 'string' },
        progress: { type: 'boolean' },
        threads: { type: 'string' },
      },
    });
  } catch (e) {
    throw new CsvUsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${CSV_HELP}\n`);
    return 0;
  }
  const only = (option: string, commands: string[]) => {
    if (values[option] !== undefined && !commands.includes(command))
      throw new CsvUsageError(`--${option} is not an option of csv ${command}`);
  };
  only('dictionary', ['template']);
  only('store', ['validate', 'import', 'export']);
  only('out', ['template', 'export']);
  only('json', ['validate', 'import']);
  only('progress', ['validate', 'import']);
  only('threads', ['validate', 'import']);
  // Off unless asked: starting threads costs more than they save on a few cores (docs/csv.md).
  const threads = values.threads === undefined ? 0 : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 0)
    throw new CsvUsageError(`--threads ${String(values.threads)}: give a whole number, 0 or more`);
  const expected = command === 'validate' || command === 'import' ? 2 : 1;
  if (positionals.length > expected)
    throw new CsvUsageError(`Too many arguments: ${positionals.slice(expected).join(' ')}`);
  const dir = resolve(String(values.definitions ?? 'definitions'));
  const form = resolveForm(positionals[0], dir);
  const lang = values.lang === undefined ? form.meta.defaultLanguage : String(values.lang);
  if (!form.meta.languages.includes(lang))
    throw new CsvUsageError(`--lang ${lang}: the form has ${form.meta.languages.join(', ')}`);
  const out = values.out === undefined ? undefined : String(values.out);

  switch (command) {
    case 'template': {
      const kind = values.dictionary;
      if (kind === undefined) output(templateCsv(form), out);
      else if (kind === 'md') output(dictionaryMarkdown(form, lang), out);
      else if (kind === 'csv') output(dictionaryCsv(form, lang), out);
      else if (kind === 'html') output(dictionaryHtml(form, lang), out);
      else throw new CsvUsageError(`--dictionary ${String(kind)}: use md, csv or html`);
      return 0;
    }
    case 'validate':
    case 'import': {
      const input = readInput(positionals[1]);
      const dryRun = command === 'validate';
      const fileStore =
        dryRun && values.store === undefined
          ? undefined
          : openStore(values.store as string | undefined, command);
      const store: RegistrationStore = fileStore ?? new MemoryStore();
      const onProgress = progress(values.progress === true);
      // Started only when the file is large enough to hand its rows out (importCsv decides).
      const pool = threads > 0 ? rowThreads(threads) : undefined;
      const report = await importCsv(form, input.bytes, {
        store,
        lang,
        dryRun,
        fileName: input.name,
        ...(onProgress ? { onProgress } : {}),
        ...(pool ? { threads: pool } : {}),
      }).finally(() => pool?.close());
      if (!dryRun) fileStore?.flush();
      process.stdout.write(values.json ? formatReportJson(report) : formatReportText(report, { lang }));
      return hasRejections(report) ? 1 : 0;
    }
    case 'export': {
      const store = openStore(values.store as string | undefined, command);
      output(await exportRegistrations(form, store), out);
      return 0;
    }
    default:
      return 2;
  }
}

/** `regforms csv …`: returns the exit code; bad input never ends in a stack trace. */
export async function runCsv(args: string[]): Promise<number> {
  try {
    return await run(args);
  } catch (e) {
    if (e instanceof CsvUsageError) {
      process.stderr.write(`regforms: ${e.message}\nRun 'regforms csv --help' for usage.\n`);
      return 2;
    }
    process.stderr.write(
      `regforms: internal error: ${(e as Error).message}\nPlease report it with the file that caused it.\n`,
    );
    return 70;
  }
}
