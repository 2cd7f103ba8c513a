import {
  buildCatalog,
  type Definitions,
  type Diagnostic,
  readDefinitions,
  type SourceFile,
  type Version,
} from '@regforms/definition';
import type { Catalog, CompiledForm } from '@regforms/runtime';
import { emitForm } from './emit/form.ts';
import { checkLock, checkVersionBumps } from './versions.ts';

export interface CompileResult {
  definitions: Definitions;
  catalog: Catalog;
  /** One compiled form per version whose files have no error. */
  forms: CompiledForm[];
  /** Versions not compiled because an error touches one of their files. */
  skipped: Version[];
  diagnostics: Diagnostic[];
}

/** The whole pipeline: load → check → emit, over the files of a definitions folder. */
export function compileDefinitions(files: readonly SourceFile[]): CompileResult {
  const { definitions, diagnostics } = readDefinitions(files);
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const forms: CompiledForm[] = [];
  const skipped: Version[] = [];
  for (const registry of definitions.registries)
    for (const type of registry.registrationTypes)
      for (const version of type.versions) {
        if (version.sources.some((f) => broken.has(f))) skipped.push(version);
        else forms.push(emitForm(registry, version));
      }
  // Version safety needs the diff and the compiled forms' hashes: see versions.ts.
  diagnostics.push(...checkVersionBumps(definitions, broken), ...checkLock(definitions, forms, files));
  return { definitions, catalog: buildCatalog(definitions), forms, skipped, diagnostics };
}
