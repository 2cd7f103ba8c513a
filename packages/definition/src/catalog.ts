import type { Definitions, RegistrationType, Registry, Text, Version } from './model.ts';

/** Compares two semver versions (pre-release tags sort before the release). */
export function compareVersions(a: string, b: string): number {
  const [ca, pa] = a.split('-', 2) as [string, string | undefined];
  const [cb, pb] = b.split('-', 2) as [string, string | undefined];
  const na = ca.split('.').map(Number);
  const nb = cb.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (na[i] ?? 0) - (nb[i] ?? 0);
    if (d !== 0) return d;
  }
  if (pa === pb) return 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  return pa.localeCompare(pb);
}

/** The most recent version: the highest published semver. Drafts never are. */
export function latestVersion(type: RegistrationType): Version | undefined {
  return type.versions
    .filter((v) => v.status === 'published')
    .sort((a, b) => compareVersions(b.version, a.version))[0];
}

export interface CatalogVersion {
  version: string;
  status: Version['status'];
  effective: string;
  title: Text;
  latest: boolean;
}

export interface CatalogType {
  id: string;
  title: Text;
  description?: Text;
  /** The most recent published version, or null when only drafts exist. */
  latest: string | null;
  versions: CatalogVersion[];
}

export interface CatalogRegistry {
  id: string;
  dcd: string | null;
  programme: { id: string; title: Text };
  title: Text;
  description?: Text;
  languages: Registry['languages'];
  registrationTypes: CatalogType[];
}

export interface Catalog {
  registries: CatalogRegistry[];
}

/** Programme → registry → registration type → versions, newest first. */
export function buildCatalog(defs: Definitions): Catalog {
  return {
    registries: [...defs.registries]
      .sort((a, b) => a.programme.id.localeCompare(b.programme.id) || a.id.localeCompare(b.id))
      .map((r) => ({
        id: r.id,
        dcd: r.dcd ?? null,
        programme: r.programme,
        title: r.title,
        ...(r.description ? { description: r.description } : {}),
        languages: r.languages,
        registrationTypes: r.registrationTypes.map((t) => {
          const latest = latestVersion(t)?.version ?? null;
          return {
            id: t.id,
            title: t.title,
            ...(t.description ? { description: t.description } : {}),
            latest,
            versions: [...t.versions]
              .sort((a, b) => compareVersions(b.version, a.version))
              .map((v) => ({
                version: v.version,
                status: v.status,
                effective: v.effective,
                title: v.title,
                latest: v.version === latest,
              })),
          };
        }),
      })),
  };
}
