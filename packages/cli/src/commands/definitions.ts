/* `regforms check`, `compile` and `catalog`: a definitions folder checked, compiled, listed. */
import { resolve } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles, writeCompiled } from '@regforms/compiler/node';
import { hasErrors, sortDiagnostics } from '@regforms/definition';
import type { Command } from 'commander';
import { count, definitionsFolder, printDiagnostics, printJson, say } from '../output.ts';

export function compileFolder(dirArg: string | undefined) {
  const dir = definitionsFolder(dirArg);
  const result = compileDefinitions(readDefinitionFiles(dir));
  const diagnostics = sortDiagnostics(result.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    dir,
    result,
    diagnostics,
    failed: hasErrors(diagnostics),
    errors,
    warnings: diagnostics.length - errors,
  };
}

export function definitionCommands(program: Command, done: (code: number) => void): void {
  program
    .command('check')
    .summary('check every definition')
    .description(
      'Loads and checks every file of the definitions folder DIR and prints each problem as file:line:col severity CODE message, with a fix.',
    )
    .argument('[DIR]', 'the definitions folder', 'definitions')
    .option('--json', 'print { "diagnostics": [...], "errors": N, "warnings": N }')
    .action((dirArg: string, options: { json?: boolean }) => {
      const c = compileFolder(dirArg);
      if (options.json) printJson({ diagnostics: c.diagnostics, errors: c.errors, warnings: c.warnings });
      else {
        printDiagnostics(c.diagnostics, c.dir);
        const versions = c.result.forms.length + c.result.skipped.length;
        const registries = c.result.definitions.registries.length;
        say(
          `${c.failed ? 'check failed' : 'check passed'}: ${count(versions, 'version')} in ${count(registries, 'registry', 'registries')}, ${c.errors} errors, ${c.warnings} warnings\n`,
        );
      }
      done(c.failed ? 1 : 0);
    });

  program
    .command('compile')
    .summary('write OUT/catalog.json and one form.json per version')
    .description(
      'Checks DIR and writes one compiled form per version to OUT/<registry>/<type>/<version>/form.json (keys: meta, schema, uischema, i18n, csv, logic), beside it validators.js (the compiled validation code) and questionnaire.json (the FHIR R4 Questionnaire), and the catalog to OUT/catalog.json. Versions touched by an error are not written.',
    )
    .argument('[DIR]', 'the definitions folder', 'definitions')
    .requiredOption('--out <OUT>', 'the folder to write to')
    .option('--json', 'print { written, skipped, diagnostics, errors, warnings }')
    .option('--fhir-base <URL>', 'canonical base URL of the FHIR Questionnaires written beside each form')
    .action((dirArg: string, options: { out: string; json?: boolean; fhirBase?: string }) => {
      const c = compileFolder(dirArg);
      const out = resolve(options.out);
      const written = writeCompiled(out, c.result, options.fhirBase ? { fhirBase: options.fhirBase } : {});
      const skipped = c.result.skipped.length;
      if (options.json)
        printJson({
          written,
          skipped: c.result.skipped.map((v) => v.file),
          diagnostics: c.diagnostics,
          errors: c.errors,
          warnings: c.warnings,
        });
      else {
        printDiagnostics(c.diagnostics, c.dir);
        say(
          `compiled ${count(written.length, 'form')} into ${out}${skipped ? `; ${skipped} skipped because of errors` : ''}\n`,
        );
      }
      done(c.failed ? 1 : 0);
    });

  program
    .command('catalog')
    .summary('list programmes, registries, registration types and versions')
    .description(
      'Prints programme → registry → registration type → versions, marking the most recent version of each registration type (the highest published one; a draft never is).',
    )
    .argument('[DIR]', 'the definitions folder', 'definitions')
    .option('--json', 'print the catalog as JSON (as compile writes catalog.json)')
    .action((dirArg: string, options: { json?: boolean }) => {
      const c = compileFolder(dirArg);
      if (options.json) printJson(c.result.catalog);
      else {
        printDiagnostics(c.diagnostics, c.dir);
        for (const r of c.result.catalog.registries) {
          const lang = r.languages.required[0] ?? 'en';
          say(`${r.programme.title[lang]} › ${r.title[lang]} (${r.id}${r.dcd ? `, ${r.dcd}` : ''})\n`);
          for (const t of r.registrationTypes) {
            say(`  ${t.id}: ${t.title[lang]}\n`);
            for (const v of t.versions)
              say(
                `    ${v.version}  ${v.status.padEnd(9)} effective ${v.effective}${v.latest ? '  ← most recent' : ''}\n`,
              );
          }
        }
      }
      done(c.failed ? 1 : 0);
    });
}
