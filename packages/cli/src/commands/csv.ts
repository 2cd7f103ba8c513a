/*
 * `regforms csv …`: template and dictionary, validate, import and export of CSV files for one
 * version of a registration type. The Node-only parts (files, the JSON store, progress on a
 * terminal) live here; everything else is @regforms/csv, which a browser page calls as well.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
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
import { MemoryStore, type RegistrationStore } from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { type Command, Option } from 'commander';
import { definitionsFolder, openStore, output, say } from '../output.ts';
import { loadForm } from '../resolve.ts';
import { UsageError } from '../usage.ts';

const ABOUT = `CSV files of registrations, one row per registration (HD4DP v2 conventions: header of technical names, separator ;, UTF-8, dates dd/mm/yyyy, codes joined by |, STATUS=draft keeps a row Open). The version defaults to the most recent one.`;

interface Common {
  definitions?: string;
  lang?: string;
}

/** The form and the language of its report, from the options every csv command takes. */
function formAndLang(spec: string, options: Common): { form: CompiledForm; lang: string } {
  const dir = definitionsFolder(options.definitions, 'pass --definitions DIR');
  const form = loadForm(dir, spec);
  const lang = options.lang ?? form.meta.defaultLanguage;
  if (!form.meta.languages.includes(lang))
    throw new UsageError(`--lang ${lang}: the form has ${form.meta.languages.join(', ')}`);
  return { form, lang };
}

function readInput(file: string): { bytes: Uint8Array; name: string } {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`No file ${file}`);
  return { bytes: readFileSync(path), name: basename(file) };
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

const wholeNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--threads ${value}: give a whole number, 0 or more`);
  return n;
};

/** The options of every csv command: the definitions folder and the language. */
function common(cmd: Command): Command {
  return cmd
    .argument('<form>', '<registry>/<type>[@version]; the most recent version when none is named')
    .option('--definitions <DIR>', 'the definitions folder', 'definitions')
    .option(
      '--lang <L>',
      'language of labels, messages, hints and the words of the report and of the dictionary (default: the form’s first language)',
    );
}

interface CheckOptions extends Common {
  store?: string;
  json?: boolean;
  progress?: boolean;
  threads: number;
}

export function csvCommands(program: Command, done: (code: number) => void): void {
  const csv = program
    .command('csv')
    .summary('CSV template and dictionary, validate, import, export (csv --help)')
    .description(ABOUT)
    .usage('<command> <registry>/<type>[@version] [options]')
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 a row was rejected or the file cannot be read, 2 usage error.',
    );

  common(csv.command('template'))
    .summary('the header line to fill, or the data dictionary')
    .description(
      'The header line to fill; with --dictionary, the dictionary of the columns (labels and its own words in --lang; type, format, codes, when required) instead.',
    )
    .addOption(
      new Option('--dictionary <format>', 'the data dictionary instead of the header').choices([
        'md',
        'csv',
        'html',
      ]),
    )
    .option('--out <FILE>', 'write to FILE instead of standard output')
    .action((spec: string, options: Common & { dictionary?: 'md' | 'csv' | 'html'; out?: string }) => {
      const { form, lang } = formAndLang(spec, options);
      const write = {
        md: dictionaryMarkdown,
        csv: dictionaryCsv,
        html: dictionaryHtml,
      } as const;
      output(options.dictionary ? write[options.dictionary](form, lang) : templateCsv(form), options.out);
      done(0);
    });

  const checking = (name: 'validate' | 'import', summary: string) =>
    common(csv.command(name))
      .summary(summary)
      .argument('<FILE>', 'the CSV file')
      .option('--json', 'the report as JSON: { form, lang, dryRun, file, issues, rows, totals }')
      .option(
        '--progress',
        'rows checked so far on standard error, every 200 rows (always on a terminal; this forces it in a pipe or a log)',
      )
      .option(
        '--threads <N>',
        'check the rows of a file over 512 KB on N threads (0: on the main thread); the report is the same. A thread costs ~1 s of CPU to start: worth it for large files on many cores',
        wholeNumber,
        0,
      )
      .action(async (spec: string, file: string, options: CheckOptions) => {
        const { form, lang } = formAndLang(spec, options);
        const input = readInput(file);
        const dryRun = name === 'validate';
        const fileStore = options.store === undefined ? undefined : openStore(options.store);
        const store: RegistrationStore = fileStore ?? new MemoryStore();
        const onProgress = progress(options.progress === true);
        // Off unless asked: starting threads costs more than they save on a few cores (docs/csv.md).
        const pool = options.threads > 0 ? rowThreads(options.threads) : undefined;
        const report = await importCsv(form, input.bytes, {
          store,
          lang,
          dryRun,
          fileName: input.name,
          ...(onProgress ? { onProgress } : {}),
          ...(pool ? { threads: pool } : {}),
        }).finally(() => pool?.close());
        if (!dryRun) fileStore?.flush();
        if (options.json) process.stdout.write(formatReportJson(report));
        else say(formatReportText(report, { lang }));
        done(hasRejections(report) ? 1 : 0);
      });

  checking('validate', 'what an import would do, row by row; writes nothing').option(
    '--store <STORE.json>',
    'check replacements against the registrations already there',
  );
  checking(
    'import',
    'valid rows are sent, STATUS=draft rows saved as Open, rows with the business key of an existing registration replace it; invalid rows are rejected',
  ).requiredOption('--store <STORE.json>', 'the registrations file');

  common(csv.command('export'))
    .summary('the registrations of that version as CSV; importing the export gives the same registrations')
    .requiredOption('--store <STORE.json>', 'the registrations file')
    .option('--out <FILE>', 'write to FILE instead of standard output')
    .action(async (spec: string, options: Common & { store: string; out?: string }) => {
      const { form } = formAndLang(spec, options);
      output(await exportRegistrations(form, openStore(options.store)), options.out);
      done(0);
    });
}
