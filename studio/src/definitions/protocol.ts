/* What the compile worker answers. */
import type { Diagnostic } from '@regforms/definition';
import type { VersionDiff } from '@regforms/diff';
import type { Catalog, CompiledForm } from '@regforms/runtime';

export interface SkippedVersion {
  registry: string;
  registrationType: string;
  version: string;
  file: string;
}

/** What one compile gives the studio: the compiled forms, the catalog, every diagnostic. */
export interface Compiled {
  forms: CompiledForm[];
  catalog: Catalog;
  diagnostics: Diagnostic[];
  skipped: SkippedVersion[];
  /** Time spent compiling, in ms. */
  ms: number;
}

export interface DiffResult {
  diff?: VersionDiff;
  /** Versions that are missing or have errors, so cannot be compared. */
  unusable: string[];
}
