/* Finding a registry, a registration type and its versions in the compiled catalog. */
import type { CatalogRegistry, CatalogType } from '@regforms/runtime';
import type { Compiled } from '../definitions/protocol.ts';

export interface TypeEntry {
  registry: CatalogRegistry;
  type: CatalogType;
}

export function findType(compiled: Compiled, registry: string, type: string): TypeEntry | undefined {
  const r = compiled.catalog.registries.find((x) => x.id === registry);
  const t = r?.registrationTypes.find((x) => x.id === type);
  return r && t ? { registry: r, type: t } : undefined;
}

/** The path of a version file in the definitions folder. */
export function versionPath(registry: string, type: string, version: string): string {
  return `${registry}/${type}/${version}.yaml`;
}

/** Whether a version compiled (no error in its files). */
export function isCompiled(compiled: Compiled, registry: string, type: string, version: string): boolean {
  return compiled.forms.some(
    (f) => f.meta.registry === registry && f.meta.registrationType === type && f.meta.version === version,
  );
}

/** Diagnostics that can concern one version: its file and the shared files it may use. */
export function diagnosticsOf<D extends { file: string }>(
  diagnostics: readonly D[],
  registry: string,
  type: string,
  version: string,
): D[] {
  const own = versionPath(registry, type, version);
  const otherVersion = (file: string) => {
    const [r, folder, name] = file.split('/');
    return (
      r === registry && name !== undefined && folder !== 'fragments' && folder !== 'codelists' && file !== own
    );
  };
  return diagnostics.filter(
    (d) => d.file.startsWith('_shared/') || (d.file.startsWith(`${registry}/`) && !otherVersion(d.file)),
  );
}
