/*
 * The content hash of a version: sha256 of what the version means — the resolved model
 * (fields, code lists and fragments included) and the registry data a compiled form carries —
 * without positions, comments or layout of the YAML. Equal hashes: the same definition,
 * whichever compiler compiles it; the lock file records it for every published version.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Registry, Version } from '@regforms/definition';
import { canonicalJson } from '@regforms/runtime';
import { normalise } from './expr.ts';

/**
 * Keys of the model that say where or how something was written, not what it means; and
 * `identifier`, which says how a value leaves the hospital node (pseudonymised), not what the
 * form asks or accepts: a registry may mark a field of a published version as identifying the
 * patient (the compiled form changes, its meaning does not). `ucum` likewise: the UCUM code
 * restates the unit a field already shows, for FHIR consumers; the data accepted are the same.
 */
const NOT_CONTENT = new Set(['loc', 'file', 'sourceText', 'sources', 'identifier', 'ucum']);

function canonical(value: unknown): string {
  return canonicalJson(value, (key, v) => {
    if (NOT_CONTENT.has(key)) return undefined;
    // A condition or expression: its canonical text, whatever the spacing or brackets.
    if (v && typeof v === 'object' && 'expr' in v && 'text' in v && typeof v.text === 'string')
      return normalise(v.expr as Parameters<typeof normalise>[0]);
    return v;
  });
}

/** sha256 (hex) of a version's meaning: changes when anything its compiled form says changes. */
export function contentHash(registry: Registry, version: Version): string {
  const type = registry.registrationTypes.find((t) => t.id === version.registrationType);
  const content = {
    registry: {
      id: registry.id,
      dcd: registry.dcd,
      programme: registry.programme,
      title: registry.title,
      languages: registry.languages,
    },
    registrationType: { id: version.registrationType, title: type?.title },
    version,
  };
  return bytesToHex(sha256(utf8ToBytes(canonical(content))));
}

/** sha256 (hex) of a file's text, as recorded in the lock for each source of a version. */
export function fileHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
