// Builds the example hospital portal into renderer/dist/example: the compiled forms of
// definitions/ with their validators modules and first paints, the <regforms-form> bundle and
// the page. `pnpm example` then serves it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileDefinitions, validatorsModule } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { formatDiagnostics, hasErrors } from '@regforms/definition';
import { writeFirstPaints } from './first-paints.ts';

const renderer = join(import.meta.dirname, '..');
const root = join(renderer, '..');
/** Builds into `out` (default renderer/dist/example); tests pass a folder of their own. */
export function buildExample(out = join(renderer, 'dist', 'example')): string {
  rmSync(out, { recursive: true, force: true });
  const result = compileDefinitions(readDefinitionFiles(join(root, 'definitions')));
  if (hasErrors(result.diagnostics)) throw new Error(formatDiagnostics(result.diagnostics));
  for (const form of result.forms) {
    const file = join(
      out,
      'forms',
      form.meta.registry,
      form.meta.registrationType,
      form.meta.version,
      'form.json',
    );
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(form));
    writeFileSync(join(dirname(file), 'validators.js'), validatorsModule(form));
    writeFirstPaints(dirname(file), form);
  }
  writeFileSync(join(out, 'forms', 'catalog.json'), JSON.stringify(result.catalog));
  execFileSync(
    process.execPath,
    [join(renderer, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: renderer,
      env: { ...process.env, NODE_ENV: 'production', REGFORMS_OUT: out },
      stdio: 'inherit',
    },
  );
  for (const page of ['index.html', 'portal.js', 'favicon.svg'])
    copyFileSync(join(renderer, 'example', page), join(out, page));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(`built ${buildExample()}`);
