/*
 * The compiler's Node entry (`@regforms/compiler/node`): a definitions folder read from disk
 * and compiled forms written to disk. The main entry stays free of Node so the studio runs the
 * same compiler in a Web Worker.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { SourceFile } from '@regforms/definition';
import { previousVersion, toQuestionnaire } from '@regforms/fhir';
import { type CompiledForm, LOCK_FILE } from '@regforms/runtime';
import type { CompileResult } from './compile.ts';
import { validatorsModule } from './emit/validators.ts';

/** Every YAML file under a definitions folder, paths relative to it with `/`. */
export function readDefinitionFiles(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      // The lock of published versions is part of the folder, like its YAML files.
      else if (/\.ya?ml$/.test(name) || (d === dir && name === LOCK_FILE))
        out.push({ path: relative(dir, p).split(sep).join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** Where `regforms compile --out OUT` puts a version's compiled form. */
export function formPath(out: string, form: Pick<CompiledForm, 'meta'>): string {
  return join(out, form.meta.registry, form.meta.registrationType, form.meta.version, 'form.json');
}

/** The validators module beside a version's form.json (emit/validators.ts). */
export function validatorsPath(out: string, form: Pick<CompiledForm, 'meta'>): string {
  return join(dirname(formPath(out, form)), VALIDATORS_FILE);
}
export const VALIDATORS_FILE = 'validators.js';

/** The FHIR R4 Questionnaire beside a version's form.json (@regforms/fhir). */
export const QUESTIONNAIRE_FILE = 'questionnaire.json';

/**
 * Writes `OUT/catalog.json` and, per compiled version, `form.json`, its `validators.js` and its
 * FHIR `questionnaire.json` (canonical URLs under `fhirBase`); returns the form files written.
 */
export function writeCompiled(
  out: string,
  result: Pick<CompileResult, 'forms' | 'catalog'>,
  options: { fhirBase?: string } = {},
): string[] {
  const written: string[] = [];
  for (const form of result.forms) {
    const file = formPath(out, form);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(form, null, 2)}\n`);
    writeFileSync(validatorsPath(out, form), validatorsModule(form));
    const previous = previousVersion(form, result.forms);
    const { questionnaire } = toQuestionnaire(form, {
      ...(options.fhirBase ? { base: options.fhirBase } : {}),
      ...(previous ? { previousVersion: previous } : {}),
    });
    writeFileSync(join(dirname(file), QUESTIONNAIRE_FILE), `${JSON.stringify(questionnaire, null, 2)}\n`);
    written.push(file);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'catalog.json'), `${JSON.stringify(result.catalog, null, 2)}\n`);
  return written;
}
