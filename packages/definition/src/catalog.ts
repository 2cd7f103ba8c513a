import { type Catalog, compareVersions, mostRecent } from '@regforms/runtime';
import type { Definitions } from './model.ts';

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
          const latest = mostRecent(t.versions)?.version ?? null;
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
