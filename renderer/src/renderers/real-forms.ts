import { join } from 'node:path';
import { compileDefinitions } from '@regforms/compiler';
// Test-only: the compiler's file reader is not part of its public API.
import { readDefinitionFiles } from '@regforms/compiler/node';
import type { CompiledForm } from '@regforms/runtime';

let compiled: ReturnType<typeof compileDefinitions> | undefined;

/** The most recent compiled form of a real registration type of `definitions/` (tests only). */
export function compileReal(registry: string, type: string): CompiledForm {
  compiled ??= compileDefinitions(readDefinitionFiles(join(import.meta.dirname, '../../../definitions')));
  const forms = compiled.forms.filter(
    (f) => f.meta.registry === registry && f.meta.registrationType === type && f.meta.status === 'published',
  );
  const rank = (v: string) => v.split('.').reduce((n, part) => n * 1000 + Number(part), 0);
  forms.sort((a, b) => rank(b.meta.version) - rank(a.meta.version));
  const form = forms[0];
  if (!form) throw new Error(`no compiled form for ${registry}/${type}`);
  return form;
}
