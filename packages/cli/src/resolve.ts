/*
 * The one way a command names a form: `<registry>/<type>[@version]` (or `@A..B` for a range),
 * looked up in a definitions folder with "did you mean" for a misspelt registry or type and
 * every version listed for a missing one.
 */
import type { CompileResult } from '@regforms/compiler';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { formatDiagnostics, type RegistrationType, type Registry, type Version } from '@regforms/definition';
import { type CompiledForm, compareVersions, didYouMean, mostRecent } from '@regforms/runtime';
import { UsageError } from './usage.ts';

export interface FormSpec {
  registry: string;
  type: string;
  version?: string;
}

const FORM = /^([^/@\s]+)\/([^/@\s]+)(?:@(\S+))?$/;
const RANGE = /^([^/@\s]+)\/([^/@\s]+)@([^.\s][^\s]*?)\.\.([^\s]+)$/;

/** `angio/hospitalisation` or `angio/hospitalisation@1.1.0`. */
export function parseFormSpec(spec: string | undefined): FormSpec {
  if (!spec) throw new UsageError('Name the form: <registry>/<type>[@version], e.g. angio/hospitalisation');
  const m = FORM.exec(spec);
  if (!m)
    throw new UsageError(`'${spec}' is not <registry>/<type>[@version] (e.g. angio/hospitalisation@1.1.0)`);
  return { registry: m[1]!, type: m[2]!, ...(m[3] ? { version: m[3] } : {}) };
}

/** `angio/hospitalisation@1.0.0..1.1.0`. */
export function parseRangeSpec(spec: string | undefined): FormSpec & { from: string; to: string } {
  if (!spec)
    throw new UsageError(
      'Name two versions: <registry>/<type>@A..B, e.g. angio/hospitalisation@1.0.0..1.1.0',
    );
  const m = RANGE.exec(spec);
  if (!m)
    throw new UsageError(`'${spec}' is not <registry>/<type>@A..B (e.g. angio/hospitalisation@1.0.0..1.1.0)`);
  return { registry: m[1]!, type: m[2]!, from: m[3]!, to: m[4]! };
}

const suggest = (word: string, all: string[]) => {
  const s = didYouMean(word, all);
  return s ? ` Did you mean '${s}'?` : ` Known: ${all.join(', ')}.`;
};

/** The registry and registration type named, or a usage error with "did you mean". */
export function findType(
  result: Pick<CompileResult, 'definitions'>,
  spec: FormSpec,
  where: string,
): { registry: Registry; type: RegistrationType } {
  const registries = result.definitions.registries;
  const registry = registries.find((r) => r.id === spec.registry);
  if (!registry)
    throw new UsageError(
      `No registry '${spec.registry}' in ${where}.${suggest(
        spec.registry,
        registries.map((r) => r.id),
      )}`,
    );
  const type = registry.registrationTypes.find((t) => t.id === spec.type);
  if (!type)
    throw new UsageError(
      `No registration type '${spec.type}' in ${spec.registry}.${suggest(
        spec.type,
        registry.registrationTypes.map((t) => t.id),
      )}`,
    );
  return { registry, type };
}

/** A version of the type (the most recent one when none is named), or a usage error listing them. */
export function findVersion(type: RegistrationType, registryId: string, wanted?: string): Version {
  const name = `${registryId}/${type.id}`;
  const version = wanted ?? mostRecent(type.versions)?.version;
  if (!version) throw new UsageError(`${name} has no published version: name a draft with @version`);
  const found = type.versions.find((v) => v.version === version);
  if (!found) {
    // Versions differ by a digit or two, so every one is listed rather than a guess.
    const known = [...type.versions]
      .sort((x, y) => compareVersions(x.version, y.version))
      .map((v) => `${v.version}${v.status === 'draft' ? ' (draft)' : ''}`);
    throw new UsageError(`${name} has no version ${version}. Versions: ${known.join(', ')}.`);
  }
  return found;
}

/**
 * The compiled form named by `<registry>/<type>[@version]` in a definitions folder. Only the
 * registry's own files and the shared ones are compiled (a fraction of the whole folder); the
 * whole folder only when the registry is not found, to suggest a name.
 */
export function loadForm(dir: string, specText: string | undefined): CompiledForm {
  return resolveForm(dir, specText).form;
}

/** The form named, and every form compiled with it (its registry's, at least). */
export function resolveForm(
  dir: string,
  specText: string | undefined,
): { form: CompiledForm; forms: CompiledForm[] } {
  const spec = parseFormSpec(specText);
  const files = readDefinitionFiles(dir);
  const own = files.filter((f) => f.path.startsWith('_shared/') || f.path.startsWith(`${spec.registry}/`));
  let result = compileDefinitions(own);
  if (!result.definitions.registries.some((r) => r.id === spec.registry)) result = compileDefinitions(files);
  const { type } = findType(result, spec, dir);
  const version = findVersion(type, spec.registry, spec.version);
  const form = result.forms.find(
    (f) =>
      f.meta.registry === spec.registry &&
      f.meta.registrationType === spec.type &&
      f.meta.version === version.version,
  );
  if (!form) {
    const errors = result.diagnostics.filter(
      (d) => d.severity === 'error' && version.sources.includes(d.file),
    );
    throw new UsageError(
      `${spec.registry}/${spec.type}@${version.version} does not compile; fix its definition first:\n${formatDiagnostics(errors)}`,
    );
  }
  return { form, forms: result.forms };
}
