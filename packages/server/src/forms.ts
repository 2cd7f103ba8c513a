/*
 * The forms a node serves: its definitions folder compiled once at start, looked up by
 * registry, type and version (the most recent when none is named), with "did you mean" for a
 * misspelt name. Every consumer (API, CSV upload, export) takes its forms from here.
 */
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import type { Diagnostic } from '@regforms/definition';
import { type Catalog, type CompiledForm, compareVersions, didYouMean } from '@regforms/runtime';
import { ApiError } from './errors.ts';

export interface Forms {
  catalog: Catalog;
  /** The compiled form, or a 404 ApiError saying what exists. */
  find(registry: string, type: string, version?: string): CompiledForm;
  /** A registry of the catalog, or a 404 ApiError with "did you mean". */
  registry(id: string): Catalog['registries'][number];
  /** Every compiled form. */
  all(): CompiledForm[];
  /** Errors in the definitions (the versions they touch are not served). */
  diagnostics: Diagnostic[];
}

/** Suggestions only for names of a plausible length: a 10,000-character name gets none. */
function suggestion(word: string, known: string[]): string {
  const s = word.length <= 100 ? didYouMean(word, known) : undefined;
  return s ? ` Did you mean '${s}'?` : ` Known: ${known.join(', ') || 'none'}.`;
}

/** A name as it is quoted in a message: bounded, so a hostile one does not fill the answer. */
export function quoted(name: string): string {
  return `'${name.length > 60 ? `${name.slice(0, 60)}…` : name}'`;
}

export function formsOf(catalog: Catalog, compiled: CompiledForm[], diagnostics: Diagnostic[] = []): Forms {
  const byKey = new Map(
    compiled.map((f) => [`${f.meta.registry}/${f.meta.registrationType}@${f.meta.version}`, f]),
  );
  return {
    catalog,
    diagnostics,
    all: () => compiled,
    registry(id) {
      const reg = catalog.registries.find((r) => r.id === id);
      if (!reg)
        throw new ApiError(
          404,
          'UNKNOWN_REGISTRY',
          `No registry ${quoted(id)}.${suggestion(
            id,
            catalog.registries.map((r) => r.id),
          )}`,
        );
      return reg;
    },
    find(registry, type, version) {
      const reg = this.registry(registry);
      const t = reg.registrationTypes.find((x) => x.id === type);
      if (!t)
        throw new ApiError(
          404,
          'UNKNOWN_TYPE',
          `No registration type ${quoted(type)} in ${registry}.${suggestion(
            type,
            reg.registrationTypes.map((x) => x.id),
          )}`,
        );
      const wanted = version ?? t.latest;
      const form = wanted ? byKey.get(`${registry}/${type}@${wanted}`) : undefined;
      if (!form) {
        const known = [...t.versions]
          .sort((a, b) => compareVersions(a.version, b.version))
          .map(
            (v) => `${v.version}${v.status === 'draft' ? ' (draft)' : ''}${v.latest ? ' (most recent)' : ''}`,
          );
        throw new ApiError(
          404,
          'UNKNOWN_VERSION',
          wanted
            ? `${registry}/${type} has no version ${quoted(wanted)}. Versions: ${known.join(', ')}.`
            : `${registry}/${type} has no published version: name a draft's version.`,
        );
      }
      return form;
    },
  };
}

/** Compiles a definitions folder; versions with errors are left out and their errors kept. */
export function loadForms(dir: string): Forms {
  const result = compileDefinitions(readDefinitionFiles(dir));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  return formsOf(result.catalog, result.forms, errors);
}
