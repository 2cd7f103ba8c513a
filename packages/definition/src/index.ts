export { buildCatalog } from './catalog.ts';
export { checkDefinitions, valueKind } from './check.ts';
export type { Diagnostic, DiagnosticCode, Severity } from './diagnostics.ts';
export {
  DIAGNOSTIC_CODES,
  formatDiagnostic,
  formatDiagnostics,
  hasErrors,
  sortDiagnostics,
} from './diagnostics.ts';
export type { FieldType, KeySpec, NodeKind, ValueSpec } from './format.ts';
export { FIELD_COMMON_KEYS, FIELD_TYPE_KEYS, FIELD_TYPES, MAX_REPEAT, NODE_KEYS } from './format.ts';
export type { LoadResult, SourceFile } from './load.ts';
export { loadDefinitions } from './load.ts';
export type {
  Check,
  Code,
  CodeList,
  Definitions,
  Field,
  Lang,
  Languages,
  Loc,
  MessageKey,
  RegistrationType,
  Registry,
  Section,
  Source,
  Status,
  Text,
  Version,
} from './model.ts';
export type { FieldInfo } from './walk.ts';
export { fieldsOf, sectionsOf, visibilityOf } from './walk.ts';

import { checkDefinitions } from './check.ts';
import type { Diagnostic } from './diagnostics.ts';
import { type LoadResult, loadDefinitions, type SourceFile } from './load.ts';

/** Load and check in one call: the model and every diagnostic. */
export function readDefinitions(files: readonly SourceFile[]): LoadResult {
  const result = loadDefinitions(files);
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  checkDefinitions(result.definitions, diagnostics);
  return { definitions: result.definitions, diagnostics };
}
export { formatSchemas } from './format-schema.ts';
