/**
 * One diagnostic shape for every stage (load, check, compile, CSV): where, what, how to fix.
 * Producers append to a list and go on; formatters below turn the list into text or JSON.
 */
import { didYouMean } from '@regforms/runtime';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** How to fix it, in one sentence. */
  hint: string;
  /** Path relative to the definitions folder (or as given for a single file). */
  file: string;
  line: number;
  col: number;
  /** Where in the document, e.g. `sections[2].fields[0].visible`. */
  path: string;
}

/** Stable codes, grouped by topic; the table in docs/diagnostics.md is generated from this. */
export const DIAGNOSTIC_CODES = {
  YAML_SYNTAX: 'The file is not valid YAML.',
  YAML_TAB: 'A tab is used for indentation.',
  YAML_DUPLICATE_KEY: 'The same key appears twice in one mapping.',
  YAML_TOO_DEEP:
    'The file nests more than 100 levels deep (brackets or list dashes left open); it is not read.',
  FORMAT_UNKNOWN_KEY: 'A key that the format does not have.',
  FORMAT_MISSING_KEY: 'A key the format requires is missing.',
  FORMAT_WRONG_TYPE: 'A value of the wrong kind (text, number, list, …).',
  FORMAT_BAD_VALUE: 'A value outside what the key accepts (id syntax, enumeration, date).',
  FORMAT_UNKNOWN_FIELD_TYPE: 'A field type that does not exist.',
  TEXT_HIDDEN_CHARACTER:
    'A text, code or name holds a character that changes what a reader sees without being seen: a bidirectional override or isolate, a zero-width character, a control character.',
  TEXT_TOO_LONG: 'A text longer than its kind allows (label 200 characters, help 1,000, message 300, …).',
  FILE_NAME_MISMATCH: 'The id or version inside a file differs from its file name.',
  FILE_MISPLACED: 'A file where the layout expects none, or a registration type folder not declared.',
  VERSION_NOT_SEMVER: 'A version number that is not semver (MAJOR.MINOR.PATCH).',
  VERSION_DUPLICATE: 'Two files claim the same version of a registration type.',
  REF_UNKNOWN_FRAGMENT: '`use:` names a fragment that does not exist.',
  REF_UNKNOWN_CODELIST: '`codelist:` names a code list that does not exist.',
  REF_UNKNOWN_OVERRIDE: '`with:` names a field id that the fragment does not have.',
  REPEAT_RULE_INVALID:
    'A repeat rule that does not fit its repeat (`itemCodelists` outside a repeat or not one list per item; `next` not a yes/no field of the item).',
  REF_FRAGMENT_CYCLE: 'A fragment uses itself, directly or through others.',
  ID_DUPLICATE: 'Two fields or sections of one form share an id.',
  NAME_DUPLICATE: 'Two fields of one form share a technical name.',
  CODE_DUPLICATE: 'A code appears twice in one code list or options list.',
  I18N_MISSING: 'A text lacks a required language.',
  I18N_UNKNOWN_LANGUAGE: 'A text in a language the registry does not declare.',
  EXPR_SYNTAX: 'A condition or expression that does not parse.',
  EXPR_UNKNOWN_FIELD: 'A condition names a field id that does not exist.',
  EXPR_TYPE: 'A condition compares values of different kinds, or uses an operator the field type lacks.',
  EXPR_UNKNOWN_CODE: 'A condition compares a coded field with a code it does not have.',
  EXPR_NOT_A_CONDITION: 'A visible/required/enabled condition that cannot compile to JSON Schema.',
  EXPR_SCOPE: 'A condition reaches into or out of a repeat.',
  COMPUTE_CYCLE: 'Computed fields depend on each other in a cycle.',
  REQUIRED_NEVER_SHOWN: 'A required field whose visibility condition can never hold.',
  CONSTRAINT_INVALID: 'A constraint that cannot hold or does not compile (min > max, bad pattern).',
  TERMINOLOGY_INVALID:
    'A SNOMED CT, LOINC or UCUM code that is not well formed (check digit, partition, unit grammar).',
  UNIT_WITHOUT_UCUM: 'A unit shown to the user without its UCUM code (`ucum:`), which FHIR consumers need.',
  BUSINESS_KEY_INVALID: 'The business key names an unknown field, a field in a repeat, or a note.',
  VERSION_BUMP_TOO_SMALL:
    'A version declares a smaller semver bump than its changes against the previous published version need.',
  PUBLISHED_CHANGED:
    'A published version, or a fragment, code list or registry.yaml it uses, changed since it was locked.',
  PUBLISHED_NOT_LOCKED:
    'A published version is not yet recorded in published.lock.json (run `regforms lock`).',
  PUBLISHED_RECOMPILED:
    "A published version's compiled form changed although its definition did not (a compiler change).",
  LOCK_INVALID: 'published.lock.json is not a lock file that `regforms lock` wrote.',
} as const;
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** `file:line:col severity CODE message` and the hint on the next line. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col} ${d.severity} ${d.code} ${d.message}\n  fix: ${d.hint}`;
}

export function formatDiagnostics(list: readonly Diagnostic[]): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  const lines = sortDiagnostics(list).map(formatDiagnostic);
  lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return lines.join('\n');
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.code.localeCompare(b.code),
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** " Did you mean 'x'?" or "" — appended to hints. */
export function suggestion(word: string, candidates: Iterable<string>): string {
  const s = didYouMean(word, candidates);
  return s ? ` Did you mean '${s}'?` : '';
}
